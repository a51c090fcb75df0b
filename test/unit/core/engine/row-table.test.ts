import { describe, expect, it } from 'vitest';
import { ChoiceColumn, FlagColumn, InstantColumn, RefColumn } from '@core/engine/columns';
import { reconcile } from '@core/engine/reconcile';
import { RowTable } from '@core/engine/row-table';
import type { Account } from '@core/model/account';
import type { Identity } from '@core/model/identity';
import { SEVERITIES, type ReconciliationRow } from '@core/model/reconciliation';
import { writeFindingsCsv } from '@core/reconcile/findings-csv';
import { anAccount, anIdentity, anInput } from '../../../support/builders';

// Every field set to something other than its builder's default, so a field the table forgets or swaps shows.
const fullAccount: Account = {
  accountId: 'acc-1',
  login: 'ada',
  email: 'ada@contoso.com',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  familyName: 'Lovelace',
  employeeId: '00042',
  objectId: 'obj-1',
  enabled: false,
  lastLoginAt: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  createdAt: Date.UTC(2020, 5, 1),
  roles: ['Admin', 'User'],
  nonHumanReason: 'root of the AWS account',
  privilegedReason: 'AWS root user',
  line: 1_234_567,
  attributes: { Department: 'Research' },
};
const fullIdentity: Identity = {
  id: 'ID-ADA',
  upn: 'ada@contoso.com',
  mail: 'ada.lovelace@contoso.com',
  otherAddresses: ['ada@fabrikam.com'],
  employeeId: '42',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  surname: 'Lovelace',
  accountEnabled: false,
  userType: 'Guest',
  department: 'Research',
  jobTitle: 'Analyst',
  createdAt: Date.UTC(2019, 1, 1),
  lastSignInAt: Date.UTC(2026, 9, 9),
  employeeLeaveAt: Date.UTC(2026, 10, 1),
  deleted: true,
  deletedAt: Date.UTC(2026, 10, 2),
  attributes: { companyName: 'Contoso' },
};

const aRow = (overrides: Partial<ReconciliationRow>): ReconciliationRow => ({
  situation: 'MATCHED',
  account: anAccount({ accountId: 'acc-0' }),
  identities: [anIdentity({ id: 'ID-0', upn: 'zero@contoso.com' })],
  correlation: { rule: 'email', confidence: 0.95, proposal: false, reason: 'account email matches identity userPrincipalName', keyField: 'email' },
  findings: [],
  severity: undefined,
  remediations: [],
  ...overrides,
});

