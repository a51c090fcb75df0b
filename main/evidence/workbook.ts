import type { EvidenceManifest } from '@core/evidence/manifest';
import {
  CONCERN_SHEETS,
  concernsOf,
  FINDING_COLUMNS,
  findingCells,
  hasSideBySide,
  MAX_DATA_ROWS,
  quarterOf,
  REMEDIATION_COLUMNS,
  remediationCells,
  SIDE_BY_SIDE_COLUMNS,
  sideBySideCells,
  type CellValue,
  type SheetColumn,
} from '@core/evidence/workbook-plan';
import { canonicalJson } from '@core/canonical-json';
import { correlationExplainer } from '@core/engine/correlate';
import { keyMaker } from '@core/engine/keys';
import type { ReconciliationResult } from '@core/engine/reconcile';
import { FINDING_CODES, SEVERITIES, SITUATIONS, type ReconciliationRow, type RowList } from '@core/model/reconciliation';
import type { AuditEntry, ChainVerdict } from '@core/review/audit-trail';
import { ACTION_LABELS, STATUS_LABELS, type ChecklistItem } from '@core/review/checklist';
import type { Decision } from '@core/review/decisions';
import type { XlsxValue } from './xlsx/cell-xml';
import { STYLE, type StyleId } from './xlsx/styles';
import { writeXlsx, type NamedSheet } from './xlsx/xlsx-writer';

/** What the workbook shows besides the rows: the manifest's facts, before the manifest exists. */
export type WorkbookFacts = Omit<EvidenceManifest, 'files'>;

/** What the app's review adds to a pack: the reviewers' decisions, the checklist as they left it, and the trail. */
export interface ReviewEvidence {
  readonly record: NonNullable<EvidenceManifest['review']>;
  readonly decisions: readonly Decision[];
  readonly checklist: readonly ChecklistItem[];
  readonly trail: readonly AuditEntry[];
  /** The trail's hash chain as main recomputed it at export. */
  readonly chain: ChainVerdict;
  /** Rows the app imported from each input, by the input's SHA-256: the completeness check's other side. */
  readonly importedRows: Readonly<Record<string, number>>;
}

export interface WorkbookOptions {
  /** Data rows per sheet before it continues on "Name (2)": Excel's limit, smaller only in tests. */
  readonly maxDataRows?: number;
}

const SEVERITY_STYLE: Readonly<Record<string, StyleId>> = { critical: STYLE.critical, high: STYLE.high, medium: STYLE.medium, low: STYLE.low };

/**
 * Writes evidence.xlsx: every sheet the evidence needs, each streamed row by row (a million findings stay within
 * memory), every zip entry dated at the export time, so the same run gives the same bytes. Every value from an
 * input is a text cell: a value that looks like a formula is shown, never evaluated.
 */
export async function writeWorkbook(
  path: string,
  facts: WorkbookFacts,
  result: Pick<ReconciliationResult, 'rows' | 'defaultDomain'>,
  options: WorkbookOptions = {},
  review?: ReviewEvidence,
): Promise<void> {
  const { rows } = result;
  // Key matches keep no key with each row: the explanations make it again from the account, with the run's keys.
  const explain = correlationExplainer(keyMaker(facts.settings, result.defaultDomain));
  const cellsOf = (row: ReconciliationRow): CellValue[] => findingCells(row, explain);
  const limit = options.maxDataRows ?? MAX_DATA_ROWS;
  const tally = tallyRows(rows);
  const remediation: Table = review
    ? { name: 'Remediation', columns: CHECKLIST_COLUMNS, count: review.checklist.length, rows: () => review.checklist.map(checklistCells), whenEmpty: 'Nothing to remediate: no finding calls for an action and no decision asked for one.' }
    : { name: 'Remediation', columns: REMEDIATION_COLUMNS, count: tally.remediations, rows: () => remediations(rows) };
  const tables: Table[] = [
    { name: 'Findings', columns: FINDING_COLUMNS, count: rows.length, rows: () => mapped(rows, cellsOf) },
    { name: 'Side by side', columns: SIDE_BY_SIDE_COLUMNS, count: tally.sideBySide, rows: () => sideBySide(rows) },
    ...concernTables(rows, tally, cellsOf),
    {
      name: 'Decisions',
      columns: DECISION_COLUMNS,
      count: review?.decisions.length ?? 0,
      rows: () => (review?.decisions ?? []).map(decisionCells),
      whenEmpty: review ? 'No reviewer decisions were recorded in this review.' : 'No reviewer decisions: decisions are made in the app\'s review workspace; a command-line audit records none.',
    },
    remediation,
    {
      name: 'Correlation fixes',
      columns: LINK_COLUMNS,
      count: facts.links.length,
      rows: () => facts.links.map((link): CellValue[] => [link.accountId, link.identityId, link.action, link.justification, link.by, new Date(link.at)]),
      whenEmpty: 'No correlation fixes: every account was correlated by the rules alone.',
    },
    {
      name: 'Audit trail',
      columns: AUDIT_COLUMNS,
      count: review?.trail.length ?? 0,
      rows: () => (review?.trail ?? []).map(auditCells),
      whenEmpty: 'No audit trail: it is kept by the app\'s review workspace; a command-line audit has one step, recorded in the Summary.',
    },
    sources(facts),
  ];
  const sheets = [keyValueSheet('Summary', summary(facts, tally.accounts, review)), ...tables.flatMap((table) => tableSheets(table, limit)), keyValueSheet('Signature', signature(facts))];
  await writeXlsx(path, sheets, { creator: 'Recondesk', at: new Date(facts.exportedAt) });
}

