import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ProgressEvent, SigningIdentities } from '@core/api/contract';
import type { ExportedPack } from '@core/api/export-request';
import type { ReconcilePhase } from '@core/engine/reconcile';
import { describeIssue } from '@core/model/import-issue';
import type { Reviewer } from '@core/review/audit-trail';
import type { Review } from '@core/review/review';
import { getApi } from '../../api';
import { exportRequestOf, sourcesOf } from '../../workspace/export-review';
import type { RunRecord, SourceRecord, Workspace } from '../../workspace/workspace';

// Every phase of the engine is labelled (a new one fails the build until it is); an export never parses or stores.
const PHASE_LABELS: Partial<Record<ProgressEvent['phase'], string>> & Record<ReconcilePhase, string> = {
  read: 'Reading the kept inputs again',
  sort: 'Sorting the identities and accounts again',
  keys: 'Indexing the identities\' keys again',
  match: 'Matching the accounts to identities again',
  names: 'Indexing the identities\' names for the name rule again',
  classify: 'Classifying the accounts and checking the counts against this run',
  write: 'Writing findings.csv, the workbook, the manifest and the signature',
};

const UNSIGNED = 'unsigned';

/** A folder name from the review's name and period: letters, digits and a few marks, as the dialog suggests it. */
const suggestedName = (review: Review): string => `Evidence ${review.name} ${review.period}`.replace(/[^\w .()-]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);

/**
 * The Export screen: the evidence pack of the review's current run, signed with one of the workspace's signing
 * identities (or, said explicitly, unsigned). Main re-performs the run from the inputs it kept and writes the pack;
 * the screen shows progress, can cancel, and ends with where the pack is, its fingerprint and how to verify it.
 */
