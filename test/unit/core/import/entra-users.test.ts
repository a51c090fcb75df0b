import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectEntraUsersLayout, identityFromRow, inspectEntraUsersHeader, scoreEntraUsers } from '@core/import/entra-users';
import { extractRecords, flattenRecord } from '@core/import/flatten';
import { mapIdentities, type RowBatch } from '@core/import/map-rows';
import type { Identity } from '@core/model/identity';
import { fixture } from '../../../support/fixtures';

interface Table {
  readonly header: string[];
  readonly rows: string[][];
}

/** A CSV fixture as the reader delivers it: a `#TYPE` or `version:` preamble line skipped. */
function csvFixture(name: string): Table {
  const text = readFileSync(fixture(`entra/${name}`), 'utf8');
  const body = /^(#TYPE |version:)/.test(text) ? text.slice(text.indexOf('\n') + 1) : text;
  const [header = [], ...rows] = Papa.parse<string[]>(body, { skipEmptyLines: true }).data;
  return { header, rows };
}

/** A JSON fixture as the reader delivers it: records flattened, the header the union of keys in first-seen order. */
function jsonFixture(name: string): Table {
  const records = extractRecords(JSON.parse(readFileSync(fixture(`entra/${name}`), 'utf8'))).map(flattenRecord);
  const keys = new Map<string, true>();
  for (const record of records) for (const key of record.keys()) keys.set(key, true);
  const header = [...keys.keys()];
  return { header, rows: records.map((record) => header.map((key) => record.get(key) ?? '')) };
}

const batches = (rows: string[][]): RowBatch[] => [{ rows, lines: rows.map((_, index) => index + 2) }];
const table = (name: string): Table => (name.endsWith('.json') ? jsonFixture(name) : csvFixture(name));

function mapped(name: string): { identities: Identity[]; hasSignInData: boolean; warnings: readonly unknown[] } {
  const { header, rows } = table(name);
  const result = mapIdentities(header, batches(rows));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const ID = (n: number): string => `0b6f1c1e-000${n}-4a4a-9c9c-00000000000${n}`;
const at = (iso: string): number => Date.parse(iso);

describe('Entra users fixtures', () => {
  it.each<[string, number, boolean, number]>([
    ['users-download.csv', 5, false, 0],
    ['users-download-objectid.csv', 3, false, 0],
    ['users-powershell.csv', 3, false, 2],
    ['users-graph.json', 3, true, 0],
    ['users-graph-pages.json', 3, true, 0],
    ['users-graph-bare.json', 2, false, 0],
    ['users-deleted.csv', 2, false, 0],
  ])('%s: %i identities, sign-in data %s, %i warnings', (name, count, hasSignInData, warnings) => {
    const value = mapped(name);
    expect(value.identities).toHaveLength(count);
    expect(value.hasSignInData).toBe(hasSignInData);
    expect(value.warnings).toHaveLength(warnings);
  });

  it.each<[string, string, Partial<Identity>]>([
    ['users-download.csv', ID(1), { upn: 'ada.lovelace@contoso.com', accountEnabled: true, createdAt: at('2021-03-14T09:05:00Z'), lastSignInAt: undefined, deleted: false }],
    ['users-download-objectid.csv', ID(3), { upn: 'alan.turing@contoso.com', mail: undefined, accountEnabled: false, department: 'R&D' }],
    ['users-download-objectid.csv', ID(4), { userType: 'Guest', mail: 'jane@fabrikam.com' }],
    ['users-powershell.csv', ID(1), { employeeId: 'E001', otherAddresses: [], givenName: 'Ada', createdAt: at('2021-03-14T09:05:00Z'), lastSignInAt: undefined }],
    ['users-powershell.csv', ID(3), { employeeId: undefined, mail: undefined, accountEnabled: false, createdAt: at('2019-06-23T11:00:00Z') }],
    [
      'users-graph.json',
      ID(1),
      { accountEnabled: true, employeeId: 'E001', otherAddresses: ['ada.lovelace@contoso.com', 'ada@contoso.com'], lastSignInAt: at('2026-10-19T17:00:00Z') },
    ],
    [
      'users-graph.json',
      ID(2),
      {
        otherAddresses: ['Grace.Hopper@contoso.com', 'grace@navy.example'],
        employeeLeaveAt: at('2026-12-31T00:00:00Z'),
        // No successful sign-in recorded: the latest of the interactive and non-interactive ones.
        lastSignInAt: at('2026-06-03T08:15:00Z'),
      },
    ],
    ['users-graph.json', ID(4), { userType: 'Guest', employeeId: undefined, lastSignInAt: undefined, otherAddresses: ['jane@fabrikam.com', 'jane@fabrikam.com'] }],
    ['users-graph-pages.json', ID(3), { accountEnabled: false, lastSignInAt: undefined }],
    ['users-graph-pages.json', ID(5), { displayName: 'Katherine Johnson', lastSignInAt: at('2026-10-30T16:45:00Z') }],
    ['users-graph-bare.json', ID(5), { accountEnabled: false, employeeId: undefined }],
    [
      'users-deleted.csv',
      '0b6f1c1e-0006-4a4a-9c9c-000000000006',
      // The deleted UPN keeps its object-id prefix: deleted users are matched on id.
      { upn: '0b6f1c1e00064a4a9c9c000000000006avery.smith@contoso.com', deleted: true, deletedAt: at('2026-10-12T13:15:34Z'), accountEnabled: false },
    ],
  ])('%s: %s', (name, id, expected) => {
    expect(mapped(name).identities.find((identity) => identity.id === id)).toMatchObject(expected);
  });

  it('names both PowerShell type-name columns and suggests Select-Object', () => {
    const { header, rows } = csvFixture('users-powershell.csv');
    expect(inspectEntraUsersHeader(header, rows)).toEqual([
      { message: expect.stringMatching(/^column "ProxyAddresses" holds the PowerShell type name "System\.String\[\]".*-join ';'/) },
      {
        message: expect.stringContaining(
          `column "SignInActivity" holds the PowerShell type name "Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInActivity", not its data: export the sign-in dates as their own columns, e.g. Select-Object @{n='LastSignIn';e={$_.SignInActivity.LastSignInDateTime}}`,
        ),
      },
    ]);
  });

  it('refuses the bulk-create template, with or without its version line', () => {
    const { header } = csvFixture('users-bulk-template.csv');
    const refusal = { ok: false, error: { code: 'MISSING_COLUMN', line: 1, message: expect.stringContaining('this is the bulk-create template, not an export') } };
    expect(detectEntraUsersLayout(header)).toMatchObject(refusal);
    expect(detectEntraUsersLayout(['version:v1.0'])).toMatchObject(refusal);
  });
});

function read(header: string[], row: string[]): Identity | undefined {
  const layout = detectEntraUsersLayout(header);
  if (!layout.ok) throw new Error(layout.error.message);
  return identityFromRow(layout.value, header, row);
}

describe('Entra users header variants', () => {

  it.each<[string, string[], string[], Partial<Identity>]>([
    [
      'portal preview columns',
      ['User principal name', 'Display name', 'Object ID', 'Employee ID', 'Account enabled', 'Last interactive sign-in date', 'Last non-interactive sign-in date', 'Proxy addresses'],
      ['a@x.com', 'Ann', 'id-1', '0042', 'Yes', '3/1/2026 10:00:00 AM', '3/2/2026 9:00:00 AM', 'SMTP:a@x.com'],
      { id: 'id-1', employeeId: '0042', accountEnabled: true, lastSignInAt: at('2026-03-02T09:00:00Z'), otherAddresses: ['a@x.com'] },
    ],
    [
      'portal preview: the whole signInActivity in one cell',
      ['User principal name', 'Object ID', 'Last interactive sign-in date'],
      ['a@x.com', 'id-1', '{"lastSignInDateTime":"2026-03-01T10:00:00Z","lastNonInteractiveSignInDateTime":"2026-03-05T10:00:00Z","lastSuccessfulSignInDateTime":"2026-02-01T00:00:00Z"}'],
      { lastSignInAt: at('2026-02-01T00:00:00Z') },
    ],
    [
      'PowerShell Select-Object LastSignIn',
      ['Id', 'UserPrincipalName', 'LastSignIn', 'EmployeeLeaveDateTime', 'OtherMails'],
      ['id-1', 'a@x.com', '2/12/2025 1:15:34 PM', '1/31/2026 12:00:00 AM', 'a.private@example.com'],
      { lastSignInAt: at('2025-02-12T13:15:34Z'), employeeLeaveAt: at('2026-01-31T00:00:00Z'), otherAddresses: ['a.private@example.com'] },
    ],
    [
      'PowerShell nested names',
      ['Id', 'UserPrincipalName', 'SignInActivity.LastSignInDateTime', 'SignInActivity.LastSuccessfulSignInDateTime'],
      ['id-1', 'a@x.com', '2025-02-12T13:15:34Z', ''],
      { lastSignInAt: at('2025-02-12T13:15:34Z') },
    ],
    [
      'a /users export that selected deletedDateTime: live users are not deleted',
      ['id', 'userPrincipalName', 'deletedDateTime'],
      ['id-1', 'a@x.com', ''],
      { deleted: false, deletedAt: undefined },
    ],
    [
      'a deleted row whose date is in an unknown form is still deleted',
      ['Id', 'UserPrincipalName', 'DeletedDateTime', 'DeletionAgeInDays'],
      ['id-1', 'id1a@x.com', 'yesterday', '1'],
      { deleted: true, deletedAt: undefined },
    ],
  ])('%s', (_, header, row, expected) => {
    expect(read(header, row)).toMatchObject(expected);
  });
});

describe('scoreEntraUsers', () => {
  it.each<[string, string[], number]>([
    ['the portal download', csvFixture('users-download.csv').header, 1],
    ['the PowerShell export', csvFixture('users-powershell.csv').header, 1],
    ['the Graph JSON', jsonFixture('users-graph.json').header, 1],
    ['a minimal Select-Object', ['Id', 'UserPrincipalName', 'DisplayName'], 0.6],
    ['keys and sign-ins only', ['id', 'userPrincipalName', 'lastSignInDateTime'], 0.5],
    ['the bulk template', csvFixture('users-bulk-template.csv').header, 0.3],
    ['no UPN', ['id', 'displayName'], 0.08],
    ['unrelated', ['username', 'email'], 0],
  ])('%s → %s', (_, header, expected) => {
    expect(scoreEntraUsers(header)).toBeCloseTo(expected, 5);
  });
});

describe('mapIdentities warnings', () => {
  it('warns, with the line, about rows without an id or UPN', () => {
    const result = mapIdentities(['id', 'userPrincipalName'], [{ rows: [['1', 'a@x.com'], ['', 'b@x.com'], ['3', '']], lines: [2, 3, 7] }]);
    expect(result.ok && result.value.warnings).toEqual([
      { line: 3, message: 'the row has no object id or userPrincipalName: skipped' },
      { line: 7, message: 'the row has no object id or userPrincipalName: skipped' },
    ]);
  });

  it('caps row warnings and counts the rest', () => {
    const rows = Array.from({ length: 150 }, () => ['', '']);
    const result = mapIdentities(['id', 'userPrincipalName'], [{ rows, lines: rows.map((_, index) => index + 2) }]);
    const warnings = result.ok ? result.value.warnings : [];
    expect(warnings).toHaveLength(101);
    expect(warnings.at(-1)).toEqual({ message: '50 more rows were skipped for the same kinds of reasons' });
  });
});
