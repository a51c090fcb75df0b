import type { Account } from '../model/account';
import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { cell, columnsNamed, enabledCell, instantCell, keepAttributes, keptCell, listCell, NO_VALUES } from './cells';
import { canonicalColumnName, findColumn } from './header';
import { ACCOUNT_FIELDS, type AccountField, type CellByName, type TargetProfile } from './profiles/target-profile';
import { EMAIL_COLUMNS, GENERIC_COLUMNS, LOGIN_COLUMNS, generic } from './profiles/targets/generic';
import { instantMs, type DateOrder, type InstantOptions } from './values';

export { ACCOUNT_FIELDS, GENERIC_COLUMNS, type AccountField };

/** A user's choice of column (by header name) for some fields, overriding detection. */
export type ColumnMapping = Readonly<Partial<Record<AccountField, string>>>;

/** Where each account field sits in a target application's CSV dump, and how the profile reads it. */
export interface TargetLayout {
  readonly accountId: number;
  readonly login: number;
  readonly email: number;
  readonly displayName: number;
  readonly givenName: number;
  readonly familyName: number;
  readonly employeeId: number;
  readonly objectId: number;
  readonly enabled: number;
  /** Every last-login column: the latest value wins (AWS password and keys, Atlassian's per-product columns). */
  readonly lastLogin: readonly number[];
  readonly created: number;
  /** Every roles column (Salesforce profile and role). */
  readonly roles: readonly number[];
  readonly kept: readonly number[];
  readonly profile: TargetProfile;
  /** How dates are read: the day/month order the user chose or the sample proved, else the profile's. */
  readonly dates: InstantOptions;
  /** Position of a column by name (loosely matched), -1 when absent; memoised, for the profile's `refine`. */
  readonly column: (name: string) => number;
  /** The account properties the user mapped by hand: the profile's `refine` never overrides them. */
  readonly mapped: readonly (keyof Account)[];
}

// The account property each mappable field fills.
const ACCOUNT_PROPERTY: Readonly<Record<AccountField, keyof Account>> = {
  accountId: 'accountId',
  login: 'login',
  email: 'email',
  displayName: 'displayName',
  givenName: 'givenName',
  familyName: 'familyName',
  employeeId: 'employeeId',
  objectId: 'objectId',
  enabled: 'enabled',
  lastLogin: 'lastLoginAt',
  created: 'createdAt',
  roles: 'roles',
};

/**
 * Finds the account columns of a target dump: the profile's columns first, the generic names for fields the
 * profile does not find, then the user's mapping over both. An email or login column is required.
 */
export function detectTargetLayout(
  header: readonly string[],
  keepColumns: readonly string[] = [],
  mapping: ColumnMapping = {},
  profile: TargetProfile = generic,
  dateOrder: DateOrder | undefined = undefined,
): Result<TargetLayout, ImportIssue> {
  const mappedFields = Object.entries(mapping).filter((entry): entry is [AccountField, string] => entry[1] !== undefined);
  for (const [field, column] of mappedFields) {
    if (exactIndex(header, column) < 0) {
      return fail({ code: 'MISSING_COLUMN', line: 1, message: `the mapping puts ${field} in column "${column}", which the header does not have` });
    }
  }
  const own = ownColumns(header, profile);
  // A generic name never takes a column the profile reads as another field (Atlassian's `User name` is a display name).
  const claimed = new Set(Object.values(own).flat());
  const all = (field: AccountField): number[] => {
    const mapped = mapping[field];
    if (mapped !== undefined) return [exactIndex(header, mapped)];
    if (own[field].length > 0 || profile.columns[field]?.length === 0) return own[field];
    const fallback = GENERIC_COLUMNS[field].map((name) => findColumn(header, [name])).find((index) => index >= 0 && !claimed.has(index));
    return fallback === undefined ? [] : [fallback];
  };
  const one = (field: AccountField): number => all(field)[0] ?? -1;
  const layout: TargetLayout = {
    accountId: one('accountId'),
    login: one('login'),
    email: one('email'),
    displayName: one('displayName'),
    givenName: one('givenName'),
    familyName: one('familyName'),
    employeeId: one('employeeId'),
    objectId: one('objectId'),
    enabled: one('enabled'),
    lastLogin: all('lastLogin'),
    created: one('created'),
    roles: all('roles'),
    kept: columnsNamed(header, [...keepColumns, ...(profile.keepColumns ?? [])]),
    profile,
    dates: datesReadIn(dateOrder ?? profile.dateOrder),
    column: columnLookup(header),
    mapped: mappedFields.flatMap(([field]) => (Object.hasOwn(ACCOUNT_PROPERTY, field) ? [ACCOUNT_PROPERTY[field]] : [])),
  };
  if (layout.email < 0 && layout.login < 0) {
    const lookedFor = new Set([...(profile.columns.email ?? []), ...(profile.columns.login ?? []), ...EMAIL_COLUMNS, ...LOGIN_COLUMNS]);
    return fail({
      code: 'MISSING_COLUMN',
      line: 1,
      message: `no email or login column found in the header (looked for: ${[...lookedFor].join(', ')}); map one by hand`,
    });
  }
  return ok(layout);
}

