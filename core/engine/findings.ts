import type { Account } from '../model/account';
import type { Identity } from '../model/identity';
import type { ProvisioningEvent } from '../model/provisioning-event';
import type { Finding, FindingCode, Severity } from '../model/reconciliation';
import type { ReconciliationSettings } from '../model/settings';
import { foldCase } from '../normalise/email';
import { flatText } from './flat-text';
import { daysBetween, isoDate } from './instants';
import type { KeyMaker } from './keys';
import { normaliseName } from './name-similarity';
import type { ScopeVerdict } from './scope';

export const DEFAULT_SEVERITY: Readonly<Record<Exclude<FindingCode, 'PRIVILEGED'>, Severity>> = {
  TERMINATED_ACTIVE: 'high',
  STALE_ACCOUNT: 'medium',
  DORMANT_IDENTITY: 'medium',
  UNASSIGNED: 'medium',
  OUT_OF_SCOPE: 'medium',
  DUPLICATE_ACCOUNT: 'medium',
  ATTRIBUTE_DRIFT: 'low',
  GUEST_ACCESS: 'low',
  PROVISIONING_ERROR: 'low',
  SERVICE_ACCOUNT: 'low',
};

/** Everything the finding rules need that is the same for every row of a run. */
export interface FindingContext {
  readonly settings: ReconciliationSettings;
  readonly asOfMs: number;
  readonly keys: KeyMaker;
  /** Identity ids assigned to the app; undefined when no assignments were imported. */
  readonly assigned: ReadonlySet<string> | undefined;
  /** Scope verdict per identity id; undefined when no scoping filter was given. */
  readonly scopeOf: ((identity: Identity) => ScopeVerdict) | undefined;
  readonly hasSignInData: boolean;
  /** The latest provisioning event per identity id; undefined when no logs were imported. */
  readonly latestProvisioning: ReadonlyMap<string, ProvisioningEvent> | undefined;
  readonly privilegedPatterns: readonly RegExp[];
  readonly servicePatterns: readonly RegExp[];
  readonly serviceAccounts: ReadonlySet<string>;
  /** Whether the dump has person names at all; without them a missing name says nothing. */
  readonly accountsHaveNames: boolean;
}

const finding = (code: FindingCode, reason: string, values: Record<string, string>): Finding => ({
  code,
  severity: code === 'PRIVILEGED' ? undefined : DEFAULT_SEVERITY[code],
  // Kept with the row for the whole run: one string, not the pieces its template was built from.
  reason: flatText(reason),
  values,
});

// Findings that depend on nothing, or on one value with few variants (an account count, a user type), are equal on
// many rows: one frozen object per variant serves them all rather than a reason and values record per row.
const sharedFindings = new Map<string, Finding>();

function sharedFinding(code: FindingCode, variant: string, reason: () => string, values: () => Record<string, string>): Finding {
  const key = `${code}\n${variant}`;
  let shared = sharedFindings.get(key);
  if (shared === undefined) {
    shared = Object.freeze(finding(code, reason(), Object.freeze(values())));
    sharedFindings.set(key, shared);
  }
  return shared;
}

const disabledReason = (): string => 'the identity is disabled in Entra while the account is active';
const disabledValues = (): Record<string, string> => ({ accountEnabled: 'false' });
const guestReason = (): string => 'the identity is a guest (userType Guest)';
const listedReason = (): string => "on the organisation's service-account list";
const listedValues = (): Record<string, string> => ({ why: 'listed' });
const noNameReason = (): string => 'the account has no person name';
const noNameValues = (): Record<string, string> => ({ why: 'no name' });

/** Active in the application: enabled, or the dump does not say (and the AWS root is always active). */
export const isActive = (account: Account): boolean => account.enabled !== false;

export function terminatedActive(identity: Identity, ctx: FindingContext): Finding | undefined {
  if (identity.deleted) {
    const when = identity.deletedAt === undefined ? '' : ` on ${isoDate(identity.deletedAt)}`;
    return finding('TERMINATED_ACTIVE', `the identity was deleted from Entra${when} while the account is active`, {
      deleted: 'true',
      ...(identity.deletedAt === undefined ? {} : { deletedDateTime: new Date(identity.deletedAt).toISOString() }),
    });
  }
  if (identity.accountEnabled === false) {
    return sharedFinding('TERMINATED_ACTIVE', 'disabled', disabledReason, disabledValues);
  }
  if (identity.employeeLeaveAt !== undefined && identity.employeeLeaveAt <= ctx.asOfMs) {
    return finding('TERMINATED_ACTIVE', `the identity left on ${isoDate(identity.employeeLeaveAt)}, at or before as-of ${isoDate(ctx.asOfMs)}`, {
      employeeLeaveDateTime: new Date(identity.employeeLeaveAt).toISOString(),
      asOf: new Date(ctx.asOfMs).toISOString(),
    });
  }
  return undefined;
}

