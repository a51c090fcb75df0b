import { useRef, useState } from 'react';
import { describeIssue } from '@core/model/import-issue';
import { SOURCE_KIND_LABELS, type SourceKind } from '@core/import/source-kind';
import { getApi } from '../../api';
import { importSource, type ImportProgress } from '../../workspace/import-source';
import type { SourceRecord, Workspace } from '../../workspace/workspace';
import { ProgressBar } from './progress-bar';

interface Props {
  readonly kind: SourceKind;
  readonly workspace: Workspace;
  readonly current: SourceRecord | undefined;
}

const HINTS: Record<SourceKind, string> = {
  'entra-users': 'Entra admin center → Users → Download users (CSV), Graph /users JSON or Get-MgUser | Export-Csv',
  'entra-signins': 'Sign-in activity per user (Graph signInActivity), when it is not in the users export',
  'entra-assignments': 'Enterprise app → Users and groups, or Get-MgServicePrincipalAppRoleAssignedTo',
  'entra-provisioning': 'Enterprise app → Provisioning logs (CSV download or JSON)',
  target: "The application's user list: AWS, Salesforce, ServiceNow, GitHub, Google, Slack, Atlassian, Okta, SCIM or any CSV",
};

/** One source: what is imported now, and the button to import (or replace) it, with progress and cancel. */
export function SourceCard({ kind, workspace, current }: Props) {
  const [progress, setProgress] = useState<ImportProgress | undefined>();
  const [error, setError] = useState<string | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  const label = SOURCE_KIND_LABELS[kind];

  async function chooseAndImport(): Promise<void> {
    setError(undefined);
    const api = getApi();
    const chosen = await api.chooseFiles({ kind });
    if (!chosen.ok) return setError(describeIssue(chosen.error));
    const file = chosen.value[0];
    if (!file) return;
    abort.current = new AbortController();
    setProgress({ rowsStored: 0, bytesRead: 0, bytesTotal: file.size });
    try {
      const result = await importSource(api, workspace, file.token, kind, { onProgress: setProgress, signal: abort.current.signal });
      if (!result.ok) setError(describeIssue(result.error));
    } finally {
      setProgress(undefined);
      abort.current = undefined;
    }
  }

  return (
    <article className="source-card" aria-label={label} data-kind={kind}>
      <h2>{label}</h2>
      <p className="hint">{HINTS[kind]}</p>
      {current ? (
        <dl className="source-facts">
          <dt>File</dt>
          <dd data-testid="source-file">{current.fileName}</dd>
          <dt>Rows</dt>
          <dd data-testid="source-rows">{current.rowCount.toLocaleString('en-US')}</dd>
          <dt>SHA-256</dt>
          <dd className="hash" title={current.sha256}>
            {current.sha256?.slice(0, 16)}…
          </dd>
        </dl>
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
      ) : (
        <button type="button" className="primary" onClick={() => void chooseAndImport()}>
          {current ? 'Replace…' : 'Choose file…'}
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
