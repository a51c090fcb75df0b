import { reconcile, type ReconcileProgress } from '@core/engine/reconcile';
import { mapAccounts, mapIdentities } from '@core/import/map-rows';
import type { ImportIssue } from '@core/model/import-issue';
import { fail, ok, type Result } from '@core/model/result';
import { DEFAULT_SETTINGS, type ReconciliationSettings } from '@core/model/settings';
import type { RunRecord, Workspace } from '../workspace/workspace';

export interface RunOptions {
  /** ISO instant; default: the newer of the two sources' import times. */
  readonly asOf?: string;
  readonly staleDays?: number;
  readonly onProgress?: ReconcileProgress;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/**
 * Reconciles the current sources of the workspace and stores the run. Runs wherever it is called; the app
 * calls it inside the reconciliation worker so the window stays responsive.
 */
export async function runReconciliation(workspace: Workspace, options: RunOptions = {}): Promise<Result<RunRecord, ImportIssue>> {
  const [identitySource, accountSource] = await Promise.all([workspace.currentSource('entra-users'), workspace.currentSource('target')]);
  if (!identitySource || !accountSource) return fail({ code: 'BAD_REQUEST', message: 'import the Entra users and the target accounts first' });
  const identities = mapIdentities(identitySource.header, await workspace.blocksOf(identitySource.id));
  if (!identities.ok) return fail({ ...identities.error, file: identitySource.fileName });
  const accounts = mapAccounts(accountSource.header, await workspace.blocksOf(accountSource.id));
  if (!accounts.ok) return fail({ ...accounts.error, file: accountSource.fileName });

  const asOf = options.asOf ?? [identitySource.importedAt, accountSource.importedAt].toSorted().at(-1)!;
  const settings: ReconciliationSettings = { ...DEFAULT_SETTINGS, asOf, ...(options.staleDays === undefined ? {} : { staleDays: options.staleDays }) };
  const result = reconcile(
    {
      identities: identities.value.identities,
      accounts: accounts.value,
      assignments: undefined,
      provisioningEvents: undefined,
      hasSignInData: identities.value.hasSignInData,
      scope: undefined,
      links: [],
      settings,
    },
    options.onProgress,
  );
  const run: RunRecord = {
    id: options.newId?.() ?? crypto.randomUUID(),
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    engineVersion: result.engineVersion,
    asOf: result.asOf,
    settings: result.settings,
    sourceIds: [identitySource.id, accountSource.id],
    population: result.population,
    counts: result.counts,
    rowCount: result.rows.length,
  };
  await workspace.saveRun(run, result.rows);
  return ok(run);
}
