import type { Account } from '../model/account';
import type { Assignment } from '../model/assignment';
import type { Identity } from '../model/identity';
import type { ManualLink } from '../model/manual-link';
import type { ProvisioningEvent } from '../model/provisioning-event';
import {
  FINDING_CODES,
  SEVERITIES,
  SITUATIONS,
  type Finding,
  type FindingCode,
  type ReconciliationRow,
  type RowList,
  type Severity,
  type Situation,
} from '../model/reconciliation';
import type { ReconciliationSettings } from '../model/settings';
import type { AccountCorrelation, Correlations } from './correlate';
import { Correlator, PROGRESS_EVERY, type CorrelateProgress } from './correlate';
import * as rules from './findings';
import { buildKeyMaker } from './keys';
import { remediationMaker, type RemediationMaker } from './remediation';
import { evaluateScope, type ScopeVerdict, type ScopingFilter } from './scope';
import { RowTable } from './row-table';
import { rowSeverity } from './severity';
import { sortByText, sortByTextWithRuns } from './sort-by-text';

/** Recorded with every result, so evidence says which rules produced it. */
export const ENGINE_VERSION = '0.1.0';

/** Everything one run reconciles. `undefined` for an optional source means it was not imported. */
export interface ReconciliationInput {
  readonly identities: readonly Identity[];
  readonly accounts: readonly Account[];
  readonly assignments: readonly Assignment[] | undefined;
  readonly provisioningEvents: readonly ProvisioningEvent[] | undefined;
  readonly hasSignInData: boolean;
  readonly scope: ScopingFilter | undefined;
  readonly links: readonly ManualLink[];
  readonly settings: ReconciliationSettings;
}

export interface ReconciliationCounts {
  readonly situations: Readonly<Record<Situation, number>>;
  readonly findings: Readonly<Record<FindingCode, number>>;
  readonly severities: Readonly<Record<Severity, number>>;
}

/** The outcome of a run, with the as-of instant and every setting it used. */
export interface ReconciliationResult {
  readonly engineVersion: string;
  readonly asOf: string;
  readonly settings: ReconciliationSettings;
  /** The domain bare logins were given (from the settings, or the most common UPN domain). */
  readonly defaultDomain: string | undefined;
  readonly scope: ScopingFilter | undefined;
  readonly population: { readonly identities: number; readonly accounts: number; readonly activeAccounts: number };
  /** In canonical order: situation, account id, identity ids. */
  readonly rows: RowList;
  readonly counts: ReconciliationCounts;
}

/**
 * The engine's progress phases: sorting the identities and accounts (`sort`, records sorted of both: 1.0–1.4 s of a
 * million-row run), matching's (see `CorrelateProgress`), then classifying the accounts.
 */
export type ReconcilePhase = 'sort' | Parameters<CorrelateProgress>[0] | 'classify';

export type ReconcileProgress = (phase: ReconcilePhase, done: number, total: number) => void;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byLoginThenEmail = (a: Account, b: Account): number => compareText(a.login ?? '', b.login ?? '') || compareText(a.email ?? '', b.email ?? '');

/** Canonical row order: situation, account id, identity ids. */
export function compareRows(a: ReconciliationRow, b: ReconciliationRow): number {
  return (
    compareText(a.situation, b.situation) ||
    compareText(a.account?.accountId ?? '', b.account?.accountId ?? '') ||
    compareText(a.identities.map((identity) => identity.id).join(';'), b.identities.map((identity) => identity.id).join(';'))
  );
}

/**
 * Reconciles accounts with identities as reconciliation.md specifies: correlation, situations, findings,
 * severities and remediation proposals. Pure and deterministic: the same inputs in any row order and the
 * same settings give the same result.
 */