/** A table's rows, pulled lazily so a million of them are never built at once. */
interface Table {
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly count: number;
  readonly rows: () => Iterable<CellValue[]>;
  readonly whenEmpty?: string;
}

function* mapped(rows: RowList, cells: (row: ReconciliationRow) => CellValue[]): Generator<CellValue[]> {
  for (const row of rows) yield cells(row);
}

/** What the sheets' counts need, and which concern sheets list each row (bit i for CONCERN_SHEETS[i]). */
interface Tally {
  readonly accounts: number;
  readonly remediations: number;
  readonly sideBySide: number;
  readonly concerns: Uint32Array;
  readonly concernCounts: readonly number[];
}

/**
 * Every count the sheets need, in one pass: each row read is made again (see `RowTable`), 85–200 ms a pass at
 * a million rows, and a pass per count was four of them.
 */
function tallyRows(rows: RowList): Tally {
  const concerns = new Uint32Array(rows.length);
  const concernCounts = CONCERN_SHEETS.map(() => 0);
  let accounts = 0;
  let remediationItems = 0;
  let pairs = 0;
  let index = 0;
  for (const row of rows) {
    if (row.account !== undefined) accounts += 1;
    remediationItems += row.remediations.length;
    if (hasSideBySide(row)) pairs += 1;
    const bits = concernsOf(row);
    concerns[index++] = bits;
    if (bits !== 0) for (let sheet = 0; sheet < concernCounts.length; sheet += 1) if ((bits & (1 << sheet)) !== 0) concernCounts[sheet]! += 1;
  }
  return { accounts, remediations: remediationItems, sideBySide: pairs, concerns, concernCounts };
}

/** A sheet per concern, each re-listing the Findings rows it concerns (which ones: `Tally.concerns`). */
function concernTables(rows: RowList, tally: Tally, cellsOf: (row: ReconciliationRow) => CellValue[]): Table[] {
  return CONCERN_SHEETS.map((concern, index): Table => ({ name: concern.name, columns: FINDING_COLUMNS, count: tally.concernCounts[index]!, rows: () => concernRows(rows, tally.concerns, 1 << index, cellsOf) }));
}

function* concernRows(rows: RowList, concerns: Uint32Array, bit: number, cellsOf: (row: ReconciliationRow) => CellValue[]): Generator<CellValue[]> {
  for (let index = 0; index < rows.length; index += 1) if ((concerns[index]! & bit) !== 0) yield cellsOf(rows.at(index)!);
}

function* sideBySide(rows: RowList): Generator<CellValue[]> {
  for (const row of rows) {
    const cells = sideBySideCells(row);
    if (cells) yield cells;
  }
}

function* remediations(rows: RowList): Generator<CellValue[]> {
  for (const row of rows) if (row.remediations.length > 0) yield* remediationCells(row);
}

function sources(facts: WorkbookFacts): Table {
  const lines = facts.inputs.map((input): CellValue[] => [input.fileName, input.role, input.size, input.sha256, input.records, input.readAs, input.path ?? 'left out (--no-inputs)']);
  return { name: 'Sources', columns: SOURCE_COLUMNS, count: lines.length, rows: () => lines };
}

