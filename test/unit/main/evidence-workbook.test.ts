import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../../../main/cli/run';
import { fixture } from '../../support/fixtures';
import { tempDir, tempFile } from '../../support/temp-files';

const exec = promisify(execFile);
// Debian's python3 with python3-openpyxl (.ci/run installs it): a reader that is not exceljs.
const PYTHON = '/usr/bin/python3';

const READ_BACK = String.raw`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "sheet": {}}
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
      'Provisioning errors', 'Privileged', 'Decisions', 'Remediation', 'Audit trail', 'Sources', 'Signature',
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
    const lastLogins = findings.rows.slice(1).map((row) => row[6]).filter((cell): cell is Cell => cell !== null);
    expect(lastLogins.length).toBeGreaterThan(0);
    expect(lastLogins.every((cell) => cell.t === 'd' && cell.f === 'yyyy-mm-dd hh:mm')).toBe(true);

    const summary = Object.fromEntries(workbook.sheet['Summary']!.rows.map((row) => [row[0]?.v, row[1]?.v]));
    expect(summary).toMatchObject({ Period: '2026-Q4', 'Accounts = matched + orphan + ambiguous': 'holds', staleDays: '90' });
    expect(workbook.sheet['Sources']!.rows.map((row) => row[0]?.v)).toEqual(['File', 'users-download.csv', 'app-users.csv']);
  });
});