/** The positions of every column the profile names, per field, in the profile's order. */
function ownColumns(header: readonly string[], profile: TargetProfile): Record<AccountField, number[]> {
  const own = {} as Record<AccountField, number[]>;
  for (const field of ACCOUNT_FIELDS) {
    const found = (profile.columns[field] ?? []).map((name) => findColumn(header, [name])).filter((index) => index >= 0);
    own[field] = [...new Set(found)];
  }
  if (profile.lastLoginPrefix !== undefined) {
    const wanted = canonicalColumnName(profile.lastLoginPrefix);
    const prefixed = header.flatMap((name, index) => (canonicalColumnName(name).startsWith(wanted) ? [index] : []));
    own.lastLogin = [...new Set([...own.lastLogin, ...prefixed])];
  }
  return own;
}

// A mapping names a column exactly as the header spells it (case aside): the user picked it from the header.
const exactIndex = (header: readonly string[], column: string): number => header.findIndex((name) => name.toLowerCase() === column.toLowerCase());

// The first column of each loose name wins; each name asked for is canonicalised once, not once per row.
function columnLookup(header: readonly string[]): (name: string) => number {
  const byCanonical = new Map<string, number>();
  header.forEach((name, index) => {
    const key = canonicalColumnName(name);
    if (!byCanonical.has(key)) byCanonical.set(key, index);
  });
  const asked = new Map<string, number>();
  return (name) => {
    let index = asked.get(name);
    if (index === undefined) {
      index = byCanonical.get(canonicalColumnName(name)) ?? -1;
      asked.set(name, index);
    }
    return index;
  };
}

/**
 * The account of one data row. The record id is the key when the dump has one; otherwise the login, then
 * the email, so the key never depends on the order of rows in the file. The profile's own conventions
 * (the AWS root row, status words) are applied last, except to fields the user mapped; a row it rejects
 * is not an account.
 */
export function accountFromRow(layout: TargetLayout, header: readonly string[], row: readonly string[], line: number): Account | undefined {
  // Kept cells are copied out of the file's text (see ownText).
  const email = keptCell(row, layout.email);
  const login = keptCell(row, layout.login);
  const accountId = keptCell(row, layout.accountId) ?? login ?? email;
  if (accountId === undefined) return undefined;
  const account: Account = {
    accountId,
    login,
    email,
    displayName: keptCell(row, layout.displayName),
    givenName: keptCell(row, layout.givenName),
    familyName: keptCell(row, layout.familyName),
    employeeId: keptCell(row, layout.employeeId),
    objectId: keptCell(row, layout.objectId),
    enabled: enabledCell(row, layout.enabled),
    lastLoginAt: latestInstant(row, layout.lastLogin, layout.dates),
    createdAt: instantCell(row, layout.created, layout.dates),
    roles: roles(layout, row),
    nonHumanReason: undefined,
    privilegedReason: undefined,
    line,
    attributes: keepAttributes(header, row, layout.kept),
  };
  const { refine } = layout.profile;
  if (refine === undefined) return account;
  const byName: CellByName = (column) => cell(row, layout.column(column));
  const refined = refine(account, byName);
  if (refined === undefined || layout.mapped.length === 0) return refined;
  return { ...refined, ...Object.fromEntries(layout.mapped.map((property) => [property, account[property]])) };
}

function roles(layout: TargetLayout, row: readonly string[]): readonly string[] {
  if (layout.roles.length === 0) return NO_VALUES; // no flatMap's empty array per row of a dump without roles
  const found = layout.roles.length === 1 ? listCell(row, layout.roles[0]!) : layout.roles.flatMap((index) => listCell(row, index));
  return found.length === 0 ? NO_VALUES : found;
}

const datesReadIn = (order: DateOrder | undefined): InstantOptions => (order === undefined ? {} : { dateOrder: order });

function latestInstant(row: readonly string[], columns: readonly number[], dates: InstantOptions): number | undefined {
  let latest: number | undefined;
  for (const index of columns) {
    const ms = instantMs(row[index], dates);
    if (ms !== undefined && (latest === undefined || ms > latest)) latest = ms;
  }
  return latest;
}
