import type { Identity } from '../model/identity';
import type { ImportIssue, ImportWarning } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { presentValue } from '../normalise/absent';
import { cell, columnsNamed, instantCell, keepAttributes, keptCell, listCell, NO_VALUES } from './cells';
import { findColumn } from './header';
import { parseBooleanValue } from './values';
import { ValuePool } from './value-pool';

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
  /** `DeletionAgeInDays` of a deleted-users export: marks the row deleted even when its date is unreadable. */
  readonly deletionAge: number;
  /** Columns kept as raw attributes (those named by a scoping filter or a drift mapping). */
  readonly kept: readonly number[];
}

/** Candidate names of the three sign-in columns: Graph, flattened Graph JSON, PowerShell Select-Object, portal preview. */
export const SIGN_IN_COLUMN_NAMES = {
  lastSuccessfulSignIn: [
    'lastSuccessfulSignInDateTime',
    'signInActivity.lastSuccessfulSignInDateTime',
    'LastSuccessfulSignIn',
    'Last successful sign-in date',
    'Last successful sign-in date time',
  ],
  lastSignIn: [
    'lastSignInDateTime',
    'signInActivity.lastSignInDateTime',
    'LastSignIn',
    'LastInteractiveSignIn',
    'Last interactive sign-in date',
    'Last interactive sign-in date time',
    'Last sign-in date',
    'Last sign-in',
  ],
  lastNonInteractiveSignIn: [
    'lastNonInteractiveSignInDateTime',
    'signInActivity.lastNonInteractiveSignInDateTime',
    'LastNonInteractiveSignIn',
    'Last non-interactive sign-in date',
    'Last non-interactive sign-in date time',
  ],
} as const;

/** Positions of the three sign-in columns (-1 when absent). */
export interface SignInColumns {
  readonly lastSuccessfulSignIn: number;
  readonly lastSignIn: number;
  readonly lastNonInteractiveSignIn: number;
}

/** Finds the sign-in columns of a header. */
export function findSignInColumns(header: readonly string[]): SignInColumns {
  return {
    lastSuccessfulSignIn: findColumn(header, SIGN_IN_COLUMN_NAMES.lastSuccessfulSignIn),
    lastSignIn: findColumn(header, SIGN_IN_COLUMN_NAMES.lastSignIn),
    lastNonInteractiveSignIn: findColumn(header, SIGN_IN_COLUMN_NAMES.lastNonInteractiveSignIn),
  };
}

/** Whether the file carries sign-in activity at all (so a missing value means never, not unknown). */
export const hasSignInColumns = (layout: SignInColumns): boolean =>
  layout.lastSuccessfulSignIn >= 0 || layout.lastSignIn >= 0 || layout.lastNonInteractiveSignIn >= 0;

/** Column names that together identify an Entra users export; the id and UPN come first and are required. */
export const ENTRA_USERS_SIGNATURE: readonly string[] = [
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'givenName',
  'surname',
  'accountEnabled',
  'userType',
  'jobTitle',
  'department',
  'createdDateTime',
  'employeeId',
  'usageLocation',
  'officeLocation',
  'companyName',
  'proxyAddresses',
  'otherMails',
  'onPremisesSyncEnabled',
  'directorySynced',
  'creationType',
  'externalUserState',
  'deletedDateTime',
];

const ID_NAMES = ['id', 'objectId', 'Object Id'];
const UPN_NAMES = ['userPrincipalName', 'User principal name', 'UPN'];

/** How much a header looks like an Entra users export, 0 to 1: the id and UPN, then the share of other user attributes. */
export function scoreEntraUsers(header: readonly string[]): number {
  if (isBulkTemplate(header)) return 0.3;
  const keys = (findColumn(header, ID_NAMES) >= 0 ? 1 : 0) + (findColumn(header, UPN_NAMES) >= 0 ? 1 : 0);
  const attributes = ENTRA_USERS_SIGNATURE.slice(2).filter((name) => findColumn(header, [name]) >= 0).length;
  // Five user attributes besides the keys are plenty: a Select-Object export rarely carries more.
  const share = Math.min(1, attributes / 5);
  if (keys < 2) return 0.15 * share + 0.05 * keys;
  return 0.5 + 0.5 * share;
}

// The bulk-create template's headers are `Label [property] Required`; its first line is `version:v1.0`.
const TEMPLATE_COLUMN = /\[[A-Za-z]+\]/;

function isBulkTemplate(header: readonly string[]): boolean {
  if (header[0]?.trim().toLowerCase().startsWith('version:') === true) return true;
  return header.some((name) => TEMPLATE_COLUMN.test(name)) && header.some((name) => name.includes('[userPrincipalName]'));
}

