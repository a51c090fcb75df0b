import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { assignmentFromRow, detectAssignmentsLayout, scoreEntraAssignments } from '@core/import/entra-assignments';
import { extractRecords, flattenRecord } from '@core/import/flatten';
import { mapAssignments, type MappedAssignments } from '@core/import/map-rows';
import type { Assignment } from '@core/model/assignment';
import { fixture } from '../../../support/fixtures';

interface Table {
  readonly header: string[];
  readonly rows: string[][];
}

function csvFixture(name: string): Table {
  const text = readFileSync(fixture(`entra/${name}`), 'utf8');
  const body = text.startsWith('#TYPE ') ? text.slice(text.indexOf('\n') + 1) : text;
  const [header = [], ...rows] = Papa.parse<string[]>(body, { skipEmptyLines: true }).data;
  return { header, rows };
}

function jsonTable(document: unknown): Table {
  const records = extractRecords(document).map(flattenRecord);
  const keys = new Map<string, true>();
  for (const record of records) for (const key of record.keys()) keys.set(key, true);
  const header = [...keys.keys()];
  return { header, rows: records.map((record) => header.map((key) => record.get(key) ?? '')) };
}

const table = (name: string): Table => (name.endsWith('.json') ? jsonTable(JSON.parse(readFileSync(fixture(`entra/${name}`), 'utf8'))) : csvFixture(name));

