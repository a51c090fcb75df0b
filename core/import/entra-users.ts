import type { Identity } from '../model/identity';
import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { presentValue } from '../normalise/absent';
import { findColumn } from './header';

/** Where each field sits in an Entra "Download users" CSV (current `id` or older `objectId` header). */
export interface EntraUsersLayout {
  readonly id: number;
  readonly upn: number;
  readonly mail: number;
  readonly displayName: number;
  readonly givenName: number;
  readonly surname: number;
  readonly accountEnabled: number;
  readonly userType: number;
}

/** Finds the Entra user columns in a header; the object id and UPN are required. */
export function detectEntraUsersLayout(header: readonly string[]): Result<EntraUsersLayout, ImportIssue> {
  const layout: EntraUsersLayout = {
    id: findColumn(header, ['id', 'objectId', 'Object Id']),
    upn: findColumn(header, ['userPrincipalName', 'User principal name', 'UPN']),
    mail: findColumn(header, ['mail', 'Email']),
    displayName: findColumn(header, ['displayName', 'Display name']),
    givenName: findColumn(header, ['givenName', 'First name']),
    surname: findColumn(header, ['surname', 'Last name']),
    accountEnabled: findColumn(header, ['accountEnabled', 'Account enabled']),
    userType: findColumn(header, ['userType', 'User type']),
  };
  if (layout.upn < 0) return fail(missingColumn('userPrincipalName'));
  if (layout.id < 0) return fail(missingColumn('id (or objectId)'));
  return ok(layout);
}

function missingColumn(name: string): ImportIssue {
  return {
    code: 'MISSING_COLUMN',
    line: 1,
    message: `this is not an Entra users export: the header has no ${name} column`,
  };
}

const cell = (row: readonly string[], index: number): string | undefined =>
  index < 0 ? undefined : presentValue(row[index]);

function parseBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'yes' || lower === '1') return true;
  if (lower === 'false' || lower === 'no' || lower === '0') return false;
  return undefined;
}

/** The identity of one data row, or undefined when the row has no object id or UPN. */
export function identityFromRow(layout: EntraUsersLayout, row: readonly string[]): Identity | undefined {
  const id = cell(row, layout.id);
  const upn = cell(row, layout.upn);
  if (id === undefined || upn === undefined) return undefined;
  return {
    id,
    upn,
    mail: cell(row, layout.mail),
    displayName: cell(row, layout.displayName),
    givenName: cell(row, layout.givenName),
    surname: cell(row, layout.surname),
    accountEnabled: parseBoolean(cell(row, layout.accountEnabled)),
    userType: cell(row, layout.userType),
  };
}