/** Inactivity against the stale threshold, shared by STALE_ACCOUNT and DORMANT_IDENTITY. */
function inactivity(
  code: 'STALE_ACCOUNT' | 'DORMANT_IDENTITY',
  what: string,
  last: number | undefined,
  created: number | undefined,
  ctx: FindingContext,
): Finding | undefined {
  const { staleDays } = ctx.settings;
  const threshold = String(staleDays);
  if (last !== undefined) {
    const idle = daysBetween(last, ctx.asOfMs);
    if (idle <= staleDays) return undefined;
    return finding(code, `${what} ${isoDate(last)}, ${idle} days before as-of (threshold ${staleDays} days)`, {
      lastActivity: new Date(last).toISOString(),
      daysInactive: String(idle),
      staleDays: threshold,
    });
  }
  if (created === undefined) return undefined;
  const age = daysBetween(created, ctx.asOfMs);
  if (age <= staleDays) return undefined;
  return finding(code, `${what} never; created ${isoDate(created)}, ${age} days before as-of (threshold ${staleDays} days)`, {
    lastActivity: 'never',
    created: new Date(created).toISOString(),
    daysSinceCreated: String(age),
    staleDays: threshold,
  });
}

export const staleAccount = (account: Account, ctx: FindingContext): Finding | undefined =>
  inactivity('STALE_ACCOUNT', 'last login to the application', account.lastLoginAt, account.createdAt, ctx);

export function dormantIdentity(identity: Identity, ctx: FindingContext): Finding | undefined {
  if (!ctx.hasSignInData || identity.deleted || identity.accountEnabled === false) return undefined;
  return inactivity('DORMANT_IDENTITY', 'last Entra sign-in', identity.lastSignInAt, identity.createdAt, ctx);
}

export function unassigned(identity: Identity, ctx: FindingContext): Finding | undefined {
  if (ctx.assigned === undefined || ctx.assigned.has(identity.id)) return undefined;
  return finding('UNASSIGNED', 'the identity is not assigned to the application in Entra', { assigned: 'false' });
}

export function outOfScope(identity: Identity, ctx: FindingContext): Finding | undefined {
  if (ctx.scopeOf === undefined) return undefined;
  const verdict = ctx.scopeOf(identity);
  return verdict.inScope ? undefined : finding('OUT_OF_SCOPE', `outside the scoping filter: ${verdict.reason}`, { scope: verdict.reason });
}

/** `count`: how many active accounts are matched to the identity (to any identity with its id). */
export function duplicateAccount(count: number): Finding | undefined {
  if (count <= 1) return undefined;
  return sharedFinding(
    'DUPLICATE_ACCOUNT',
    String(count),
    () => `the identity has ${count} active accounts in this application`,
    () => ({ activeAccounts: String(count) }),
  );
}

const comparableName = (value: string | undefined): string | undefined => normaliseName(value);

/** Built-in drift pairs: account field, identity field, how both are compared. */
const DRIFT_FIELDS = [
  { name: 'givenName', account: (a: Account) => a.givenName, identity: (i: Identity) => i.givenName },
  { name: 'familyName', account: (a: Account) => a.familyName, identity: (i: Identity) => i.surname },
  { name: 'displayName', account: (a: Account) => a.displayName, identity: (i: Identity) => i.displayName },
] as const;

// The differing attributes of the pair being compared, with the account's and the identity's values; reused,
// as nearly every matched account has none and three fresh objects per account were a share of the run's garbage.
const driftNames: string[] = [];
const driftValues: string[] = [];

function noteDrift(name: string, accountValue: string, identityValue: string): void {
  driftNames.push(name);
  driftValues.push(accountValue, identityValue);
}