export function reconcile(input: ReconciliationInput, onProgress?: ReconcileProgress): ReconciliationResult {
  const { settings } = input;
  const asOfMs = Date.parse(settings.asOf);
  if (Number.isNaN(asOfMs)) throw new Error(`as-of ${settings.asOf} is not an ISO 8601 instant`);
  // Told before the sorts as well, so a caller shows the engine has started.
  const records = input.identities.length + input.accounts.length;
  onProgress?.('sort', 0, records);
  const { sorted: identities, runStart, positionOf } = sortByTextWithRuns(input.identities, (identity) => identity.id);
  onProgress?.('sort', identities.length, records);
  const accounts = sortByText(input.accounts, (account) => account.accountId, byLoginThenEmail);
  onProgress?.('sort', records, records);
  // The default domain does not depend on order; the identities as loaded lie in memory in that order, and
  // reading them so is much faster than in id order.
  const keys = buildKeyMaker(settings, input.identities);
  const correlations = correlateAll(identities, positionOf, accounts, keys, input.links, settings, onProgress);

  const ctx = buildContext(input, identities, accounts, asOfMs, keys);
  const activeAccounts = activeAccountsPerIdentity(runStart, accounts, correlations);
  const remediations = remediationMaker(settings, asOfMs);
  // Built first, so the rows can be put straight in their place: each situation's rows start after the rows of
  // the situations before it, and a grown or re-sorted list of a million rows is 30 MB of old-generation garbage.
  const missing = missingRows(identities, correlations, ctx, remediations);
  // Each row is made, stored by column in its place, and left to the young generation: see `RowTable`.
  const rows = new RowTable(accounts.length + missing.length);
  const next = situationStarts(correlations, accounts.length, missing.length);
  // Indexed loops here and below: each runs once over a million accounts, much of it before it is optimised,
  // and the entries() iterator then allocates a pair per account.
  for (let index = 0; index < accounts.length; index += 1) {
    const correlation = correlations.get(index);
    const { position } = correlation;
    rows.set(next[correlation.situation]++, accountRow(accounts[index]!, correlation, position < 0 ? 0 : activeAccounts.of(position), ctx, remediations));
    if (onProgress && (index + 1) % PROGRESS_EVERY === 0) onProgress('classify', index + 1, accounts.length);
  }
  for (const row of missing) rows.set(next.MISSING++, row);
  onProgress?.('classify', accounts.length, accounts.length);

  sortSharedAccountIds(rows);
  return {
    engineVersion: ENGINE_VERSION,
    asOf: new Date(asOfMs).toISOString(),
    settings,
    defaultDomain: keys.defaultDomain,
    scope: input.scope,
    population: { identities: identities.length, accounts: accounts.length, activeAccounts: countActive(accounts) },
    rows,
    counts: countRows(rows),
  };
}

/** The rows of assigned, enabled, in-scope identities no account was correlated with, in identity order. */
function missingRows(identities: readonly Identity[], correlations: Correlations, ctx: rules.FindingContext, remediations: RemediationMaker): ReconciliationRow[] {
  const { assigned } = ctx;
  // Only a run with assignments looks for MISSING identities, so only it needs the correlated ids.
  if (assigned === undefined) return [];
  const correlated = new Set<string>();
  for (let index = 0; index < correlations.positions.length; index += 1) for (const identity of correlations.get(index).identities) correlated.add(identity.id);
  const rows: ReconciliationRow[] = [];
  for (const identity of identities) {
    if (!assigned.has(identity.id) || correlated.has(identity.id)) continue;
    if (identity.deleted || identity.accountEnabled === false) continue;
    if (ctx.scopeOf !== undefined && !ctx.scopeOf(identity).inScope) continue;
    rows.push(missingRow(identity, ctx, remediations));
  }
  return rows;
}

// The situations in canonical (code-unit) order.
const SITUATION_ORDER = SITUATIONS.toSorted(compareText);

/** Per situation, where its first row goes: the situations in canonical order, each after the rows of those before. */
function situationStarts(correlations: Correlations, accounts: number, missing: number): Record<Situation, number> {
  const counts: Record<Situation, number> = { MATCHED: 0, AMBIGUOUS: 0, ORPHAN: 0, MISSING: missing };
  for (let index = 0; index < accounts; index += 1) counts[correlations.situation(index)] += 1;
  let start = 0;
  for (const situation of SITUATION_ORDER) {
    const count = counts[situation];
    counts[situation] = start;
    start += count;
  }
  return counts;
}

/**
 * Gives rows grouped by situation in canonical order, each group in account order, exactly the order
 * `rows.sort(compareRows)` would. Accounts are in account-id order, so only rows sharing a situation and an
 * account id can be out of order (MISSING rows, having no account, make one run, in identity order). Each such run
 * is checked and, if need be, sorted by `compareRows`, stably as `rows.sort` is: ties keep account order.
 */
function sortSharedAccountIds(rows: RowTable): void {
  for (let start = 0, end = 1; start < rows.length; start = end, end = start + 1) {
    const situation = rows.situationAt(start);
    const accountId = rows.accountIdAt(start);
    while (end < rows.length && rows.situationAt(end) === situation && rows.accountIdAt(end) === accountId) end += 1;
    if (end - start === 1) continue;
    const run: ReconciliationRow[] = [];
    for (let at = start; at < end; at += 1) run.push(rows.at(at)!);
    if (run.every((row, at) => at === 0 || compareRows(run[at - 1]!, row) <= 0)) continue;
    run.sort(compareRows);
    for (let at = 0; at < run.length; at += 1) rows.set(start + at, run[at]!);
  }
}

