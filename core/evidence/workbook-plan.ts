import type { Account } from '../model/account';
import type { Identity } from '../model/identity';
import type { CorrelationExplainer, Finding, FindingCode, ReconciliationRow, Situation } from '../model/reconciliation';

/**
 * A cell: text stays text (never a formula), an instant is a real date, a number a number. In a date column a
 * number is an instant, in milliseconds since 1970: the writer makes it a date without a Date object per cell.
 */
export type CellValue = string | number | Date | undefined;

export interface SheetColumn {
  readonly header: string;
  /** Width in characters. */
  readonly width: number;
  /**
   * `category`: text from a small vocabulary (situations, finding codes, yes/no, actions), which the workbook
   * writes once and names by number in each cell; `severity` is one too, coloured by its value.
   */
  readonly kind?: 'text' | 'date' | 'number' | 'severity' | 'category';
}

/** Excel's last row is 1,048,576; one is the header. A longer sheet continues on "Name (2)", "Name (3)", … */
export const MAX_DATA_ROWS = 1_048_575;

const yesNo = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : value ? 'yes' : 'no');

/**
 * What `items.map(text).join('; ')` gives, without the two arrays: these run for every row of several sheets,
 * and nearly always over one item, whose text is then the result as it is.
 */
function joined<T>(items: readonly T[], text: (item: T) => string | undefined): string {
  let result = '';
  for (let index = 0; index < items.length; index += 1) result += (index === 0 ? '' : '; ') + (text(items[index]!) ?? '');
  return result;
}
const codeOf = (finding: Finding): string => finding.code;
const upnOf = (identity: Identity): string => identity.upn;
const nameOf = (identity: Identity): string | undefined => identity.displayName;
const codes = (row: ReconciliationRow): string => joined(row.findings, codeOf);
const upns = (row: ReconciliationRow): string => joined(row.identities, upnOf);

export const FINDING_COLUMNS: readonly SheetColumn[] = [
  { header: 'Situation', width: 11, kind: 'category' },
  { header: 'Account id', width: 22 },
  { header: 'Login', width: 28 },
  { header: 'Account email', width: 30 },
  { header: 'Account name', width: 22 },
  { header: 'Enabled', width: 8, kind: 'category' },
  { header: 'Last login', width: 18, kind: 'date' },
  { header: 'Identity UPN', width: 30 },
  { header: 'Identity name', width: 22 },
  { header: 'Match rule', width: 11, kind: 'category' },
  { header: 'Confidence', width: 10, kind: 'number' },
  { header: 'Findings', width: 30, kind: 'category' },
  { header: 'Severity', width: 9, kind: 'severity' },
  { header: 'Explanation', width: 80 },
];

/** One line of the Findings sheet (and of every concern sheet): the row and why each finding was raised. */
export function findingCells(row: ReconciliationRow, explain: CorrelationExplainer): CellValue[] {
  const account = row.account;
  const correlation = row.correlation === undefined ? undefined : row.correlation.proposal ? `${row.correlation.rule} (proposal)` : row.correlation.rule;
  return [
    row.situation,
    account?.accountId,
    account?.login,
    account?.email,
    account?.displayName,
    yesNo(account?.enabled),
    account?.lastLoginAt,
    upns(row) || undefined,
    joined(row.identities, nameOf) || undefined,
    correlation,
    row.correlation?.confidence,
    codes(row) || undefined,
    row.severity,
    explanation(row, explain) || undefined,
  ];
}

/** The correlation's reason and each finding's, joined by " | ". */
function explanation(row: ReconciliationRow, explain: CorrelationExplainer): string {
  let text = row.correlation ? `Correlation: ${explain(row.correlation, row.account)}` : '';
  for (const finding of row.findings) text += `${text === '' ? '' : ' | '}${finding.code}: ${finding.reason}`;
  return text;
}

export interface ConcernSheet {
  readonly name: string;
  /** A row is listed when it has one of these findings, or (if given) this situation. */
  readonly codes: readonly FindingCode[];
  readonly situation?: Situation;
}

/** One sheet per concern an auditor samples from, in the order they read them. */
export const CONCERN_SHEETS: readonly ConcernSheet[] = [
  { name: 'Orphans', codes: [], situation: 'ORPHAN' },
  { name: 'Terminated', codes: ['TERMINATED_ACTIVE'] },
  { name: 'Stale and dormant', codes: ['STALE_ACCOUNT', 'DORMANT_IDENTITY'] },
  { name: 'Unassigned and missing', codes: ['UNASSIGNED'], situation: 'MISSING' },
  { name: 'Drift', codes: ['ATTRIBUTE_DRIFT'] },
  { name: 'Provisioning errors', codes: ['PROVISIONING_ERROR'] },
  { name: 'Privileged', codes: ['PRIVILEGED'] },
];

