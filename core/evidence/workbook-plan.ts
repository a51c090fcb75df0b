import type { Account } from '../model/account';
import type { Identity } from '../model/identity';
import type { FindingCode, ReconciliationRow, Situation } from '../model/reconciliation';

/** A cell: text stays text (never a formula), an instant is a real date, a number a number. */
export type CellValue = string | number | Date | undefined;

export interface SheetColumn {
  readonly header: string;
  /** Width in characters. */
  readonly width: number;
  readonly kind?: 'text' | 'date' | 'number' | 'severity';
}

/** Excel's last row is 1,048,576; one is the header. A longer sheet continues on "Name (2)", "Name (3)", … */
export const MAX_DATA_ROWS = 1_048_575;

const instant = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));
const yesNo = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : value ? 'yes' : 'no');
const codes = (row: ReconciliationRow): string => row.findings.map((finding) => finding.code).join('; ');
const upns = (row: ReconciliationRow): string => row.identities.map((identity) => identity.upn).join('; ');

export const FINDING_COLUMNS: readonly SheetColumn[] = [
  { header: 'Situation', width: 11 },
  { header: 'Account id', width: 22 },
  { header: 'Login', width: 28 },
  { header: 'Account email', width: 30 },
  { header: 'Account name', width: 22 },
  { header: 'Enabled', width: 8 },
  { header: 'Last login', width: 18, kind: 'date' },
  { header: 'Identity UPN', width: 30 },
  { header: 'Identity name', width: 22 },
  { header: 'Match rule', width: 11 },
  { header: 'Confidence', width: 10, kind: 'number' },
  { header: 'Findings', width: 30 },
  { header: 'Severity', width: 9, kind: 'severity' },
  { header: 'Explanation', width: 80 },
];

/** One line of the Findings sheet (and of every concern sheet): the row and why each finding was raised. */
export function findingCells(row: ReconciliationRow): CellValue[] {
  const account = row.account;
  const correlation = row.correlation === undefined ? undefined : `${row.correlation.rule}${row.correlation.proposal ? ' (proposal)' : ''}`;
  return [
    row.situation,
    account?.accountId,
    account?.login,
    account?.email,
    account?.displayName,
    yesNo(account?.enabled),
    instant(account?.lastLoginAt),
    upns(row) || undefined,
    row.identities.map((identity) => identity.displayName ?? '').join('; ') || undefined,
    correlation,
    row.correlation?.confidence,
    codes(row) || undefined,
    row.severity,
    explanation(row) || undefined,
  ];
}

function explanation(row: ReconciliationRow): string {
  const parts = row.correlation ? [`Correlation: ${row.correlation.reason}`] : [];
  for (const finding of row.findings) parts.push(`${finding.code}: ${finding.reason}`);
  return parts.join(' | ');
}

export interface ConcernSheet {
  readonly name: string;
  readonly includes: (row: ReconciliationRow) => boolean;
}

const has = (code: FindingCode) => (row: ReconciliationRow): boolean => row.findings.some((finding) => finding.code === code);
const is = (situation: Situation) => (row: ReconciliationRow): boolean => row.situation === situation;

/** One sheet per concern an auditor samples from, in the order they read them. */
export const CONCERN_SHEETS: readonly ConcernSheet[] = [
  { name: 'Orphans', includes: is('ORPHAN') },
  { name: 'Terminated', includes: has('TERMINATED_ACTIVE') },
  { name: 'Stale and dormant', includes: (row) => has('STALE_ACCOUNT')(row) || has('DORMANT_IDENTITY')(row) },
  { name: 'Unassigned and missing', includes: (row) => has('UNASSIGNED')(row) || is('MISSING')(row) },
  { name: 'Drift', includes: has('ATTRIBUTE_DRIFT') },
  { name: 'Provisioning errors', includes: has('PROVISIONING_ERROR') },
  { name: 'Privileged', includes: has('PRIVILEGED') },
];