/** Whether the identity has an address (mail, other addresses) and none equals the account's email key. */
function emailDiffers(email: string, identity: Identity, keys: KeyMaker): boolean {
  const mail = keys.identityAddress(identity.mail);
  if (mail === email) return false;
  let hasAddress = mail !== undefined;
  for (const address of identity.otherAddresses) {
    const key = keys.identityAddress(address);
    if (key === email) return false;
    hasAddress ||= key !== undefined;
  }
  return hasAddress;
}

/** Whether the account's email key differs from all the identity's mail and other address keys. */
function emailKeyDiffers(account: Account, identity: Identity, keys: KeyMaker): boolean {
  const email = keys.accountAddress(account.email);
  return email !== undefined && emailDiffers(email, identity, keys);
}

/**
 * `knownEmailDiffers`: the email comparison when correlation already made it from the same normalised keys
 * (undefined when it did not), which spares normalising the addresses again.
 */
export function attributeDrift(account: Account, identity: Identity, ctx: FindingContext, knownEmailDiffers?: boolean): Finding | undefined {
  // Emptied only when not empty: setting an array's length calls into the runtime, and nearly every pair has no drift.
  if (driftNames.length > 0) {
    driftNames.length = 0;
    driftValues.length = 0;
  }
  if (knownEmailDiffers ?? emailKeyDiffers(account, identity, ctx.keys)) {
    noteDrift('email', account.email ?? '', [identity.mail, ...identity.otherAddresses].filter(Boolean).join('; '));
  }
  for (const field of DRIFT_FIELDS) {
    const accountValue = field.account(account);
    const identityValue = field.identity(identity);
    // Equal text normalises equally, and an absent side never drifts: most pairs are settled without normalising.
    if (accountValue === identityValue || accountValue === undefined || identityValue === undefined) continue;
    const left = comparableName(accountValue);
    const right = comparableName(identityValue);
    if (left !== undefined && right !== undefined && left !== right) noteDrift(field.name, accountValue, identityValue);
  }
  const accountEmployeeId = ctx.keys.employeeId(account.employeeId);
  const identityEmployeeId = accountEmployeeId === undefined ? undefined : ctx.keys.employeeId(identity.employeeId);
  if (accountEmployeeId !== undefined && identityEmployeeId !== undefined && accountEmployeeId !== identityEmployeeId) {
    noteDrift('employeeId', account.employeeId ?? '', identity.employeeId ?? '');
  }
  for (const pair of ctx.settings.driftAttributes) {
    const accountValue = attributeValue(account.attributes, pair.account);
    const identityValue = identityAttribute(identity, pair.identity);
    const left = foldCase(accountValue);
    const right = foldCase(identityValue);
    if (left !== undefined && right !== undefined && left !== right) noteDrift(`${pair.account}~${pair.identity}`, accountValue ?? '', identityValue ?? '');
  }
  return driftNames.length === 0 ? undefined : driftFinding();
}

/** ATTRIBUTE_DRIFT for the differences noted: the attributes listed, then each one's two values. */
function driftFinding(): Finding {
  const values: Record<string, string> = { attributes: driftNames.join(';') };
  for (const [index, name] of driftNames.entries()) {
    values[`${name}.account`] = driftValues[2 * index]!;
    values[`${name}.identity`] = driftValues[2 * index + 1]!;
  }
  return finding('ATTRIBUTE_DRIFT', `differs from Entra: ${driftNames.join(', ')}`, values);
}

export function guestAccess(identity: Identity): Finding | undefined {
  const { userType } = identity;
  if (userType?.toLowerCase() !== 'guest') return undefined;
  return sharedFinding('GUEST_ACCESS', userType, guestReason, () => ({ userType }));
}

export function provisioningError(identity: Identity, ctx: FindingContext): Finding | undefined {
  const latest = ctx.latestProvisioning?.get(identity.id);
  if (latest === undefined) return undefined;
  // A skip for an out-of-scope or already-synchronised user is routine (formats.md 2.4), not an error.
  const routineSkip = latest.errorCode?.endsWith('EntrySynchronizationSkipped') === true;
  const failed = latest.status === 'failure' || (latest.status === 'skipped' && latest.errorCode !== undefined && !routineSkip);
  if (!failed) return undefined;
  const code = latest.errorCode ?? 'unknown';
  return finding('PROVISIONING_ERROR', `latest provisioning event (${latest.action}, ${new Date(latest.activityAt).toISOString()}) ${latest.status}: ${code}`, {
    errorCode: code,
    status: latest.status,
    action: latest.action,
    activityDateTime: new Date(latest.activityAt).toISOString(),
    eventId: latest.id,
  });
}

