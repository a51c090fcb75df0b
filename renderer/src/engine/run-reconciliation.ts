import { reconcile, type ReconcileProgress, type ReconciliationInput } from '@core/engine/reconcile';
import { applySignIns } from '@core/import/entra-signins';
import { joinProvisioningCompanions, provisioningCompanionRole } from '@core/import/entra-provisioning';
import { mapAssignments, mapIdentities, mapProvisioningEvents, mapSignIns } from '@core/import/map-rows';
import { mapTargetAccounts } from '@core/import/map-target';
import { findTargetProfile } from '@core/import/profiles/target-profiles';
import type { Assignment } from '@core/model/assignment';
import type { Identity } from '@core/model/identity';
import type { ImportIssue } from '@core/model/import-issue';
import type { ProvisioningEvent } from '@core/model/provisioning-event';
import { fail, ok, type Result } from '@core/model/result';
import { DEFAULT_SETTINGS, type ReconciliationSettings } from '@core/model/settings';
import { evaluateScope, type ScopingFilter } from '@core/engine/scope';
import { identityAttribute } from '@core/engine/findings';
import type { ReviewSettings } from '@core/review/settings-form';
import type { ReconciliationResult } from '@core/engine/reconcile';
import type { RunRecord, SourceRecord, Workspace } from '../workspace/workspace';

