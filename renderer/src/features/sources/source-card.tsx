import { useRef, useState } from 'react';
import type { ChosenFile } from '@core/api/contract';
import { describeIssue } from '@core/model/import-issue';
import { SOURCE_KIND_LABELS, type SourceKind } from '@core/import/source-kind';
import { getApi } from '../../api';
import { importSources, type FileToImport, type ImportProgress } from '../../workspace/import-source';
import { useCatalogue } from '../../workspace/catalogue-context';
import type { SourceRecord, Workspace } from '../../workspace/workspace';
import { describeFormat } from './format-summary';
import { ImportDialog } from './import-dialog';
import { ProgressBar } from './progress-bar';

interface Props {
  readonly kind: SourceKind;
  readonly workspace: Workspace;
  /** The review's application, offered as the target's application. */
  readonly application?: string;
  /** Every file of the current import of this kind. */
  readonly current: readonly SourceRecord[];
  readonly optional?: boolean;
}

const HINTS: Record<SourceKind, string> = {
  'entra-users': 'Entra admin center → Users → Download users (CSV), Graph /users JSON or Get-MgUser | Export-Csv',
  'entra-signins': 'Sign-in activity per user (Graph signInActivity), when it is not in the users export',
  'entra-assignments': 'Enterprise app → Users and groups, or Get-MgServicePrincipalAppRoleAssignedTo',
  'entra-provisioning': 'Enterprise app → Provisioning logs (the CSV download, all three files, or JSON)',
  target: "The application's user list: AWS, Salesforce, ServiceNow, GitHub, Google, Slack, Atlassian, Okta, SCIM or any CSV",
};

/** One source: what is imported now, and the button to import (or replace) it, with detection, progress and cancel. */
export function SourceCard({ kind, workspace, current, optional = false, application }: Props) {
  const catalogue = useCatalogue();
  const [chosen, setChosen] = useState<readonly ChosenFile[] | undefined>();
  const [progress, setProgress] = useState<ImportProgress | undefined>();
  const [error, setError] = useState<string | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  const label = SOURCE_KIND_LABELS[kind];

  async function choose(): Promise<void> {
    setError(undefined);
    const picked = await getApi().chooseFiles({ kind });
    if (!picked.ok) return setError(describeIssue(picked.error));
    if (picked.value.length > 0) setChosen(picked.value);
  }

  async function runImport(files: readonly FileToImport[]): Promise<void> {
    setChosen(undefined);
    abort.current = new AbortController();
    setProgress({ rowsStored: 0, bytesRead: 0, bytesTotal: 0 });
    try {
      const result = await importSources(getApi(), workspace, files, { onProgress: setProgress, signal: abort.current.signal });
      if (!result.ok) return setError(describeIssue(result.error));
      const first = files[0]?.choice;
      if (first?.kind === 'target' && first.application !== undefined && first.profileId !== undefined) {
        await catalogue.mappings.put({ application: first.application, profileId: first.profileId, mapping: first.mapping ?? {}, savedAt: new Date().toISOString() });
      }
    } finally {
      setProgress(undefined);
      abort.current = undefined;
    }
  }

  return (
    <article className="source-card" aria-label={label} data-kind={kind}>
      <h2>
        {label}
        {optional && <span className="optional"> (optional)</span>}
      </h2>
      <p className="hint">{HINTS[kind]}</p>
      {current.length > 0 ? (
        current.map((source) => <SourceFacts key={source.id} source={source} />)
      ) : (
        <p className="empty">Nothing imported yet.</p>
      )}
      {progress ? (
        <div className="import-progress">
          <ProgressBar progress={progress} />
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      ) : chosen ? (
        <ImportDialog kind={kind} files={chosen} application={application} onImport={(files) => void runImport(files)} onClose={() => setChosen(undefined)} />
      ) : (
        <button type="button" className="primary" onClick={() => void choose()}>
          {current.length > 0 ? 'Replace…' : 'Choose file…'}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

function SourceFacts({ source }: { readonly source: SourceRecord }) {
  const warnings = source.warnings ?? [];
  return (
    <dl className="source-facts">
      <dt>File</dt>
      <dd data-testid="source-file">{source.fileName}</dd>
      {source.format && (
        <>
          <dt>Format</dt>
          <dd>
            {describeFormat(source.format)}
            {source.profileId !== undefined && ` · ${source.application ?? source.profileId}`}
          </dd>
        </>
      )}
      <dt>Rows</dt>
      <dd data-testid="source-rows">{source.rowCount.toLocaleString('en-US')}</dd>
      {source.extractedAt !== undefined && (
        <>
          <dt>Extracted</dt>
          <dd>{source.extractedAt.replace('T', ' ').slice(0, 16)} UTC</dd>
        </>
      )}
      <dt>SHA-256</dt>
      <dd className="hash" title={source.sha256}>
        {source.sha256?.slice(0, 16)}…
      </dd>
      {warnings.length > 0 && (
        <>
          <dt>Warnings</dt>
          <dd>
            <details>
              <summary data-testid="source-warnings">{warnings.length}</summary>
              <ul>
                {warnings.map((warning, index) => (
                  <li key={index}>{describeIssue({ code: 'PARSE_ERROR', ...warning })}</li>
                ))}
              </ul>
            </details>
          </dd>
        </>
      )}
    </dl>
  );
}