export function serviceAccount(account: Account, ctx: FindingContext): Finding | undefined {
  const listed = ctx.serviceAccounts.size > 0 && (ctx.serviceAccounts.has(account.accountId.toLowerCase()) || (account.login !== undefined && ctx.serviceAccounts.has(account.login.toLowerCase())));
  if (listed) {
    return sharedFinding('SERVICE_ACCOUNT', 'listed', listedReason, listedValues);
  }
  if (account.nonHumanReason !== undefined) return finding('SERVICE_ACCOUNT', account.nonHumanReason, { why: account.nonHumanReason });
  const anyPattern = eitherPattern(ctx.servicePatterns);
  for (const field of ['login', 'email', 'displayName'] as const) {
    const value = account[field];
    // One test of all the patterns at once settles the common case, a value none of them matches.
    if (value === undefined || anyPattern?.test(value) === false) continue;
    const pattern = ctx.servicePatterns.find((candidate) => candidate.test(value));
    if (pattern) return finding('SERVICE_ACCOUNT', `${field} "${value}" matches the service-account pattern /${pattern.source}/`, { why: 'pattern', field, pattern: pattern.source });
  }
  const hasName = account.displayName !== undefined || account.givenName !== undefined || account.familyName !== undefined;
  if (ctx.accountsHaveNames && !hasName) return sharedFinding('SERVICE_ACCOUNT', 'no name', noNameReason, noNameValues);
  return undefined;
}

const eitherPatterns = new WeakMap<readonly RegExp[], RegExp | null>();

/**
 * One expression matching what any of the patterns matches (each case-insensitive, as the settings' patterns
 * are compiled), made once per run; null when they cannot be joined safely: a back-reference would point at
 * another pattern's group once joined, and repeated group names are refused.
 */
function eitherPattern(patterns: readonly RegExp[]): RegExp | null {
  let joined = eitherPatterns.get(patterns);
  if (joined !== undefined) return joined;
  joined = null;
  const caseless = patterns.every((pattern) => pattern.flags === 'i');
  if (patterns.length > 1 && caseless && !patterns.some((pattern) => /\\(?:[1-9]|k<)/.test(pattern.source))) {
    try {
      joined = new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');
    } catch {
      joined = null;
    }
  }
  eitherPatterns.set(patterns, joined);
  return joined;
}

export function privileged(account: Account, ctx: FindingContext): Finding | undefined {
  if (account.privilegedReason !== undefined) return finding('PRIVILEGED', account.privilegedReason, { why: account.privilegedReason });
  if (account.roles.length === 0) return undefined;
  const matched = account.roles.filter((role) => ctx.privilegedPatterns.some((pattern) => pattern.test(role)));
  if (matched.length === 0) return undefined;
  return finding('PRIVILEGED', `privileged roles: ${matched.join(', ')}`, { roles: matched.join(';') });
}

/** An attribute by name, case-insensitively. */
export function attributeValue(attributes: Readonly<Record<string, string>>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  const lower = name.toLowerCase();
  const key = Object.keys(attributes).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : attributes[key];
}

const IDENTITY_FIELDS: Readonly<Record<string, (identity: Identity) => string | undefined>> = {
  id: (identity) => identity.id,
  objectid: (identity) => identity.id,
  userprincipalname: (identity) => identity.upn,
  mail: (identity) => identity.mail,
  employeeid: (identity) => identity.employeeId,
  displayname: (identity) => identity.displayName,
  givenname: (identity) => identity.givenName,
  surname: (identity) => identity.surname,
  department: (identity) => identity.department,
  jobtitle: (identity) => identity.jobTitle,
  usertype: (identity) => identity.userType,
  accountenabled: (identity) => (identity.accountEnabled === undefined ? undefined : String(identity.accountEnabled)),
};

/** An Entra attribute of an identity by its Entra name (known fields first, then the raw attributes). */
export function identityAttribute(identity: Identity, name: string): string | undefined {
  const field = IDENTITY_FIELDS[name.toLowerCase()];
  const known = field?.(identity);
  return known ?? attributeValue(identity.attributes, name);
}