/** The pairs compared side by side: each field as the account has it and as the identity has it. */
const PAIRS: readonly { readonly label: string; readonly account: (a: Account) => CellValue; readonly identity: (i: Identity) => CellValue; readonly date?: true }[] = [
  { label: 'Email', account: (a) => a.email, identity: (i) => i.mail ?? i.upn },
  { label: 'Name', account: (a) => a.displayName, identity: (i) => i.displayName },
  { label: 'Given name', account: (a) => a.givenName, identity: (i) => i.givenName },
  { label: 'Family name', account: (a) => a.familyName, identity: (i) => i.surname },
  { label: 'Employee id', account: (a) => a.employeeId, identity: (i) => i.employeeId },
  { label: 'Enabled', account: (a) => yesNo(a.enabled), identity: (i) => yesNo(i.accountEnabled) },
  { label: 'Last login / sign-in', account: (a) => instant(a.lastLoginAt), identity: (i) => instant(i.lastSignInAt), date: true },
];

export const SIDE_BY_SIDE_COLUMNS: readonly SheetColumn[] = [
  { header: 'Account id', width: 22 },
  { header: 'Identity UPN', width: 30 },
  { header: 'Match rule', width: 11 },
  ...PAIRS.flatMap((pair): SheetColumn[] => [
    { header: `${pair.label} (account)`, width: 24, ...(pair.date ? { kind: 'date' as const } : {}) },
    { header: `${pair.label} (identity)`, width: 24, ...(pair.date ? { kind: 'date' as const } : {}) },
  ]),
  { header: 'Differs', width: 40 },
];

const comparable = (value: CellValue): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '').trim().toLowerCase());

/** Whether a row has a line on the Side by side sheet: a match, with both an account and an identity. */
export function hasSideBySide(row: ReconciliationRow): boolean {
  return row.situation === 'MATCHED' && row.account !== undefined && row.identities.length > 0;
}

/**
 * A matched pair, field by field; "Differs" names the fields both sides have and disagree on (dates by day:
 * a login and a sign-in are different events, so they are shown, not compared).
 */
export function sideBySideCells(row: ReconciliationRow): CellValue[] | undefined {
  const account = row.account;
  const identity = row.identities[0];
  if (!hasSideBySide(row) || !account || !identity) return undefined;
  const differs: string[] = [];
  const cells: CellValue[] = [account.accountId, identity.upn, row.correlation?.rule];
  for (const pair of PAIRS) {
    const left = pair.account(account);
    const right = pair.identity(identity);
    cells.push(left, right);
    if (!pair.date && left !== undefined && right !== undefined && comparable(left) !== comparable(right)) differs.push(pair.label);
  }
  cells.push(differs.join(', ') || undefined);
  return cells;
}

export const REMEDIATION_COLUMNS: readonly SheetColumn[] = [
  { header: 'Account id', width: 22 },
  { header: 'Identity UPN', width: 30 },
  { header: 'Action', width: 30 },
  { header: 'Cause', width: 20 },
  { header: 'Severity', width: 9, kind: 'severity' },
  { header: 'Owner', width: 22 },
  { header: 'Due', width: 12, kind: 'date' },
  { header: 'Status', width: 12 },
  { header: 'Evidence reference', width: 24 },
  { header: 'Guidance', width: 60 },
];

/** One line per proposed remediation; the command line has no reviewer, so every item is open. */
export function remediationCells(row: ReconciliationRow): CellValue[][] {
  return row.remediations.map((remediation) => [
    row.account?.accountId,
    upns(row) || undefined,
    remediation.action,
    remediation.cause,
    remediation.severity,
    remediation.owner,
    new Date(`${remediation.dueDate}T00:00:00.000Z`),
    'open',
    undefined,
    remediation.guidance,
  ]);
}

/** The calendar quarter of an instant, e.g. 2026-Q4: the review period when none is given. */
export function quarterOf(iso: string): string {
  const month = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}
