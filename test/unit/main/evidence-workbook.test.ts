import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT } from '@core/evidence/manifest';
import type { ReconciliationRow } from '@core/model/reconciliation';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import { run } from '../../../main/cli/run';
import { writeWorkbook, type WorkbookFacts } from '../../../main/evidence/workbook';
import { anAccount } from '../../support/builders';
import { fixture } from '../../support/fixtures';
import { tempDir, tempFile } from '../../support/temp-files';

const exec = promisify(execFile);
// Debian's python3 with python3-openpyxl (.ci/run installs it): a reader that is not exceljs.
const PYTHON = '/usr/bin/python3';

const READ_BACK = String.raw`
import json, re, sys, zipfile, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
shared = zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode()
out = {"sheets": wb.sheetnames, "sheet": {}, "shared": re.findall(r"<t[^>]*>([^<]*)</t>", shared)}
for name in wb.sheetnames:
    ws = wb[name]
    rows = [[None if c.value is None else {"v": str(c.value), "t": c.data_type, "f": c.number_format} for c in row] for row in ws.iter_rows()]
    out["sheet"][name] = {"freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows}
print(json.dumps(out))
`;

interface Cell {
  readonly v: string;
  readonly t: string;
  readonly f: string;
}
interface ReadBack {
  readonly sheets: string[];
  /** The texts of xl/sharedStrings.xml, in order. */
  readonly shared: string[];
  readonly sheet: Record<string, { freeze: string | null; filter: string | null; rows: (Cell | null)[][] }>;
}

