import { readFile, rm, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { EvidenceManifest } from '@core/evidence/manifest';
import {
  CONCERN_SHEETS,
  FINDING_COLUMNS,
  findingCells,
  MAX_DATA_ROWS,
  quarterOf,
  REMEDIATION_COLUMNS,
  remediationCells,
  SIDE_BY_SIDE_COLUMNS,
  sideBySideCells,
  type CellValue,
  type SheetColumn,
} from '@core/evidence/workbook-plan';
import { FINDING_CODES, SEVERITIES, SITUATIONS, type ReconciliationRow } from '@core/model/reconciliation';
import { setZipEntryDates } from './zip-dates';

/** What the workbook shows besides the rows: the manifest's facts, before the manifest exists. */
export type WorkbookFacts = Omit<EvidenceManifest, 'files'>;

const SEVERITY_FILL: Readonly<Record<string, string>> = { critical: 'FFF4C7C3', high: 'FFFCE0C4', medium: 'FFFFF2CC', low: 'FFE2EFDA' };
const HEADER_FILL = 'FFDDE3EA';

/**
 * Writes evidence.xlsx with exceljs's streaming writer (rows go to disk as they are added, so a million
 * findings stay within memory), then sets its zip entries to the export time so the same run gives the same bytes.
 * Every value from an input is a text cell: a value that looks like a formula is shown, never evaluated.
 */
export async function writeWorkbook(path: string, facts: WorkbookFacts, rows: readonly ReconciliationRow[]): Promise<void> {
  const exportedAt = new Date(facts.exportedAt);
  const raw = `${path}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: raw, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Recondesk';
  workbook.created = exportedAt;
  workbook.modified = exportedAt;

  await keyValueSheet(workbook, 'Summary', summary(facts, rows));
  await tableSheet(workbook, 'Findings', FINDING_COLUMNS, rows.map(findingCells));
  await tableSheet(workbook, 'Side by side', SIDE_BY_SIDE_COLUMNS, rows.flatMap((row) => { const cells = sideBySideCells(row); return cells ? [cells] : []; }));
  for (const concern of CONCERN_SHEETS) await tableSheet(workbook, concern.name, FINDING_COLUMNS, rows.filter(concern.includes).map(findingCells));
  await tableSheet(workbook, 'Decisions', DECISION_COLUMNS, [], 'No reviewer decisions: decisions are made in the app\'s review workspace; a command-line audit records none.');
  await tableSheet(workbook, 'Remediation', REMEDIATION_COLUMNS, rows.flatMap(remediationCells));
  await tableSheet(workbook, 'Audit trail', AUDIT_COLUMNS, [], 'No audit trail: it is kept by the app\'s review workspace; a command-line audit has one step, recorded in the Summary.');
  await tableSheet(workbook, 'Sources', SOURCE_COLUMNS, facts.inputs.map((input) => [input.fileName, input.role, input.size, input.sha256, input.records, input.readAs, input.path ?? 'left out (--no-inputs)']));
  await keyValueSheet(workbook, 'Signature', signature(facts));
  await workbook.commit();

  // exceljs stamps every zip entry with the current time; one fixed date makes the file reproducible.
  const bytes = await readFile(raw);
  setZipEntryDates(bytes, exportedAt);
  await writeFile(path, bytes);
  await rm(raw, { force: true });
}

const DECISION_COLUMNS: readonly SheetColumn[] = [
  { header: 'Account id', width: 22 },
  { header: 'Finding', width: 20 },
  { header: 'Decision', width: 12 },
  { header: 'Justification', width: 50 },
  { header: 'Reviewer', width: 20 },
  { header: 'Role', width: 16 },
  { header: 'Decided at', width: 18, kind: 'date' },
];
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

function summary(facts: WorkbookFacts, rows: readonly ReconciliationRow[]): KeyValue[] {
  const { counts, settings } = facts;
  const accounts = rows.filter((row) => row.account !== undefined).length;
  const reconciled = (counts.situations['MATCHED'] ?? 0) + (counts.situations['ORPHAN'] ?? 0) + (counts.situations['AMBIGUOUS'] ?? 0);
  const addsUp = reconciled === accounts;
  const target = facts.inputs.find((input) => input.role === 'target');
  return [
    ['Review'],
    ['Review', 'Command-line audit'],
    ['Application', target?.readAs.split(' (')[0] ?? target?.fileName],
    ['Period', quarterOf(facts.asOf)],
    ['As of', new Date(facts.asOf)],
    ['Reviewer and role', 'not recorded by the command line (the app records the reviewer on every action)'],
    ['Engine version', facts.engineVersion],
    ['Run id', facts.runId],
    ['Exported at', new Date(facts.exportedAt)],
    ['Settings'],
    ...Object.entries(settings).map(([name, value]): KeyValue => [name, typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)]),
    ['scope', facts.scope === null ? 'none' : JSON.stringify(facts.scope)],
    ['target reading', JSON.stringify(facts.target)],
    ['Population and completeness'],
    ...facts.inputs.map((input): KeyValue => [`${input.fileName}: records read = records reconciled`, input.records]),
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

async function keyValueSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, lines: readonly KeyValue[]): Promise<void> {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: 44 }, { width: 90 }];
  for (const line of lines) {
    const row = sheet.addRow(line.length === 1 ? [line[0]] : [line[0], line[1]]);
    if (line.length === 1) row.font = { bold: true, size: 12 };
    const value = row.getCell(2);
    if (line[1] instanceof Date) value.numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.commit();
  }
  await sheet.commit();
}

/** A table: frozen bold header with a filter; continues on "Name (2)" past Excel's row limit. */
async function tableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly SheetColumn[],
  rows: readonly CellValue[][],
  whenEmpty?: string,
): Promise<void> {
  const parts = Math.max(1, Math.ceil(rows.length / MAX_DATA_ROWS));
  for (let part = 0; part < parts; part += 1) {
    const sheet = workbook.addWorksheet(part === 0 ? name : `${name} (${part + 1})`, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    header.commit();
    const slice = rows.slice(part * MAX_DATA_ROWS, (part + 1) * MAX_DATA_ROWS);
    for (const cells of slice) {
      const row = sheet.addRow(cells.map((cell) => cell ?? null));
      columns.forEach((column, index) => {
        const cell = row.getCell(index + 1);
        if (column.kind === 'date' && cells[index] instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm';
        if (column.kind === 'severity' && typeof cells[index] === 'string') {
          const fill = SEVERITY_FILL[cells[index]];
          if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
        }
      });
      row.commit();
    }
    if (slice.length === 0 && whenEmpty !== undefined) sheet.addRow([whenEmpty]).commit();
    await sheet.commit();
  }
}