/** Finds the Entra user columns in a header; the object id and UPN are required, and the bulk-create template is refused. */
export function detectEntraUsersLayout(header: readonly string[], keepColumns: readonly string[] = []): Result<EntraUsersLayout, ImportIssue> {
  if (isBulkTemplate(header)) {
    return fail({
      code: 'MISSING_COLUMN',
      line: 1,
      message: 'this is the bulk-create template, not an export: download the users instead (Entra admin center → Users → All users → Download users)',
    });
  }
  const find = (...names: string[]): number => findColumn(header, names);
  const layout: EntraUsersLayout = {
    id: find(...ID_NAMES),
    upn: find(...UPN_NAMES),
    mail: find('mail', 'Email', 'Mail address'),
    otherAddresses: [find('proxyAddresses', 'Proxy addresses'), find('otherMails', 'Other emails', 'Other mails')].filter((index) => index >= 0),
    employeeId: find('employeeId', 'Employee ID'),
    displayName: find('displayName', 'Display name'),
    givenName: find('givenName', 'First name', 'Given name'),
    surname: find('surname', 'Last name'),
    accountEnabled: find('accountEnabled', 'Account enabled'),
    userType: find('userType', 'User type'),
    department: find('department'),
    jobTitle: find('jobTitle', 'Job title'),
    created: find('createdDateTime', 'Creation time', 'Created date time', 'Created on'),
    ...findSignInColumns(header),
    employeeLeave: find('employeeLeaveDateTime', 'Employee leave date time', 'Employee leave date'),
    deleted: find('deletedDateTime', 'Deleted date time', 'Deletion date', 'Date deleted'),
    deletionAge: find('DeletionAgeInDays', 'Deletion age in days'),
    kept: columnsNamed(header, keepColumns),
  };
  if (layout.upn < 0) return fail(missingColumn('userPrincipalName'));
  if (layout.id < 0) return fail(missingColumn('id (or objectId)'));
  return ok(layout);
}

function missingColumn(name: string): ImportIssue {
  return { code: 'MISSING_COLUMN', line: 1, message: `this is not an Entra users export: the header has no ${name} column` };
}