const DECISION_COLUMNS: readonly SheetColumn[] = [
  { header: 'Row (account or identity)', width: 30 },
  { header: 'Answers', width: 24 },
  { header: 'Decision', width: 12 },
  { header: 'Justification', width: 50 },
  { header: 'Approver', width: 20 },
  { header: 'Expires', width: 12, kind: 'date' },
  { header: 'Reviewer', width: 20 },
  { header: 'Role', width: 16 },
  { header: 'Decided at', width: 18, kind: 'date' },
];
const CHECKLIST_COLUMNS: readonly SheetColumn[] = [
  { header: 'Action', width: 30, kind: 'category' },
  { header: 'Owner', width: 22, kind: 'category' },
  { header: 'Due', width: 12, kind: 'date' },
  { header: 'Status', width: 12, kind: 'category' },
  { header: 'Severity', width: 9, kind: 'severity' },
  { header: 'Account', width: 24 },
  { header: 'Identity UPN', width: 30 },
  { header: 'Cause', width: 22, kind: 'category' },
  { header: 'Decision', width: 10, kind: 'category' },
  { header: 'Note', width: 30 },
  { header: 'Ticket', width: 16 },
  { header: 'Evidence reference', width: 24 },
  { header: 'Guidance', width: 60, kind: 'category' },
];
const LINK_COLUMNS: readonly SheetColumn[] = [
  { header: 'Account id', width: 22 },
  { header: 'Identity id', width: 38 },
  { header: 'Fix', width: 8 },
  { header: 'Justification', width: 50 },
  { header: 'By', width: 20 },
  { header: 'At', width: 18, kind: 'date' },
];

const day = (date: string | undefined): Date | undefined => (date ? new Date(`${date}T00:00:00.000Z`) : undefined);

function decisionCells(decision: Decision): CellValue[] {
  const { by } = decision;
  return [decision.rowKey, decision.answers.join(', '), decision.kind, decision.justification, decision.approver, day(decision.expires), by.name, by.role, new Date(decision.at)];
}

function checklistCells(item: ChecklistItem): CellValue[] {
  return [
    ACTION_LABELS[item.action],
    item.owner,
    day(item.dueDate),
    STATUS_LABELS[item.status],
    item.severity,
    item.account || undefined,
    item.identity || undefined,
    item.causes.join(', '),
    item.decision,
    item.note || undefined,
    item.ticket || undefined,
    item.evidence || undefined,
    item.guidance,
  ];
}

function auditCells(entry: AuditEntry): CellValue[] {
  return [entry.seq, new Date(entry.at), `${entry.who.name} (${entry.who.role})`, entry.action, canonicalJson(entry.details), entry.previousHash, entry.hash];
}
const AUDIT_COLUMNS: readonly SheetColumn[] = [
  { header: 'Seq', width: 6, kind: 'number' },
  { header: 'At', width: 18, kind: 'date' },
  { header: 'Who', width: 20 },
  { header: 'Action', width: 20 },
  { header: 'Details', width: 50 },
  { header: 'Previous hash', width: 66 },
  { header: 'Hash', width: 66 },
];
const SOURCE_COLUMNS: readonly SheetColumn[] = [
  { header: 'File', width: 30 },
  { header: 'Role', width: 8 },
  { header: 'Size (bytes)', width: 14, kind: 'number' },
  { header: 'SHA-256', width: 66 },
  { header: 'Records read', width: 13, kind: 'number' },
  { header: 'Read as', width: 60 },
  { header: 'In the pack', width: 30 },
];

type KeyValue = readonly [string, CellValue] | readonly [string];

function reviewLines(facts: WorkbookFacts, review: ReviewEvidence | undefined): KeyValue[] {
  if (!review) {
    const target = facts.inputs.find((input) => input.role === 'target');
    return [
      ['Review', 'Command-line audit'],
      ['Application', target?.readAs.split(' (')[0] ?? target?.fileName],
      ['Period', quarterOf(facts.asOf)],
      ['As of', new Date(facts.asOf)],
      ['Reviewer and role', 'not recorded by the command line (the app records the reviewer on every action)'],
    ];
  }
  const { record, chain } = review;
  return [
    ['Review', record.name],
    ['Application', record.application],
    ['Period', record.period],
    ['As of', new Date(facts.asOf)],
    ['Owner', record.owner],
    ['Reviewer and role', `${record.reviewer.name}, ${record.reviewer.role}`],
    ['Decisions recorded', review.decisions.length],
    ['Correlation fixes', facts.links.length],
    ['Audit trail', chain.intact ? `intact: ${chain.entries} entries, each chained to the one before by SHA-256` : `BROKEN at entry ${chain.seq}: ${chain.reason}`],
  ];
}

/** Rows the app imported from each input against the records read again for the pack: nothing dropped on either side. */
function imported(facts: WorkbookFacts, review: ReviewEvidence | undefined): KeyValue[] {
  if (!review) return [];
  return facts.inputs.map((input): KeyValue => {
    const rows = review.importedRows[input.sha256];
    const verdict = rows === undefined ? 'not known' : rows === input.records ? 'holds' : 'DOES NOT HOLD';
    return [`${input.fileName}: rows imported in the app = records read for the pack`, `${rows ?? '?'} = ${input.records}: ${verdict}`];
  });
}