/** How many accounts are active; counted, not filtered: a filtered list of a million accounts is 8 MB to drop. */
function countActive(accounts: readonly Account[]): number {
  let active = 0;
  for (let index = 0; index < accounts.length; index += 1) if (rules.isActive(accounts[index]!)) active += 1;
  return active;
}

/**
 * How many active accounts are matched to each identity, by identity position; identities sharing an id
 * share one count. `runStart` gives, per position, the first position with the same id (identities are
 * sorted by id, so they are neighbours).
 */
function activeAccountsPerIdentity(
  runStart: Int32Array,
  accounts: readonly Account[],
  correlations: Correlations,
): { of(position: number): number } {
  const counts = new Int32Array(runStart.length);
  const { positions } = correlations;
  for (let index = 0; index < positions.length; index += 1) {
    const position = positions[index]!;
    if (position < 0 || !rules.isActive(accounts[index]!)) continue;
    counts[runStart[position]!]! += 1;
  }
  return { of: (position) => counts[runStart[position]!]! };
}

/**
 * Every account's correlation. The correlator's indices (a key per identity address and name) die with this
 * call, so the rows are built without them in memory.
 */
function correlateAll(
  identities: readonly Identity[],
  loadOrder: Int32Array,
  accounts: readonly Account[],
  keys: ReturnType<typeof buildKeyMaker>,
  links: readonly ManualLink[],
  settings: ReconciliationSettings,
  onProgress: ReconcileProgress | undefined,
): Correlations {
  const hasAliases = settings.domainAliases.some((group) => group.length > 1);
  // Indices are built visiting the identities in the order they were loaded, which is their order in memory.
  const correlator = new Correlator(identities, keys, links, hasAliases, loadOrder);
  const correlations = correlator.correlateAll(accounts, onProgress);
  onProgress?.('match', accounts.length, accounts.length);
  return correlations;
}

function buildContext(
  input: ReconciliationInput,
  identities: readonly Identity[],
  accounts: readonly Account[],
  asOfMs: number,
  keys: ReturnType<typeof buildKeyMaker>,
): rules.FindingContext {
  const { settings } = input;
  const scopeCache = new Map<string, ScopeVerdict>();
  const { scope } = input;
  return {
    settings,
    asOfMs,
    keys,
    assigned: input.assignments === undefined ? undefined : assignedIdentityIds(input.assignments, identities, keys),
    scopeOf:
      scope === undefined
        ? undefined
        : (identity) => {
            let verdict = scopeCache.get(identity.id);
            if (verdict === undefined) {
              verdict = evaluateScope(scope, (name) => rules.identityAttribute(identity, name));
              scopeCache.set(identity.id, verdict);
            }
            return verdict;
          },
    hasSignInData: input.hasSignInData,
    latestProvisioning: input.provisioningEvents === undefined ? undefined : latestEventPerIdentity(input.provisioningEvents),
    privilegedPatterns: settings.privilegedPatterns.map((pattern) => new RegExp(pattern, 'i')),
    servicePatterns: settings.serviceAccountPatterns.map((pattern) => new RegExp(pattern, 'i')),
    serviceAccounts: new Set(settings.serviceAccounts.map((name) => name.trim().toLowerCase())),
    accountsHaveNames: accounts.some((account) => account.displayName !== undefined || account.givenName !== undefined || account.familyName !== undefined),
  };
}

/** Identity ids assigned to the app: user assignments by id or UPN (group members only when listed). */
function assignedIdentityIds(assignments: readonly Assignment[], identities: readonly Identity[], keys: ReturnType<typeof buildKeyMaker>): Set<string> {
  const byId = new Map(identities.map((identity) => [identity.id.toLowerCase(), identity.id]));
  const byUpn = new Map<string, string>();
  for (const identity of identities) {
    const upn = keys.identityAddress(identity.upn);
    if (upn !== undefined) byUpn.set(upn, identity.id);
  }
  const assigned = new Set<string>();
  for (const assignment of assignments) {
    if (assignment.principalType !== 'User') continue;
    const id = (assignment.principalId === undefined ? undefined : byId.get(assignment.principalId.toLowerCase())) ?? byUpn.get(keys.identityAddress(assignment.principalName) ?? '');
    if (id !== undefined) assigned.add(id);
  }
  return assigned;
}