export interface RunOptions {
  /** ISO instant; default: the newest extraction (or import) time of the sources. */
  readonly asOf?: string;
  readonly staleDays?: number;
  /** Settings and scope to run with instead of the review's stored ones (a preview of a change). */
  readonly override?: { readonly settings: ReviewSettings; readonly scope: ScopingFilter | undefined };
  readonly onProgress?: ReconcileProgress;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

type Population = Pick<ReconciliationInput, 'identities' | 'accounts' | 'assignments' | 'provisioningEvents' | 'hasSignInData'>;

/**
 * Reconciles the current sources of the workspace and stores the run. Runs wherever it is called; the app
 * calls it inside the reconciliation worker so the window stays responsive.
 */
export async function runReconciliation(workspace: Workspace, options: RunOptions = {}): Promise<Result<RunRecord, ImportIssue>> {
  const computed = await computeRun(workspace, options);
  if (!computed.ok) return computed;
  const { result, sourceIds, links, inScope } = computed.value;
  const run: RunRecord = {
    id: options.newId?.() ?? crypto.randomUUID(),
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    engineVersion: result.engineVersion,
    asOf: result.asOf,
    settings: result.settings,
    ...(result.defaultDomain === undefined ? {} : { defaultDomain: result.defaultDomain }),
    sourceIds,
    population: { ...result.population, ...(inScope === undefined ? {} : { inScope }) },
    counts: result.counts,
    rowCount: result.rows.length,
  };
  await workspace.saveRun(run, result.rows);
  await workspace.record('run', { run: run.id, asOf: run.asOf, rows: String(run.rowCount), staleDays: String(result.settings.staleDays), correlationFixes: String(links) }, run.createdAt);
  return ok(run);
}

/** Reconciles the current sources with the review's settings (or the override) and links; stores nothing. */
export async function computeRun(workspace: Workspace, options: RunOptions = {}): Promise<Result<{ result: ReconciliationResult; sourceIds: string[]; links: number; inScope: number | undefined }, ImportIssue>> {
  const sources = {
    users: await workspace.currentSources('entra-users'),
    signIns: await workspace.currentSources('entra-signins'),
    assignments: await workspace.currentSources('entra-assignments'),
    provisioning: await workspace.currentSources('entra-provisioning'),
    target: await workspace.currentSources('target'),
  };
  if (sources.users.length === 0 || sources.target.length === 0) return fail({ code: 'BAD_REQUEST', message: 'import the Entra users and the target accounts first' });
  const population = await readPopulation(workspace, sources);
  if (!population.ok) return population;

  const all = Object.values(sources).flat();
  const asOf = options.asOf ?? all.map((source) => source.extractedAt ?? source.importedAt).toSorted().at(-1)!;
  const stored = options.override ?? (await workspace.reviewSettings());
  const settings: ReconciliationSettings = { ...DEFAULT_SETTINGS, ...stored?.settings, asOf, ...(options.staleDays === undefined ? {} : { staleDays: options.staleDays }) };
  // The reviewer's correlation fixes override the rules on every run.
  const links = await workspace.links.toArray();
  const result = reconcile({ ...population.value, scope: stored?.scope, links, settings }, options.onProgress);
  const scope = stored?.scope;
  const inScope = scope === undefined ? undefined : population.value.identities.filter((identity) => evaluateScope(scope, (name) => identityAttribute(identity, name)).inScope).length;
  return ok({ result, sourceIds: all.map((source) => source.id), links: links.length, inScope });
}

export interface CurrentSources {
  readonly users: readonly SourceRecord[];
  readonly signIns: readonly SourceRecord[];
  readonly assignments: readonly SourceRecord[];
  readonly provisioning: readonly SourceRecord[];
  readonly target: readonly SourceRecord[];
}

const inFile = (source: SourceRecord, error: ImportIssue): { ok: false; error: ImportIssue } => fail({ ...error, file: source.fileName });

export async function readPopulation(workspace: Workspace, sources: CurrentSources): Promise<Result<Population, ImportIssue>> {
  let identities: Identity[] = [];
  let hasSignInData = false;
  for (const source of sources.users) {
    const mapped = mapIdentities(source.header, await workspace.blocksOf(source.id));
    if (!mapped.ok) return inFile(source, mapped.error);
    identities = identities.length === 0 ? mapped.value.identities : identities.concat(mapped.value.identities);
    hasSignInData ||= mapped.value.hasSignInData;
  }
  for (const source of sources.signIns) {
    const mapped = mapSignIns(source.header, await workspace.blocksOf(source.id));
    if (!mapped.ok) return inFile(source, mapped.error);
    identities = applySignIns(identities, mapped.value.signIns).identities;
    hasSignInData = true;
  }

  let assignments: Assignment[] | undefined;
  for (const source of sources.assignments) {
    const mapped = mapAssignments(source.header, await workspace.blocksOf(source.id));
    if (!mapped.ok) return inFile(source, mapped.error);
    assignments = [...(assignments ?? []), ...mapped.value.assignments];
  }

  let provisioningEvents: ProvisioningEvent[] | undefined;
  const companions = sources.provisioning.filter((source) => provisioningCompanionRole(source.header) !== undefined);
  for (const source of sources.provisioning.filter((candidate) => !companions.includes(candidate))) {
    const mapped = mapProvisioningEvents(source.header, await workspace.blocksOf(source.id));
    if (!mapped.ok) return inFile(source, mapped.error);
    provisioningEvents = [...(provisioningEvents ?? []), ...mapped.value.events];
  }
  if (provisioningEvents !== undefined && companions.length > 0) {
    const companion = async (role: 'steps' | 'modified-properties') => {
      const source = companions.find((candidate) => provisioningCompanionRole(candidate.header) === role);
      if (!source) return undefined;
      const blocks = await workspace.blocksOf(source.id);
      return { header: source.header, rows: blocks.flatMap((block) => block.rows) };
    };
    provisioningEvents = joinProvisioningCompanions(provisioningEvents, await companion('steps'), await companion('modified-properties'));
  }

  let accounts: Population['accounts'] = [];
  for (const source of sources.target) {
    const profile = findTargetProfile(source.profileId ?? 'generic');
    if (!profile) return inFile(source, { code: 'BAD_REQUEST', message: `unknown target profile "${source.profileId}"` });
    const mapped = mapTargetAccounts(source.header, await workspace.blocksOf(source.id), { profile, mapping: source.mapping ?? {}, keepColumns: [], ...(source.dateOrder === undefined ? {} : { dateOrder: source.dateOrder }) });
    if (!mapped.ok) return inFile(source, mapped.error);
    accounts = accounts.length === 0 ? mapped.value : [...accounts, ...mapped.value];
  }
  return ok({ identities, accounts, assignments, provisioningEvents, hasSignInData });
}