function summary(facts: WorkbookFacts, accounts: number, review: ReviewEvidence | undefined): KeyValue[] {
  const { counts, settings } = facts;
  const reconciled = (counts.situations['MATCHED'] ?? 0) + (counts.situations['ORPHAN'] ?? 0) + (counts.situations['AMBIGUOUS'] ?? 0);
  const addsUp = reconciled === accounts;
  return [
    ['Review'],
    ...reviewLines(facts, review),
    ['Engine version', facts.engineVersion],
    ['Run id', facts.runId],
    ['Exported at', new Date(facts.exportedAt)],
    ['Settings'],
    ...Object.entries(settings).map(([name, value]): KeyValue => [name, typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)]),
    ['scope', facts.scope === null ? 'none' : JSON.stringify(facts.scope)],
    ['target reading', JSON.stringify(facts.target)],
    ['Population and completeness'],
    ...facts.inputs.map((input): KeyValue => [`${input.fileName}: records read = records reconciled`, input.records]),
    ...imported(facts, review),
    ['Accounts reconciled', accounts],
    ['Accounts = matched + orphan + ambiguous', addsUp ? 'holds' : 'DOES NOT HOLD'],
    ['Situations'],
    ...SITUATIONS.map((situation): KeyValue => [situation, counts.situations[situation] ?? 0]),
    ['Findings'],
    ...FINDING_CODES.map((code): KeyValue => [code, counts.findings[code] ?? 0]),
    ['Severities'],
    ...SEVERITIES.toReversed().map((severity): KeyValue => [severity, counts.severities[severity] ?? 0]),
    ['Sign-off'],
    ['Prepared by (name, role, date)', ''],
    ['Reviewed by (name, role, date)', ''],
    ['Approved by (name, role, date)', ''],
  ];
}

function signature(facts: WorkbookFacts): KeyValue[] {
  return [
    ['Signature'],
    ['Signer', facts.signer?.subject ?? 'UNSIGNED: made with --unsigned'],
    ['Certificate SHA-256 fingerprint', facts.signer?.fingerprint ?? 'none'],
    ['Run id (SHA-256 over the inputs and settings)', facts.runId],
    ['This workbook', 'is hashed in manifest.json, which manifest.json.p7s signs; so it cannot carry the manifest\'s own hash'],
    ['How to verify'],
    ['1', 'sha256sum -c SHA256SUMS'],
    ['2', 'openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json -CAfile signer.pem -purpose any -out /dev/null'],
    ['3', 'compare the certificate fingerprint above with the one compliance recorded'],
    ['4', 'npm run --silent recondesk -- verify <pack folder>   (re-performs the reconciliation from inputs/)'],
  ];
}

/** Two columns, key and value; a line with a key alone is a bold title. */
function keyValueSheet(name: string, lines: readonly KeyValue[]): NamedSheet {
  return {
    name,
    widths: [44, 90],
    rows: lines,
    rowCount: lines.length,
    style: (value, column, line) => (line.length === 1 ? STYLE.title : column === 1 && value instanceof Date ? STYLE.dateSeconds : STYLE.plain),
  };
}

/** A table: frozen bold header with a filter; continues on "Name (2)" past the row limit. */
function tableSheets(table: Table, limit: number): NamedSheet[] {
  const widths = table.columns.map((column) => column.width);
  const header = table.columns.map((column) => column.header);
  // Each column's style worked out once: only a severity's depends on the value.
  const styles = table.columns.map((column) => (column.kind === 'date' ? STYLE.date : STYLE.plain));
  const bySeverity = table.columns.map((column) => column.kind === 'severity');
  const shared = table.columns.map((column) => column.kind === 'category' || column.kind === 'severity');
  const style = (value: XlsxValue, index: number): StyleId =>
    bySeverity[index] === true && typeof value === 'string' ? (SEVERITY_STYLE[value] ?? STYLE.plain) : (styles[index] ?? STYLE.plain);
  if (table.count === 0) {
    const rows = table.whenEmpty === undefined ? [] : [[table.whenEmpty]];
    return [{ name: table.name, widths, header, rows, rowCount: rows.length, style: () => STYLE.plain }];
  }
  const parts = Math.ceil(table.count / limit);
  if (parts === 1) return [{ name: table.name, widths, header, rows: table.rows(), rowCount: table.count, style, shared }];
  // One iterator shared by the parts: each part takes the next `limit` rows from where the last one stopped.
  const iterator = table.rows()[Symbol.iterator]();
  return Array.from({ length: parts }, (_, part): NamedSheet => ({
    name: part === 0 ? table.name : `${table.name} (${part + 1})`,
    widths,
    header,
    rows: take(iterator, limit),
    rowCount: Math.min(limit, table.count - part * limit),
    style,
    shared,
  }));
}

function* take<T>(iterator: Iterator<T>, count: number): Generator<T> {
  for (let taken = 0; taken < count; taken += 1) {
    const next = iterator.next();
    if (next.done === true) return;
    yield next.value;
  }
}