// Bit i stands for CONCERN_SHEETS[i]: what each finding code and situation puts a row on.
const bitsBy = (key: (concern: ConcernSheet) => readonly string[]): ReadonlyMap<string, number> => {
  const bits = new Map<string, number>();
  CONCERN_SHEETS.forEach((concern, index) => {
    for (const value of key(concern)) bits.set(value, (bits.get(value) ?? 0) | (1 << index));
  });
  return bits;
};
const BITS_BY_CODE = bitsBy((concern) => concern.codes);
const BITS_BY_SITUATION = bitsBy((concern) => (concern.situation === undefined ? [] : [concern.situation]));

/**
 * The concern sheets that list a row, as bits (bit i for CONCERN_SHEETS[i]): worked out once per row, where a
 * test per sheet went over every row's findings once per sheet, twice (to count, then to write).
 */
export function concernsOf(row: ReconciliationRow): number {
  let bits = BITS_BY_SITUATION.get(row.situation) ?? 0;
  for (const finding of row.findings) bits |= BITS_BY_CODE.get(finding.code) ?? 0;
  return bits;
}

/**
 * The pairs compared side by side: each field as the account has it and as the identity has it, in the order of
 * `pairValues`, which reads them (a function per field, called per row, cost more than the fields themselves).
 */
const PAIRS: readonly { readonly label: string; readonly kind?: SheetColumn['kind'] }[] = [
  { label: 'Email' },
  { label: 'Name' },
  { label: 'Given name' },
  { label: 'Family name' },
  { label: 'Employee id' },
  { label: 'Enabled', kind: 'category' },
  { label: 'Last login / sign-in', kind: 'date' },
];

/** The Side by side line's cells: the three that name the pair, then PAIRS' values (account, identity), then Differs. */
function pairValues(account: Account, identity: Identity, rule: string | undefined): CellValue[] {
  return [
    account.accountId,
    identity.upn,
    rule,
    account.email,
    identity.mail ?? identity.upn,
    account.displayName,
    identity.displayName,
    account.givenName,
    identity.givenName,
    account.familyName,
    identity.surname,
    account.employeeId,
    identity.employeeId,
    yesNo(account.enabled),
    yesNo(identity.accountEnabled),
    account.lastLoginAt,
    identity.lastSignInAt,
    undefined,
  ];
}
const FIRST_PAIR = 3;

export const SIDE_BY_SIDE_COLUMNS: readonly SheetColumn[] = [
  { header: 'Account id', width: 22 },
  { header: 'Identity UPN', width: 30 },
  { header: 'Match rule', width: 11, kind: 'category' },
  ...PAIRS.flatMap((pair): SheetColumn[] => [
    { header: `${pair.label} (account)`, width: 24, ...(pair.kind ? { kind: pair.kind } : {}) },
    { header: `${pair.label} (identity)`, width: 24, ...(pair.kind ? { kind: pair.kind } : {}) },
  ]),
  { header: 'Differs', width: 40, kind: 'category' },
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
  let differs = '';
  const cells = pairValues(account, identity, row.correlation?.rule);
  for (let index = 0; index < PAIRS.length; index += 1) {
    const pair = PAIRS[index]!;
    const left = cells[FIRST_PAIR + 2 * index];
    const right = cells[FIRST_PAIR + 2 * index + 1];
    // Equal values are the common case, and compare equal without making lower-case copies.
    if (pair.kind !== 'date' && left !== undefined && right !== undefined && left !== right && comparable(left) !== comparable(right)) differs += `${differs === '' ? '' : ', '}${pair.label}`;
  }
  cells[cells.length - 1] = differs || undefined;
  return cells;
}

export const REMEDIATION_COLUMNS: readonly SheetColumn[] = [
  { header: 'Account id', width: 22 },
  { header: 'Identity UPN', width: 30 },
  { header: 'Action', width: 30, kind: 'category' },
  { header: 'Cause', width: 20, kind: 'category' },
  { header: 'Severity', width: 9, kind: 'severity' },
  { header: 'Owner', width: 22, kind: 'category' },
  { header: 'Due', width: 12, kind: 'date' },
  { header: 'Status', width: 12, kind: 'category' },
  { header: 'Evidence reference', width: 24 },
  { header: 'Guidance', width: 60, kind: 'category' },
];

/** One line per proposed remediation; the command line has no reviewer, so every item is open. */
export function remediationCells(row: ReconciliationRow): CellValue[][] {
  const identities = upns(row) || undefined;
  return row.remediations.map((remediation) => [
    row.account?.accountId,
    identities,
    remediation.action,
    remediation.cause,
    remediation.severity,
    remediation.owner,
    Date.parse(`${remediation.dueDate}T00:00:00.000Z`),
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