// Windows PowerShell's Export-Csv writes a nested object as its type name (ToString()), which carries no data.
const TYPE_NAME = /^(?:Microsoft\.Graph\.|System\.)[A-Za-z][\w.`[\], =]*$/;

/** Warnings about a users header and its first rows: columns holding PowerShell type names instead of data. */
export function inspectEntraUsersHeader(header: readonly string[], sampleRows: readonly (readonly string[])[]): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  header.forEach((name, index) => {
    const typeName = sampleRows.map((row) => presentValue(row[index])).find((value) => value !== undefined && TYPE_NAME.test(value));
    if (typeName === undefined) return;
    warnings.push({ message: `column "${name}" holds the PowerShell type name "${typeName}", not its data: ${typeNameAdvice(name, typeName)}` });
  });
  return warnings;
}

function typeNameAdvice(column: string, typeName: string): string {
  if (/signinactivity/i.test(column) || typeName.endsWith('SignInActivity')) {
    return "export the sign-in dates as their own columns, e.g. Select-Object @{n='LastSignIn';e={$_.SignInActivity.LastSignInDateTime}}";
  }
  if (typeName.startsWith('System.String[]')) return `join the values before exporting, e.g. Select-Object @{n='${column}';e={$_.${column} -join ';'}}`;
  return `select the values inside it before exporting, e.g. Select-Object @{n='LastSignIn';e={$_.SignInActivity.LastSignInDateTime}}, or export with ConvertTo-Json`;
}

// Two arguments, not a rest list filtered: it runs for every row, and each call allocated two arrays.
const latest = (first: number | undefined, second: number | undefined): number | undefined => {
  if (first === undefined) return second;
  return second === undefined ? first : Math.max(first, second);
};

/**
 * Last sign-in of one row by the design's rule: lastSuccessfulSignInDateTime when the file has it, else the
 * latest of the interactive and non-interactive ones. A cell holding the whole signInActivity object as JSON
 * (the portal preview export does this) is read for all three.
 */
export function lastSignInFromRow(row: readonly string[], columns: SignInColumns): number | undefined {
  if (!hasSignInColumns(columns)) return undefined;
  const blob = signInBlob(row, columns);
  if (blob !== undefined) return blob;
  // lastSignInDateTime also moves on failed attempts, so the successful one wins when the export has it.
  return instantCell(row, columns.lastSuccessfulSignIn) ?? latest(instantCell(row, columns.lastSignIn), instantCell(row, columns.lastNonInteractiveSignIn));
}

const OPEN_BRACE = 123;

function signInBlob(row: readonly string[], columns: SignInColumns): number | undefined {
  for (const index of [columns.lastSignIn, columns.lastSuccessfulSignIn, columns.lastNonInteractiveSignIn]) {
    const value = index < 0 ? undefined : row[index];
    // A character test, not a trim: this runs on every row of the file.
    if (value === undefined || value.charCodeAt(0) !== OPEN_BRACE) continue;
    const activity = parseObject(value);
    if (activity === undefined) continue;
    const at = (key: string): number | undefined => {
      const text = activity[key];
      return typeof text === 'string' ? instantCell([text], 0) : undefined;
    };
    return (
      at('lastSuccessfulSignInDateTime') ?? latest(at('lastSignInDateTime'), at('lastNonInteractiveSignInDateTime'))
    );
  }
  return undefined;
}

/** A cell holding a JSON object, parsed; undefined when it is not one. */
export function parseObject(text: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `smtp:jane@x.com` and `SMTP:jane@x.com` → `jane@x.com`; other address types (x500:, sip:) are dropped. */
function emailAddresses(values: readonly string[]): string[] {
  return values.flatMap((value) => {
    const colon = value.indexOf(':');
    if (colon < 0) return value.includes('@') ? [value] : [];
    return value.slice(0, colon).toLowerCase() === 'smtp' ? [value.slice(colon + 1)] : [];
  });
}

function otherAddresses(layout: EntraUsersLayout, row: readonly string[]): readonly string[] {
  if (layout.otherAddresses.length === 0) return NO_VALUES;
  const addresses = emailAddresses(layout.otherAddresses.flatMap((index) => listCell(row, index)));
  return addresses.length === 0 ? NO_VALUES : addresses;
}

/** A pool per column whose values repeat, for `identityFromRow`. */
export interface IdentityValuePools {
  readonly givenName: ValuePool;
  readonly surname: ValuePool;
  readonly userType: ValuePool;
  readonly department: ValuePool;
  readonly jobTitle: ValuePool;
}

/** Fresh pools for one load. */
export const identityValuePools = (): IdentityValuePools => ({
  givenName: new ValuePool(),
  surname: new ValuePool(),
  userType: new ValuePool(),
  department: new ValuePool(),
  jobTitle: new ValuePool(),
});

/**
 * The identity of one data row, or undefined when the row has no object id or UPN. With a pool, the values that
 * repeat from row to row (names, user type, department, job title) are shared between the identities.
 */
export function identityFromRow(layout: EntraUsersLayout, header: readonly string[], row: readonly string[], pools?: IdentityValuePools): Identity | undefined {
  // Kept cells are copied out of the file's text (see ownText); repeating ones are pooled, the pool copying.
  const id = keptCell(row, layout.id);
  const upn = keptCell(row, layout.upn);
  if (id === undefined || upn === undefined) return undefined;
  const deletedAt = instantCell(row, layout.deleted);
  // Row by row: a /users export that selected deletedDateTime has the column, empty, for live users.
  const deleted = cell(row, layout.deleted) !== undefined || cell(row, layout.deletionAge) !== undefined;
  return {
    id,
    // A deleted user's UPN is prefixed with its object id; it is kept as exported, so deleted users match on id.
    upn,
    mail: keptCell(row, layout.mail),
    otherAddresses: otherAddresses(layout, row),
    employeeId: keptCell(row, layout.employeeId),
    displayName: keptCell(row, layout.displayName),
    givenName: pools === undefined ? keptCell(row, layout.givenName) : pools.givenName.share(cell(row, layout.givenName)),
    surname: pools === undefined ? keptCell(row, layout.surname) : pools.surname.share(cell(row, layout.surname)),
    accountEnabled: parseBooleanValue(cell(row, layout.accountEnabled)),
    userType: pools === undefined ? keptCell(row, layout.userType) : pools.userType.share(cell(row, layout.userType)),
    department: pools === undefined ? keptCell(row, layout.department) : pools.department.share(cell(row, layout.department)),
    jobTitle: pools === undefined ? keptCell(row, layout.jobTitle) : pools.jobTitle.share(cell(row, layout.jobTitle)),
    createdAt: instantCell(row, layout.created),
    lastSignInAt: lastSignInFromRow(row, layout),
    employeeLeaveAt: instantCell(row, layout.employeeLeave),
    deleted,
    deletedAt,
    attributes: keepAttributes(header, row, layout.kept),
  };
}
