import type { Account } from '../model/account';
import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { cell, columnsNamed, enabledCell, instantCell, keepAttributes, listCell } from './cells';
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
  readonly lastLogin: number;
  readonly created: number;
  readonly roles: number;
  readonly kept: readonly number[];
}

const EMAIL_COLUMNS = ['email', 'e-mail', 'email address', 'mail', 'primary email', 'user email', 'emails.value', 'emails[type eq "work"].value'];
const LOGIN_COLUMNS = ['username', 'user name', 'login', 'user_name', 'userName', 'login name'];

/** Finds the account columns of a generic target CSV; an email or login column is required. */
export function detectTargetLayout(
  header: readonly string[],
  keepColumns: readonly string[] = [],
  mapping: ColumnMapping = {},
): Result<TargetLayout, ImportIssue> {
  const find = (...names: string[]): number => findColumn(header, names);
  const detected: TargetLayout = {
    accountId: find('id', 'user id', 'account id', 'sys_id', 'record id', 'userid'),
    login: find(...LOGIN_COLUMNS),
    email: find(...EMAIL_COLUMNS),
    displayName: find('display name', 'name', 'full name', 'fullname', 'displayname'),
    givenName: find('first name', 'given name', 'firstname', 'givenName', 'name.givenName'),
    familyName: find('last name', 'family name', 'surname', 'lastname', 'name.familyName'),
    employeeId: find('employee id', 'employeeId', 'employee_number', 'employee number', 'employeeNumber'),
    objectId: find('externalId', 'FederationIdentifier', 'object id', 'objectId', 'entra object id', 'saml name id', 'saml_name_id'),
    enabled: find('active', 'enabled', 'isactive', 'status', 'account status'),
    lastLogin: find('last_login', 'last login', 'lastlogin', 'last login time', 'last_login_time', 'lastLoginDate', 'last sign in', 'last active', 'last seen'),
    created: find('created', 'created_at', 'createddate', 'sys_created_on', 'creation time', 'created date'),
    roles: find('roles', 'role', 'profile', 'groups', 'profile.name'),
    kept: columnsNamed(header, keepColumns),
  };
  let layout = detected;
  for (const [field, column] of Object.entries(mapping) as [AccountField, string][]) {
    const index = header.findIndex((name) => name.toLowerCase() === column.toLowerCase());
    if (index < 0) return fail({ code: 'MISSING_COLUMN', line: 1, message: `the mapping puts ${field} in column "${column}", which the header does not have` });
    layout = { ...layout, [field]: index };
  }
  if (layout.email < 0 && layout.login < 0) {
    return fail({
      code: 'MISSING_COLUMN',
      line: 1,
      message: `no email or login column found in the header (looked for: ${[...EMAIL_COLUMNS, ...LOGIN_COLUMNS].join(', ')})`,
    });
  }
  return ok(layout);
}

/**
 * The account of one data row. The record id is the key when the dump has one; otherwise the login, then
 * the email, so the key never depends on the order of rows in the file.
 */
export function accountFromRow(layout: TargetLayout, header: readonly string[], row: readonly string[], line: number): Account | undefined {
  const email = cell(row, layout.email);
  const login = cell(row, layout.login);
  const accountId = cell(row, layout.accountId) ?? login ?? email;
  if (accountId === undefined) return undefined;
  return {
    accountId,
    login,
    email,
    displayName: cell(row, layout.displayName),
    givenName: cell(row, layout.givenName),
    familyName: cell(row, layout.familyName),
    employeeId: cell(row, layout.employeeId),
    objectId: cell(row, layout.objectId),
    enabled: enabledCell(row, layout.enabled),
    lastLoginAt: instantCell(row, layout.lastLogin),
    createdAt: instantCell(row, layout.created),
    roles: listCell(row, layout.roles),
    nonHumanReason: undefined,
    privilegedReason: undefined,
    line,
    attributes: keepAttributes(header, row, layout.kept),
  };
}