/** The latest event per source identity: a later success clears an earlier failure. */
function latestEventPerIdentity(events: readonly ProvisioningEvent[]): Map<string, ProvisioningEvent> {
  const latest = new Map<string, ProvisioningEvent>();
  for (const event of events) {
    if (event.sourceIdentityId === undefined) continue;
    const previous = latest.get(event.sourceIdentityId);
    if (!previous || event.activityAt > previous.activityAt || (event.activityAt === previous.activityAt && event.id > previous.id)) {
      latest.set(event.sourceIdentityId, event);
    }
  }
  return latest;
}

// Most rows have no finding; they share this list rather than each holding an empty one.
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

const byCode = (a: Finding, b: Finding): number => compareText(a.code, b.code);

/**
 * A row's own list of the findings (none, one, or several sorted by code); `findings` may be reused afterwards.
 * Lists of exactly their length: a list grown by push or filter reserves room for 17, and rows keep theirs.
 */
const present = (findings: readonly (Finding | undefined)[]): readonly Finding[] => {
  const defined = findings.includes(undefined) ? findings.filter((finding): finding is Finding => finding !== undefined) : (findings as readonly Finding[]);
  if (defined.length === 0) return NO_FINDINGS;
  return defined.length === 1 ? [defined[0]!] : defined.toSorted(byCode);
};

// The findings of the row being built; reused, as most rows have none and a list per row is garbage.
const found: Finding[] = [];

const note = (finding: Finding | undefined): void => {
  if (finding !== undefined) found.push(finding);
};

/**
 * The findings of an active account, in rule order; the list is reused by the next call. `emailDiffers`: the email
 * drift as correlation found it, when it did (see `AccountCorrelation`).
 */
function accountFindings(
  account: Account,
  identity: Identity | undefined,
  activeAccounts: number,
  emailDiffers: boolean | undefined,
  ctx: rules.FindingContext,
): readonly Finding[] {
  // Emptied only when not empty: setting an array's length calls into the runtime, and most rows have no finding.
  if (found.length > 0) found.length = 0;
  if (identity !== undefined) note(rules.terminatedActive(identity, ctx));
  note(rules.staleAccount(account, ctx));
  if (identity !== undefined) {
    note(rules.dormantIdentity(identity, ctx));
    note(rules.unassigned(identity, ctx));
    note(rules.outOfScope(identity, ctx));
    note(rules.duplicateAccount(activeAccounts));
    note(rules.attributeDrift(account, identity, ctx, emailDiffers));
    note(rules.guestAccess(identity));
    note(rules.provisioningError(identity, ctx));
  }
  note(rules.serviceAccount(account, ctx));
  note(rules.privileged(account, ctx));
  return found;
}

function accountRow(account: Account, correlation: AccountCorrelation, activeAccounts: number, ctx: rules.FindingContext, remediations: RemediationMaker): ReconciliationRow {
  const { situation } = correlation;
  const active = rules.isActive(account);
  const identity = situation === 'MATCHED' ? correlation.identities[0] : undefined;
  // Risk findings only on active accounts: a disabled account keeps its situation and nothing else.
  const findings = active ? present(accountFindings(account, identity, activeAccounts, correlation.emailDiffers, ctx)) : NO_FINDINGS;
  const isHuman = !findings.some((finding) => finding.code === 'SERVICE_ACCOUNT');
  const severity = rowSeverity(situation, findings, active && isHuman);
  return {
    situation,
    account,
    identities: correlation.identities,
    correlation: correlation.correlation,
    findings,
    severity,
    remediations: remediations(situation, findings, severity, correlation.correlation?.proposal === true),
  };
}

function missingRow(identity: Identity, ctx: rules.FindingContext, remediations: RemediationMaker): ReconciliationRow {
  const findings = present([rules.provisioningError(identity, ctx)]);
  const severity = rowSeverity('MISSING', findings, false);
  return {
    situation: 'MISSING',
    account: undefined,
    identities: [identity],
    correlation: undefined,
    findings,
    severity,
    remediations: remediations('MISSING', findings, severity, false),
  };
}

function countRows(rows: RowTable): ReconciliationCounts {
  const situations = Object.fromEntries(SITUATIONS.map((situation) => [situation, 0])) as Record<Situation, number>;
  const findings = Object.fromEntries(FINDING_CODES.map((code) => [code, 0])) as Record<FindingCode, number>;
  const severities = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  // Read by column: making every row to count it would be a million rows of garbage.
  for (let index = 0; index < rows.length; index += 1) {
    situations[rows.situationAt(index)] += 1;
    const rowFindings = rows.findingsAt(index);
    for (let at = 0; at < rowFindings.length; at += 1) findings[rowFindings[at]!.code] += 1;
    const severity = rows.severityAt(index);
    if (severity !== undefined) severities[severity] += 1;
  }
  return { situations, findings, severities };
}
