import type { Account } from '../model/account';
import { canonicalColumnName } from './header';
import type { CellByName, TargetProfile } from './profiles/target-profile';
import { parseInstant } from './values';
import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { cell, columnsNamed, enabledCell, instantCell, keepAttributes } from './cells';
import { findColumn } from './header';

/** The account fields a column can be mapped to. */
export const ACCOUNT_FIELDS = [
  'accountId',
  'login',
  'email',
  'displayName',
  'givenName',
  'familyName',
  'employeeId',
  'objectId',
  'enabled',
  'lastLogin',
  'created',
  'roles',
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

/** A user's choice of column (by header name) for some fields, overriding detection. */
export type ColumnMapping = Readonly<Partial<Record<AccountField, string>>>;

/** Where each account field sits in a target application's CSV dump. */
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
  /** Column positions by canonical name, for the profile's own reading of a row. */
  readonly positions: ReadonlyMap<string, number>;
}

const EMAIL_COLUMNS = ['email', 'e-mail', 'email address', 'mail', 'primary email', 'user email', 'emails.value', 'emails[type eq "work"].value'];
const LOGIN_COLUMNS = ['username', 'user name', 'login', 'user_name', 'userName', 'login name'];

/** The generic reading: any CSV with an email or login column. */
export const GENERIC_COLUMNS: Readonly<Record<AccountField, readonly string[]>> = {
  accountId: ['id', 'user id', 'account id', 'sys_id', 'record id', 'userid'],
  login: LOGIN_COLUMNS,
  email: EMAIL_COLUMNS,
  displayName: ['display name', 'name', 'full name', 'fullname', 'displayname'],
  givenName: ['first name', 'given name', 'firstname', 'givenName', 'name.givenName'],
  familyName: ['last name', 'family name', 'surname', 'lastname', 'name.familyName'],
  employeeId: ['employee id', 'employeeId', 'employee_number', 'employee number', 'employeeNumber'],
  objectId: ['externalId', 'FederationIdentifier', 'object id', 'objectId', 'entra object id', 'saml name id', 'saml_name_id'],
  enabled: ['active', 'enabled', 'isactive', 'status', 'account status'],
  lastLogin: ['last_login', 'last login', 'lastlogin', 'last login time', 'last_login_time', 'lastLoginDate', 'last sign in', 'last active', 'last seen'],
  created: ['created', 'created_at', 'createddate', 'sys_created_on', 'creation time', 'created date'],
  roles: ['roles', 'role', 'profile', 'groups', 'profile.name'],
};

const GENERIC_PROFILE: TargetProfile = { id: 'generic', label: 'Any CSV (column mapping)', signature: [], columns: GENERIC_COLUMNS };

/**
 * Finds the account columns of a target dump: the profile's columns first, the generic names for fields the
 * profile leaves out, then the user's mapping over both. An email or login column is required.
 */
export function detectTargetLayout(
  header: readonly string[],
  keepColumns: readonly string[] = [],
  mapping: ColumnMapping = {},
  profile: TargetProfile = GENERIC_PROFILE,
): Result<TargetLayout, ImportIssue> {
  const all = (field: AccountField): number[] => {
    const mapped = mapping[field];
    if (mapped !== undefined) return [header.findIndex((name) => name.toLowerCase() === mapped.toLowerCase())];
    const own = profile.columns[field];
    const found = (own ?? []).map((name) => findColumn(header, [name])).filter((index) => index >= 0);
    if (found.length > 0) return unique(found);
    const generic = findColumn(header, GENERIC_COLUMNS[field]);
    return generic >= 0 ? [generic] : [];
  };
  const one = (field: AccountField): number => all(field)[0] ?? -1;
  for (const [field, column] of Object.entries(mapping) as [AccountField, string][]) {
    if (!header.some((name) => name.toLowerCase() === column.toLowerCase())) {
      return fail({ code: 'MISSING_COLUMN', line: 1, message: `the mapping puts ${field} in column "${column}", which the header does not have` });
    }
  }
  const lastLogin = profile.lastLoginPrefix === undefined ? all('lastLogin') : prefixed(header, profile.lastLoginPrefix);
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
    lastLogin: mapping.lastLogin === undefined ? lastLogin : all('lastLogin'),
    created: one('created'),
    roles: all('roles'),
    kept: columnsNamed(header, keepColumns),
    profile,
    positions: new Map(header.map((name, index) => [canonicalColumnName(name), index] as const).toReversed()),
  };
  if (layout.email < 0 && layout.login < 0) {
    return fail({
      code: 'MISSING_COLUMN',
      line: 1,
      message: `no email or login column found in the header (looked for: ${[...EMAIL_COLUMNS, ...LOGIN_COLUMNS].join(', ')}); map one by hand`,
    });
  }
  return ok(layout);
}

const unique = (values: readonly number[]): number[] => [...new Set(values)];

function prefixed(header: readonly string[], prefix: string): number[] {
  const wanted = prefix.toLowerCase();
  return header.flatMap((name, index) => (name.toLowerCase().startsWith(wanted) ? [index] : []));
}

/**
 * The account of one data row. The record id is the key when the dump has one; otherwise the login, then
 * the email, so the key never depends on the order of rows in the file. The profile's own conventions
 * (the AWS root row, status words) are applied last; a row it rejects is not an account.
 */
export function accountFromRow(layout: TargetLayout, header: readonly string[], row: readonly string[], line: number): Account | undefined {
  const email = cell(row, layout.email);
  const login = cell(row, layout.login);
  const accountId = cell(row, layout.accountId) ?? login ?? email;
  if (accountId === undefined) return undefined;
  const { profile } = layout;
  const dates = profile.dateOrder === undefined ? undefined : { dateOrder: profile.dateOrder };
  const account: Account = {
    accountId,
    login,
    email,
    displayName: cell(row, layout.displayName),
    givenName: cell(row, layout.givenName),
    familyName: cell(row, layout.familyName),
    employeeId: cell(row, layout.employeeId),
    objectId: cell(row, layout.objectId),
    enabled: enabledCell(row, layout.enabled),
    lastLoginAt: latestInstant(row, layout.lastLogin, dates),
    createdAt: instantCell(row, layout.created, dates),
    roles: layout.roles.flatMap((index) => splitList(cell(row, index))),
    nonHumanReason: undefined,
    privilegedReason: undefined,
    line,
    attributes: keepAttributes(header, row, layout.kept),
  };
  if (profile.refine === undefined) return account;
  const byName: CellByName = (column) => {
    const index = layout.positions.get(canonicalColumnName(column));
    return index === undefined ? undefined : cell(row, index);
  };
  return profile.refine(account, byName);
}

function latestInstant(row: readonly string[], columns: readonly number[], dates: { dateOrder: 'MDY' | 'DMY' } | undefined): number | undefined {
  let latest: number | undefined;
  for (const index of columns) {
    const parsed = parseInstant(row[index], dates);
    if (parsed.kind === 'instant' && (latest === undefined || parsed.ms > latest)) latest = parsed.ms;
  }
  return latest;
}

/** A multi-valued cell (`a;b`, `a, b`, `a|b`) as a list without empties. */
function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/[;,|]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
