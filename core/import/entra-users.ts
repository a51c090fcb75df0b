import type { Identity } from '../model/identity';
import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { cell, columnsNamed, instantCell, keepAttributes, listCell } from './cells';
import { findColumn } from './header';
import { parseBooleanValue } from './values';

/** Where each field sits in an Entra users CSV (Download users with `id` or `objectId`, PowerShell, deleted users). */
export interface EntraUsersLayout {
  readonly id: number;
  readonly upn: number;
  readonly mail: number;
  readonly otherAddresses: readonly number[];
  readonly employeeId: number;
  readonly displayName: number;
  readonly givenName: number;
  readonly surname: number;
  readonly accountEnabled: number;
  readonly userType: number;
  readonly department: number;
  readonly jobTitle: number;
  readonly created: number;
  readonly lastSuccessfulSignIn: number;
  readonly lastSignIn: number;
  readonly lastNonInteractiveSignIn: number;
  readonly employeeLeave: number;
  readonly deleted: number;
  /** Columns kept as raw attributes (those named by a scoping filter or a drift mapping). */
  readonly kept: readonly number[];
}

/** Whether the file carries sign-in activity at all (so a missing value means never, not unknown). */
export const hasSignInColumns = (layout: EntraUsersLayout): boolean =>
  layout.lastSuccessfulSignIn >= 0 || layout.lastSignIn >= 0 || layout.lastNonInteractiveSignIn >= 0;

/** Finds the Entra user columns in a header; the object id and UPN are required. */
export function detectEntraUsersLayout(header: readonly string[], keepColumns: readonly string[] = []): Result<EntraUsersLayout, ImportIssue> {
  const find = (...names: string[]): number => findColumn(header, names);
  const layout: EntraUsersLayout = {
    id: find('id', 'objectId', 'Object Id'),
    upn: find('userPrincipalName', 'User principal name', 'UPN'),
    mail: find('mail', 'Email'),
    otherAddresses: [find('proxyAddresses', 'Proxy addresses'), find('otherMails', 'Other emails')].filter((index) => index >= 0),
    employeeId: find('employeeId', 'Employee ID'),
    displayName: find('displayName', 'Display name'),
    givenName: find('givenName', 'First name'),
    surname: find('surname', 'Last name'),
    accountEnabled: find('accountEnabled', 'Account enabled'),
    userType: find('userType', 'User type'),
    department: find('department'),
    jobTitle: find('jobTitle', 'Job title'),
    created: find('createdDateTime', 'Creation time', 'Created date time'),
    lastSuccessfulSignIn: find('lastSuccessfulSignInDateTime', 'Last successful sign-in date'),
    lastSignIn: find('lastSignInDateTime', 'Last interactive sign-in date', 'Last sign-in date'),
    lastNonInteractiveSignIn: find('lastNonInteractiveSignInDateTime', 'Last non-interactive sign-in date'),
    employeeLeave: find('employeeLeaveDateTime', 'Employee leave date time'),
    deleted: find('deletedDateTime', 'Deleted date time', 'Deletion date'),
    kept: columnsNamed(header, keepColumns),
  };
  if (layout.upn < 0) return fail(missingColumn('userPrincipalName'));
  if (layout.id < 0) return fail(missingColumn('id (or objectId)'));
  return ok(layout);
}

function missingColumn(name: string): ImportIssue {
  return { code: 'MISSING_COLUMN', line: 1, message: `this is not an Entra users export: the header has no ${name} column` };
}

const latest = (...instants: (number | undefined)[]): number | undefined => {
  const known = instants.filter((instant): instant is number => instant !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
};

/** `smtp:jane@x.com` and `SMTP:jane@x.com` → `jane@x.com`; other address types (x500:, sip:) are dropped. */
function emailAddresses(values: readonly string[]): string[] {
  return values.flatMap((value) => {
    const colon = value.indexOf(':');
    if (colon < 0) return value.includes('@') ? [value] : [];
    return value.slice(0, colon).toLowerCase() === 'smtp' ? [value.slice(colon + 1)] : [];
  });
}

/** The identity of one data row, or undefined when the row has no object id or UPN. */
export function identityFromRow(layout: EntraUsersLayout, header: readonly string[], row: readonly string[]): Identity | undefined {
  const id = cell(row, layout.id);
  const upn = cell(row, layout.upn);
  if (id === undefined || upn === undefined) return undefined;
  const successful = instantCell(row, layout.lastSuccessfulSignIn);
  const deletedAt = instantCell(row, layout.deleted);
  return {
    id,
    upn,
    mail: cell(row, layout.mail),
    otherAddresses: emailAddresses(layout.otherAddresses.flatMap((index) => listCell(row, index))),
    employeeId: cell(row, layout.employeeId),
    displayName: cell(row, layout.displayName),
    givenName: cell(row, layout.givenName),
    surname: cell(row, layout.surname),
    accountEnabled: parseBooleanValue(cell(row, layout.accountEnabled)),
    userType: cell(row, layout.userType),
    department: cell(row, layout.department),
    jobTitle: cell(row, layout.jobTitle),
    createdAt: instantCell(row, layout.created),
    // lastSignInDateTime also moves on failed attempts, so the successful one wins when the export has it.
    lastSignInAt: successful ?? latest(instantCell(row, layout.lastSignIn), instantCell(row, layout.lastNonInteractiveSignIn)),
    employeeLeaveAt: instantCell(row, layout.employeeLeave),
    deleted: layout.deleted >= 0,
    deletedAt,
    attributes: keepAttributes(header, row, layout.kept),
  };
}