async function readBack(path: string): Promise<ReadBack> {
  const script = await tempFile('read-back.py', READ_BACK);
  const { stdout } = await exec(PYTHON, [script, path], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as ReadBack;
}

describe('evidence.xlsx, read back by openpyxl', () => {
  it('has every sheet, frozen filtered headers, real dates, and values that look like formulas as plain text', async () => {
    const hostile = await tempFile(
      'app-users.csv',
      [
        'id,username,email,name,active,last_login',
        '1001,"=HYPERLINK(""http://evil.example"",""click"")",ada.lovelace@contoso.com,Ada Lovelace,true,2026-11-01T10:00:00Z',
        '1002,+1+1,@SUM(A1)@contoso.com,-2+3,true,2026-10-30T08:12:00Z',
      ].join('\n') + '\n',
    );
    const out = join(await tempDir(), 'pack');
    expect(await run(['audit', '--entra', fixture('entra/users-download.csv'), '--target', hostile, '--as-of', '2026-11-22', '--unsigned', '--out', out], { out: () => undefined, err: () => undefined })).toBe(0);
    const workbook = await readBack(join(out, 'evidence.xlsx'));

    expect(workbook.sheets).toEqual([
      'Summary', 'Findings', 'Side by side', 'Orphans', 'Terminated', 'Stale and dormant', 'Unassigned and missing', 'Drift',
      'Provisioning errors', 'Privileged', 'Decisions', 'Remediation', 'Correlation fixes', 'Audit trail', 'Sources', 'Signature',
    ]);
    const findings = workbook.sheet['Findings']!;
    expect(findings.freeze).toBe('A2');
    expect(findings.filter).toBe('A1:N1');
    expect(findings.rows[0]!.map((cell) => cell?.v)).toEqual([
      'Situation', 'Account id', 'Login', 'Account email', 'Account name', 'Enabled', 'Last login', 'Identity UPN', 'Identity name',
      'Match rule', 'Confidence', 'Findings', 'Severity', 'Explanation',
    ]);
    const cells = findings.rows.flat().filter((cell): cell is Cell => cell !== null);
    const looksLikeFormula = cells.filter((cell) => /^[=+\-@]/.test(cell.v));
    expect(looksLikeFormula.map((cell) => [cell.v, cell.t]).toSorted()).toEqual(
      [['+1+1', 's'], ['-2+3', 's'], ['=HYPERLINK("http://evil.example","click")', 's'], ['@SUM(A1)@contoso.com', 's']].toSorted(),
    );
    // A key match's explanation names the key compared, made again from the account with the run's keys.
    const ada = findings.rows.find((row) => row[1]?.v === '1001');
    expect(ada?.[13]?.v).toMatch(/^Correlation: account email matches identity \w+ \(ada\.lovelace@contoso\.com\)/);
    const lastLogins = findings.rows.slice(1).map((row) => row[6]).filter((cell): cell is Cell => cell !== null);
    expect(lastLogins.length).toBeGreaterThan(0);
    expect(lastLogins.every((cell) => cell.t === 'd' && cell.f === 'yyyy-mm-dd hh:mm')).toBe(true);

    // The vocabulary columns are written once, in the shared strings; values from the inputs stay in their cells.
    const situations = findings.rows.slice(1).map((row) => row[0]?.v);
    expect(situations.length).toBeGreaterThan(1);
    expect(workbook.shared).toEqual(expect.arrayContaining([...new Set(situations), 'yes', 'email']));
    expect(workbook.shared.some((text) => /HYPERLINK|lovelace/.test(text))).toBe(false);

    const summary = Object.fromEntries(workbook.sheet['Summary']!.rows.map((row) => [row[0]?.v, row[1]?.v]));
    expect(summary).toMatchObject({ Period: '2026-Q4', 'Accounts = matched + orphan + ambiguous': 'holds', staleDays: '90' });
    expect(workbook.sheet['Sources']!.rows.map((row) => row[0]?.v)).toEqual(['File', 'users-download.csv', 'app-users.csv']);
  });
});

const FACTS: WorkbookFacts = {
  format: MANIFEST_FORMAT,
  engineVersion: 'test',
  exportedAt: '2026-11-23T09:00:00.000Z',
  asOf: '2026-11-22T00:00:00.000Z',
  runId: 'f'.repeat(64),
  settings: { ...DEFAULT_SETTINGS, asOf: '2026-11-22T00:00:00.000Z' },
  scope: null,
  target: { profileId: undefined, mapping: {}, dateOrder: undefined },
  links: [],
  review: null,
  inputs: [{ role: 'target', fileName: 'app.csv', path: 'inputs/app.csv', size: 10, sha256: 'a'.repeat(64), records: 5, readAs: 'generic CSV' }],
  counts: { situations: {}, findings: {}, severities: {} },
  signer: null,
};

/** An orphan account per login: one line on Findings and one on Orphans each. */
const orphans = (logins: readonly string[]): ReconciliationRow[] =>
  logins.map((login, index) => ({
    situation: 'ORPHAN',
    account: anAccount({ accountId: `acc-${index + 1}`, login, lastLoginAt: Date.UTC(2026, 9, index + 1, 8, 30) }),
    identities: [],
    correlation: undefined,
    findings: [],
    severity: undefined,
    remediations: [],
  }));

describe('evidence.xlsx, the writer itself', () => {
  it('continues a sheet past the row limit on "Name (2)", "Name (3)", each with its header, frozen and filtered', async () => {
    const path = join(await tempDir(), 'evidence.xlsx');
    await writeWorkbook(path, FACTS, { rows: orphans(['a', 'b', 'c', 'd', 'e']), defaultDomain: undefined }, { maxDataRows: 2 });
    const workbook = await readBack(path);

    expect(workbook.sheets.filter((name) => name.startsWith('Findings') || name.startsWith('Orphans'))).toEqual([
      'Findings', 'Findings (2)', 'Findings (3)', 'Orphans', 'Orphans (2)', 'Orphans (3)',
    ]);
    const logins = ['Findings', 'Findings (2)', 'Findings (3)'].map((name) => workbook.sheet[name]!.rows.map((row) => row[2]?.v));
    expect(logins).toEqual([['Login', 'a', 'b'], ['Login', 'c', 'd'], ['Login', 'e']]);
    expect(['Findings (2)', 'Findings (3)'].map((name) => [workbook.sheet[name]!.freeze, workbook.sheet[name]!.filter])).toEqual([['A2', 'A1:N1'], ['A2', 'A1:N1']]);
    expect(workbook.sheet['Findings (3)']!.rows[1]![6]).toEqual({ v: '2026-10-05 08:30:00', t: 'd', f: 'yyyy-mm-dd hh:mm' });
  });

  it('drops the control characters XML forbids and keeps tabs, line ends, and leading or trailing spaces', async () => {
    const path = join(await tempDir(), 'evidence.xlsx');
    await writeWorkbook(path, FACTS, { rows: orphans(['bell\u0007 and nul\u0000 gone', '\ttab, CR\r\nLF kept ', ' <b>&amp;</b> \uFFFF']), defaultDomain: undefined });
    const logins = (await readBack(path)).sheet['Findings']!.rows.slice(1).map((row) => row[2]);
    expect(logins).toEqual([
      { v: 'bell and nul gone', t: 's', f: 'General' },
      { v: '\ttab, CR\r\nLF kept ', t: 's', f: 'General' },
      { v: ' <b>&amp;</b> ', t: 's', f: 'General' },
    ]);
  });

  it('is read by exceljs too: the same sheets, text as text, dates as dates, numbers as numbers', async () => {
    const path = join(await tempDir(), 'evidence.xlsx');
    await writeWorkbook(path, FACTS, { rows: orphans(['=HYPERLINK("http://evil.example","x")', 'plain']), defaultDomain: undefined });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary', 'Findings', 'Side by side', 'Orphans', 'Terminated', 'Stale and dormant', 'Unassigned and missing', 'Drift',
      'Provisioning errors', 'Privileged', 'Decisions', 'Remediation', 'Correlation fixes', 'Audit trail', 'Sources', 'Signature',
    ]);
    const findings = workbook.getWorksheet('Findings')!;
    expect(findings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const login = findings.getCell('C2');
    expect([login.type, login.value, login.formula]).toEqual([ExcelJS.ValueType.String, '=HYPERLINK("http://evil.example","x")', undefined]);
    expect(findings.getCell('G3').value).toEqual(new Date(Date.UTC(2026, 9, 2, 8, 30)));
    expect(findings.getCell('A1').font).toMatchObject({ bold: true });
    expect(findings.getColumn(14).width).toBe(80);
    expect(workbook.getWorksheet('Sources')!.getCell('C2').value).toBe(10);
  });
});