function mapped({ header, rows }: Table): MappedAssignments {
  const result = mapAssignments(header, [{ rows, lines: rows.map((_, index) => index + 2) }]);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const ID = (n: number): string => `0b6f1c1e-000${n}-4a4a-9c9c-00000000000${n}`;
const DEFAULT_ACCESS = '00000000-0000-0000-0000-000000000000';
const WIKI = { resourceId: '5a0b7c2d-0000-4e4e-8f8f-00000000a001', resourceName: 'Contoso Wiki' };
const ENGINEERING = '6c0d1e2f-0000-4b4b-9d9d-00000000g001';

describe('assignment fixtures', () => {
  it('reads the Graph appRoleAssignedTo JSON, leaving out the deleted assignment', () => {
    const { assignments, warnings } = mapped(table('assignments-graph.json'));
    expect(assignments).toEqual<Assignment[]>([
      { principalType: 'User', principalId: ID(1), principalName: 'Ada Lovelace', appRoleId: DEFAULT_ACCESS, viaGroup: undefined, createdAt: Date.parse('2021-03-15T10:00:00.123Z'), ...WIKI },
      { principalType: 'User', principalId: ID(2), principalName: 'Grace Hopper', appRoleId: '9b1c2d3e-0000-4f4f-8a8a-00000000r001', viaGroup: undefined, createdAt: Date.parse('2020-01-03T09:00:00Z'), ...WIKI },
      { principalType: 'Group', principalId: ENGINEERING, principalName: 'Engineering', appRoleId: DEFAULT_ACCESS, viaGroup: undefined, createdAt: Date.parse('2022-02-01T08:00:00Z'), ...WIKI },
      {
        principalType: 'ServicePrincipal',
        principalId: '7d1e2f30-0000-4c4c-8e8e-00000000s001',
        principalName: 'Wiki Backup Job',
        appRoleId: DEFAULT_ACCESS,
        viaGroup: undefined,
        createdAt: Date.parse('2023-05-05T05:05:05Z'),
        ...WIKI,
      },
    ]);
    expect(warnings).toEqual([{ message: '1 deleted assignments (deletedDateTime set) were left out' }]);
  });

  it('reads the Get-MgServicePrincipalAppRoleAssignedTo CSV with its culture dates', () => {
    const { assignments, warnings } = mapped(csvFixture('assignments-powershell.csv'));
    expect(warnings).toEqual([]);
    expect(assignments.map((assignment) => [assignment.principalType, assignment.principalId, assignment.createdAt])).toEqual([
      ['User', ID(1), Date.UTC(2021, 2, 15, 10)],
      ['User', ID(2), Date.UTC(2020, 0, 3, 9)],
      ['Group', ENGINEERING, Date.UTC(2022, 1, 1, 8)],
    ]);
  });

  it('reads a group member list as users assigned via the group, warning about the empty row', () => {
    const { assignments, warnings } = mapped(csvFixture('group-members.csv'));
    expect(assignments).toEqual<Assignment[]>([
      { principalType: 'User', principalId: ID(5), principalName: 'katherine.johnson@contoso.com', appRoleId: undefined, viaGroup: 'Engineering' },
      { principalType: 'User', principalId: ID(4), principalName: 'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com', appRoleId: undefined, viaGroup: 'Engineering' },
      { principalType: 'User', principalId: undefined, principalName: 'grace.hopper@contoso.com', appRoleId: undefined, viaGroup: 'Engineering' },
    ]);
    expect(warnings).toEqual([{ line: 5, message: expect.stringContaining('names no principal') }]);
  });
});

describe('assignment header variants', () => {
  it.each<[string, string[], string[], string, Partial<Assignment>]>([
    [
      'the portal "Users and groups" download',
      ['Display name', 'Object ID', 'Object type', 'Role assigned', 'Assigned on'],
      ['Ada Lovelace', 'id-1', 'User', 'Default Access', '3/15/2021'],
      'portal',
      { principalType: 'User', principalId: 'id-1', principalName: 'Ada Lovelace', appRoleName: 'Default Access', createdAt: Date.UTC(2021, 2, 15) },
    ],
    [
      'a portal group row',
      ['Display name', 'Id', 'Type', 'Role assigned'],
      ['Engineering', 'g-1', 'Group', 'User'],
      'portal',
      { principalType: 'Group', principalId: 'g-1', appRoleName: 'User' },
    ],
    [
      'the docs-style member export',
      ['id', 'userPrincipalName', 'displayName'],
      ['u-1', 'a@x.com', 'Ann'],
      'group-members',
      { principalType: 'User', principalId: 'u-1', principalName: 'a@x.com', viaGroup: undefined },
    ],
    [
      'the older creationTimestamp',
      ['id', 'principalId', 'principalType', 'creationTimestamp'],
      ['as-1', 'u-1', 'user', '2019-01-01T00:00:00Z'],
      'app-role-assignments',
      { principalType: 'User', principalId: 'u-1', createdAt: Date.UTC(2019, 0, 1) },
    ],
  ])('%s', (_, header, row, form, expected) => {
    const layout = detectAssignmentsLayout(header);
    if (!layout.ok) throw new Error(layout.error.message);
    expect(layout.value.form).toBe(form);
    expect(assignmentFromRow(layout.value, row)).toMatchObject(expected);
  });

  it.each<[string, string[], string[]]>([
    ['an unknown principal type', ['principalId', 'principalType'], ['x-1', 'Device']],
    ['a deleted assignment', ['principalId', 'principalType', 'deletedDateTime'], ['x-1', 'User', '2026-01-01T00:00:00Z']],
  ])('skips %s', (_, header, row) => {
    const layout = detectAssignmentsLayout(header);
    if (!layout.ok) throw new Error(layout.error.message);
    expect(assignmentFromRow(layout.value, row)).toBeUndefined();
  });

  it('reads Get-MgGroupMember JSON by @odata.type, skipping devices', () => {
    const { assignments, warnings } = mapped(
      jsonTable({
        value: [
          { '@odata.type': '#microsoft.graph.user', id: 'u-1', userPrincipalName: 'a@x.com', displayName: 'Ann' },
          { '@odata.type': '#microsoft.graph.device', id: 'd-1', displayName: 'Laptop' },
          { '@odata.type': '#microsoft.graph.group', id: 'g-2', displayName: 'Nested' },
        ],
      }),
    );
    expect(assignments.map((assignment) => [assignment.principalType, assignment.principalId])).toEqual([
      ['User', 'u-1'],
      ['Group', 'g-2'],
    ]);
    expect(warnings).toEqual([{ line: 3, message: expect.stringContaining('not a user, group or service principal') }]);
  });

  it('refuses a header without a principal column', () => {
    expect(detectAssignmentsLayout(['appRoleId', 'resourceId'])).toMatchObject({ ok: false, error: { code: 'MISSING_COLUMN', line: 1 } });
  });
});

describe('scoreEntraAssignments', () => {
  it.each<[string, string[], number]>([
    ['Graph JSON', table('assignments-graph.json').header, 1],
    ['PowerShell CSV', csvFixture('assignments-powershell.csv').header, 1],
    ['a member list with its group', csvFixture('group-members.csv').header, 0.8],
    ['Get-MgGroupMemberAsUser', ['UserId', 'UserPrincipalName', 'DisplayName'], 0.7],
    ['a bare member list (a users file wins)', ['id', 'userPrincipalName', 'displayName'], 0.4],
    ['the portal download', ['Display name', 'Object ID', 'Object type', 'Role assigned', 'Assigned on'], 1],
    ['a users export', csvFixture('users-download.csv').header, 0.1],
    ['unrelated', ['username', 'email'], 0],
  ])('%s → %s', (_, header, expected) => {
    expect(scoreEntraAssignments(header)).toBeCloseTo(expected, 5);
  });
});
