import { useEffect, useId, useRef, useState } from 'react';
import type { EvidenceVerification, ProgressEvent } from '@core/api/contract';
import type { ReconcilePhase } from '@core/engine/reconcile';
import { describeIssue } from '@core/model/import-issue';
import { getApi } from '../../api';

// Every phase of the engine is labelled (a new one fails the build until it is); 'parse' is the inputs read for
// re-performance; a verification never stores.
const PHASE_LABELS: Partial<Record<ProgressEvent['phase'], string>> & Record<ReconcilePhase, string> = {
  read: 'Verifying: checking every file against the manifest…',
  parse: 'Verifying: re-performing the reconciliation from the pack\'s inputs (reading them)…',
  sort: 'Verifying: re-performing the reconciliation from the pack\'s inputs (sorting)…',
  keys: 'Verifying: re-performing the reconciliation from the pack\'s inputs (indexing keys)…',
  match: 'Verifying: re-performing the reconciliation from the pack\'s inputs (matching)…',
  names: 'Verifying: re-performing the reconciliation from the pack\'s inputs (indexing names)…',
  classify: 'Verifying: re-performing the reconciliation from the pack\'s inputs (classifying)…',
};

/**
 * Verify an evidence pack, a folder or its .zip, with the same checks as `recondesk verify`: the CMS signature,
 * every file's hash against the manifest, and the findings re-performed from the pack's inputs byte for byte.
 */
export function VerifyPanel() {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | undefined>();
  const verifying = useRef<string | undefined>(undefined);
  const [result, setResult] = useState<{ readonly name: string; readonly verification?: EvidenceVerification; readonly error?: string } | undefined>();

  useEffect(
    () =>
      getApi().on('progress', (event) => {
        if (event.taskId === verifying.current) setProgress(event);
      }),
    [],
  );

  async function verify(kind: 'folder' | 'zip'): Promise<void> {
    const chosen = await getApi().chooseEvidence({ kind });
    if (!chosen.ok) return setResult({ name: '', error: describeIssue(chosen.error) });
    if (chosen.value === null) return undefined;
    const { name, token } = chosen.value;
    const verifyId = crypto.randomUUID();
    verifying.current = verifyId;
    setBusy(true);
    setResult(undefined);
    try {
      const verified = await getApi().verifyEvidence({ token, verifyId });
      return setResult(verified.ok ? { name, verification: verified.value } : { name, error: describeIssue(verified.error) });
    } finally {
      verifying.current = undefined;
      setBusy(false);
      setProgress(undefined);
    }
  }

  const cancel = (): void => {
    if (verifying.current) void getApi().cancelVerify({ verifyId: verifying.current });
  };

  const verification = result?.verification;
  const failed = verification?.checks.find((check) => !check.ok);
  return (
    <section className="verify" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Verify an evidence pack</h2>
      <p className="hint">Checks the signature, every file&apos;s SHA-256, then reconciles the pack&apos;s inputs again and compares the findings byte for byte.</p>
      <div className="verify-actions">
        <button type="button" disabled={busy} onClick={() => void verify('zip')}>
          Verify a pack .zip…
        </button>
        <button type="button" disabled={busy} onClick={() => void verify('folder')}>
          Verify a pack folder…
        </button>
      </div>
      {busy && (
        <div className="run-progress">
          <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Verification progress" />
          <output>{PHASE_LABELS[progress?.phase ?? 'read']}</output>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {result?.error && (
        <p className="error" role="alert">
          {result.error}
        </p>
      )}
      {verification && (
        <div className="verify-result" data-testid="verify-result">
          <output className={verification.ok ? 'verdict ok' : 'verdict broken'} data-testid="verify-verdict">
            {verification.ok
              ? `${result.name} holds: run ${verification.runId?.slice(0, 16)}, exported ${verification.exportedAt}${verification.review ? `, review ${verification.review.name} (${verification.review.application}, ${verification.review.period})` : ''}.`
              : `${result.name} does NOT hold: ${failed?.check}: ${failed?.detail}`}
          </output>
          <ul className="verify-checks">
            {verification.checks.map((check) => (
              <li key={check.check} className={check.ok ? 'ok' : 'broken'}>
                <strong>{check.ok ? 'ok' : 'FAILED'}</strong> {check.check}: {check.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