describe('RowTable', () => {
  it('gives back every field of every row as it was set, in any order of setting', () => {
    const rows: ReconciliationRow[] = [
      aRow({ account: fullAccount, identities: [fullIdentity], findings: [{ code: 'TERMINATED_ACTIVE', severity: 'critical', reason: 'left', values: { left: '2026-11-01' } }], severity: 'critical' }),
      aRow({ situation: 'ORPHAN', identities: [], correlation: undefined, severity: 'high' }),
      aRow({ situation: 'MISSING', account: undefined, correlation: undefined }),
      aRow({ situation: 'AMBIGUOUS', identities: [fullIdentity, anIdentity({ id: 'ID-1', upn: 'one@contoso.com' })], correlation: undefined, severity: 'low' }),
      aRow({}),
    ];
    const table = new RowTable(rows.length);
    for (const index of [3, 0, 4, 2, 1]) table.set(index, rows[index]!);
    expect(table).toHaveLength(rows.length);
    // Strictly: a field missing from a row made again is not the same as one set to undefined.
    rows.forEach((row, index) => expect(table.at(index)).toStrictEqual(row));
    expect([...table]).toStrictEqual(rows);
  });

  it('keeps undefined apart from false, zero and the empty string', () => {
    const table = new RowTable(3);
    table.set(0, aRow({ account: anAccount({ accountId: '', login: '', enabled: false, lastLoginAt: 0, line: 0 }) }));
    table.set(1, aRow({ account: anAccount({ accountId: 'acc-1', enabled: undefined, lastLoginAt: undefined }) }));
    table.set(2, aRow({ account: anAccount({ accountId: 'acc-2', enabled: true, lastLoginAt: -1 }) }));
    expect([table.at(0)?.account, table.at(1)?.account, table.at(2)?.account].map((account) => [account?.accountId, account?.login, account?.enabled, account?.lastLoginAt])).toEqual([
      ['', '', false, 0],
      ['acc-1', undefined, undefined, undefined],
      ['acc-2', undefined, true, -1],
    ]);
  });

  it('takes a row set again in place of the first, including a list of identities it no longer has', () => {
    const table = new RowTable(1);
    table.set(0, aRow({ situation: 'AMBIGUOUS', identities: [fullIdentity, fullIdentity] }));
    const replacement = aRow({ situation: 'ORPHAN', identities: [], correlation: undefined });
    table.set(0, replacement);
    expect(table.at(0)).toStrictEqual(replacement);
  });

  it('reads nothing outside its rows, and refuses to set there', () => {
    const table = new RowTable(2);
    table.set(0, aRow({}));
    table.set(1, aRow({}));
    expect([table.at(-1), table.at(2), table.at(0.5)]).toEqual([undefined, undefined, undefined]);
    expect(() => table.set(2, aRow({}))).toThrow(RangeError);
  });

  it('holds the engine\'s rows: the same findings.csv as the rows read back into an array', () => {
    const identities = Array.from({ length: 30 }, (_, n) => anIdentity({ id: `ID-${n}`, upn: `p${n}@contoso.com`, mail: n >= 28 ? 'shared@contoso.com' : undefined }));
    const accounts = [
      ...Array.from({ length: 30 }, (_, n) => anAccount({ accountId: `acc-${n % 7}`, email: `p${n}@contoso.com`, line: n + 2 })),
      anAccount({ accountId: 'amb', email: 'shared@contoso.com' }),
      anAccount({ accountId: 'ghost', email: 'ghost@contoso.com' }),
    ];
    const { rows, counts } = reconcile(anInput({ identities, accounts }));
    expect(rows).toBeInstanceOf(RowTable);
    const array = [...rows];
    expect(array.map((row) => row.situation)).toEqual(expect.arrayContaining(['MATCHED', 'AMBIGUOUS', 'ORPHAN']));
    expect(writeFindingsCsv(rows)).toBe(writeFindingsCsv(array));
    expect(counts.situations.AMBIGUOUS).toBe(array.filter((row) => row.situation === 'AMBIGUOUS').length);
    expect(array.find((row) => row.situation === 'AMBIGUOUS')?.identities.map((identity) => identity.id)).toEqual(['ID-28', 'ID-29']);
  });
});

describe('columns', () => {
  it('RefColumn holds one shared value until two positions differ, then each its own', () => {
    const shared = Object.freeze([]);
    const column = new RefColumn<readonly string[]>(4);
    for (const index of [2, 0, 3, 1]) column.set(index, shared);
    expect([0, 1, 2, 3].map((index) => column.get(index))).toEqual([shared, shared, shared, shared]);
    const own = ['x'];
    column.set(1, own);
    expect([0, 1, 2, 3].map((index) => column.get(index))).toEqual([shared, own, shared, shared]);
    expect(column.get(1)).toBe(own);
    expect(column.get(0)).toBe(shared);
  });

  it('InstantColumn and FlagColumn tell undefined apart from every value', () => {
    const instants = new InstantColumn(3);
    instants.set(0, undefined);
    expect(instants.get(0)).toBeUndefined();
    instants.set(1, 0);
    instants.set(2, 8.64e15);
    instants.set(0, undefined);
    expect([instants.get(0), instants.get(1), instants.get(2)]).toEqual([undefined, 0, 8.64e15]);
    const flags = new FlagColumn(3);
    flags.set(0, undefined);
    flags.set(1, false);
    flags.set(2, true);
    expect([flags.get(0), flags.get(1), flags.get(2)]).toEqual([undefined, false, true]);
  });

  it('ChoiceColumn refuses a value outside its choices rather than lose it', () => {
    const column = new ChoiceColumn(2, SEVERITIES);
    column.set(0, 'critical');
    expect([column.get(0), column.get(1)]).toEqual(['critical', undefined]);
    expect(() => column.set(1, 'urgent' as never)).toThrow(/urgent is not one of low, medium, high, critical/);
  });
});