export function ExportView({ workspace, review, run, isCurrent, reviewer }: { readonly workspace: Workspace; readonly review: Review; readonly run: RunRecord; readonly isCurrent: boolean; readonly reviewer: Reviewer | undefined }) {
  const id = useId();
  const [signing, setSigning] = useState<SigningIdentities | undefined>();
  const [signer, setSigner] = useState<string>('');
  const [passphrase, setPassphrase] = useState('');
  const [includeInputs, setIncludeInputs] = useState(true);
  const [progress, setProgress] = useState<ProgressEvent | undefined>();
  const [outcome, setOutcome] = useState<{ readonly pack?: ExportedPack; readonly error?: string } | undefined>();
  const exporting = useRef<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void getApi()
      .listSigningIdentities({})
      .then((listed) => {
        if (!live || !listed.ok) return undefined;
        setSigning(listed.value);
        return setSigner((chosen) => chosen || (listed.value.identities[0]?.id ?? UNSIGNED));
      });
    const off = getApi().on('progress', (event) => {
      if (event.taskId === exporting.current) setProgress(event);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  const missing = useMissingInputs(workspace, run);
  const identity = signing?.identities.find((candidate) => candidate.id === signer);
  const needsPassphrase = identity?.protectedBy === 'passphrase';

  async function exportPack(): Promise<void> {
    setOutcome(undefined);
    if (!reviewer) return setOutcome({ error: 'Say who you are first: the pack records the reviewer.' });
    const destination = await getApi().chooseExportDestination({ suggestedName: suggestedName(review) });
    if (!destination.ok) return setOutcome({ error: describeIssue(destination.error) });
    if (destination.value === null) return undefined;
    const exportId = crypto.randomUUID();
    exporting.current = exportId;
    setProgress({ taskId: exportId, phase: 'read', done: 0, total: 3 });
    try {
      const request = await exportRequestOf(workspace, review, reviewer, run, {
        exportId,
        destination: destination.value.token,
        includeInputs,
        signing: signer === UNSIGNED ? { kind: 'unsigned' } : { kind: 'identity', id: signer, ...(needsPassphrase ? { passphrase } : {}) },
      });
      if (!request.ok) return setOutcome({ error: request.error });
      const written = await getApi().exportPack(request.value);
      if (!written.ok) return setOutcome({ error: describeIssue(written.error) });
      const pack = written.value;
      await workspace.record('export', { pack: destination.value.name, run: pack.runId, signer: pack.signer?.fingerprint ?? 'unsigned', inputs: includeInputs ? 'included' : 'left out' }, new Date().toISOString());
      setPassphrase('');
      return setOutcome({ pack });
    } finally {
      exporting.current = undefined;
      setProgress(undefined);
    }
  }

  const cancel = (): void => {
    if (exporting.current) void getApi().cancelExport({ exportId: exporting.current });
  };

  return (
    <section className="export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Evidence pack</h2>
      <p className="hint">
        The run of {new Date(run.createdAt).toLocaleString()} (as of {run.asOf.slice(0, 10)}, {run.rowCount.toLocaleString('en-US')} rows): the workbook, findings.csv, the inputs
        byte for byte, a manifest of every file&apos;s SHA-256 and a CMS signature over it, as a folder and the same as one .zip. Anyone can verify it with openssl and re-perform it
        with Recondesk.
      </p>
      {missing.sources.length > 0 && (
        <div className="error" role="alert">
          <p>
            This machine holds no copy of {missing.sources.map((source) => source.fileName).join(', ')} (was the workspace restored from a backup?). The pack carries its inputs
            byte for byte: locate each file; its SHA-256 must be the one imported.
          </p>
          {missing.sources.map((source) => (
            <button key={source.id} type="button" onClick={() => void missing.locate(source)}>
              Locate {source.fileName}…
            </button>
          ))}
          {missing.problem && <p>{missing.problem}</p>}
        </div>
      )}
      {!isCurrent && (
        <p className="error" role="alert">
          The sources changed since this run: run the reconciliation again before exporting, so the pack shows what the sources give.
        </p>
      )}
      <div className="export-form">
        <label>
          Sign with
          <select value={signer} onChange={(event) => setSigner(event.target.value)} aria-describedby={`${id}-signer`}>
            {signing?.identities.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.subject}
              </option>
            ))}
            <option value={UNSIGNED}>No signature (unsigned: nothing proves who made it)</option>
          </select>
        </label>
        <span id={`${id}-signer`} className="hint">
          {identity ? `certificate SHA-256 ${identity.fingerprint}` : signing?.identities.length === 0 ? 'no signing identity yet: create one under All reviews › Signing identities' : ''}
        </span>
        {needsPassphrase && (
          <label>
            Passphrase of the key
            <input type="password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} autoComplete="off" />
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={includeInputs} onChange={(event) => setIncludeInputs(event.target.checked)} />
          Include the input files (their hashes stay in the manifest either way; without them the findings cannot be re-performed)
        </label>
      </div>
      {progress ? (
        <div className="run-progress">
          <progress max={progress.total} value={progress.done} aria-label="Export progress" />
          <span>{PHASE_LABELS[progress.phase]}</span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="primary" disabled={!isCurrent || missing.sources.length > 0 || (needsPassphrase && passphrase === '')} onClick={() => void exportPack()}>
          Export evidence pack…
        </button>
      )}
      {outcome?.error && (
        <p className="error" role="alert">
          {outcome.error}
        </p>
      )}
      {outcome?.pack && <ExportedSummary pack={outcome.pack} />}
    </section>
  );
}

/** The run's inputs main holds no copy of, and a way to give main the file again. */
function useMissingInputs(workspace: Workspace, run: RunRecord) {
  const [sources, setSources] = useState<readonly SourceRecord[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const check = useCallback(async (): Promise<readonly SourceRecord[]> => {
    const found = await sourcesOf(workspace, run);
    if (!found.ok) return [];
    const missing = await getApi().missingInputs({ inputs: found.value.map((source) => ({ sha256: source.sha256!, fileName: source.fileName })) });
    return missing.ok ? found.value.filter((source) => missing.value.includes(source.fileName)) : [];
  }, [workspace, run]);
  useEffect(() => {
    let live = true;
    void check().then((missing) => live && setSources(missing));
    return () => {
      live = false;
    };
  }, [check]);

  async function locate(source: SourceRecord): Promise<void> {
    setProblem(undefined);
    const chosen = await getApi().chooseFiles({ kind: source.kind });
    if (!chosen.ok) return setProblem(describeIssue(chosen.error));
    const file = chosen.value[0];
    if (file === undefined) return undefined;
    const kept = await getApi().keepInput({ token: file.token, sha256: source.sha256!, fileName: source.fileName });
    if (!kept.ok) return setProblem(describeIssue(kept.error));
    return setSources(await check());
  }
  return { sources, problem, locate };
}

function ExportedSummary({ pack }: { readonly pack: ExportedPack }) {
  return (
    <output className="export-result" data-testid="export-result">
      <p>
        Wrote the evidence pack: {pack.files} files, {pack.rows.toLocaleString('en-US')} rows, run <code>{pack.runId.slice(0, 16)}</code>.
      </p>
      <dl>
        <dt>Folder</dt>
        <dd>
          <code>{pack.folder}</code>
        </dd>
        <dt>Zip</dt>
        <dd>
          <code>{pack.zip}</code>
        </dd>
        <dt>Signed by</dt>
        <dd>{pack.signer ? pack.signer.subject : 'nobody: the pack is unsigned'}</dd>
        {pack.signer && (
          <>
            <dt>Certificate SHA-256</dt>
            <dd>
              <code data-testid="export-fingerprint">{pack.signer.fingerprint}</code> (record it: next quarter&apos;s pack should carry the same)
            </dd>
          </>
        )}
        <dt>Verify</dt>
        <dd>
          on the Verify screen (All reviews), with <code>npm run --silent recondesk -- verify &lt;folder or zip&gt;</code>, or with openssl as VERIFY.txt in the pack says
        </dd>
      </dl>
    </output>
  );
}
