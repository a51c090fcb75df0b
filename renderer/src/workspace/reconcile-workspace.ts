import { mapAccounts, mapIdentities } from '@core/import/map-rows';
import type { ImportIssue } from '@core/model/import-issue';
import type { ReconciliationRow } from '@core/model/reconciliation';
import { fail, ok, type Result } from '@core/model/result';
import { correlateByEmail } from '@core/reconcile/correlate-by-email';
import type { SourceRecord, Workspace } from './workspace';

export interface WorkspaceReconciliation {
  readonly identitySource: SourceRecord;
  readonly accountSource: SourceRecord;
  readonly identityCount: number;
  readonly accountCount: number;
  readonly rows: readonly ReconciliationRow[];
}

/** Correlates the current identities with the current accounts; undefined until both are imported. */
export async function reconcileWorkspace(workspace: Workspace): Promise<Result<WorkspaceReconciliation, ImportIssue> | undefined> {
  const [identitySource, accountSource] = await Promise.all([workspace.currentSource('entra-users'), workspace.currentSource('target')]);
  if (!identitySource || !accountSource) return undefined;
  const identities = mapIdentities(identitySource.header, await workspace.blocksOf(identitySource.id));
  if (!identities.ok) return fail({ ...identities.error, file: identitySource.fileName });
  const accounts = mapAccounts(accountSource.header, await workspace.blocksOf(accountSource.id));
  if (!accounts.ok) return fail({ ...accounts.error, file: accountSource.fileName });
  return ok({
    identitySource,
    accountSource,
    identityCount: identities.value.length,
    accountCount: accounts.value.length,
    rows: correlateByEmail(identities.value, accounts.value),
  });
}
