import { describe, expect, it } from 'vitest';
import { compareRows, reconcile } from '@core/engine/reconcile';
import { writeFindingsCsv } from '@core/reconcile/findings-csv';
import type { Account } from '@core/model/account';
import type { Identity } from '@core/model/identity';
import { anAccount, anAssignment, anIdentity, anInput, daysBeforeAsOf } from '../../../support/builders';

/** A seeded shuffle, so the test is repeatable and still mixes the order thoroughly. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const identities: Identity[] = Array.from({ length: 300 }, (_, index) =>
  anIdentity({
    id: `id-${String(index).padStart(4, '0')}`,
    upn: `user${index}@contoso.com`,
    displayName: `User ${index}`,
    employeeId: index % 7 === 0 ? String(index) : undefined,
    accountEnabled: index % 11 !== 0,
  }),
);
const accounts: Account[] = [
  ...Array.from({ length: 280 }, (_, index) =>
    anAccount({ accountId: `a${index}`, email: index % 3 === 0 ? `USER${index}@contoso.com` : `user${index}+x@contoso.com`, lastLoginAt: daysBeforeAsOf(index) }),
  ),
  ...Array.from({ length: 30 }, (_, index) => anAccount({ accountId: `orphan${index}`, email: `ghost${index}@contoso.com` })),
  anAccount({ accountId: 'dup', login: 'user5' }),
];

describe('determinism', () => {
  it('gives byte-identical findings.csv whatever the order of the input rows', () => {
    const reference = writeFindingsCsv(reconcile(anInput({ identities, accounts })).rows);
    for (const seed of [1, 2, 3]) {
      const csv = writeFindingsCsv(reconcile(anInput({ identities: shuffled(identities, seed), accounts: shuffled(accounts, seed + 10) })).rows);
      expect(csv).toBe(reference);
    }
    expect(reference.split('\n').length).toBe(accounts.length + 2);
  });

  it('records the as-of instant and every setting with the result', () => {
    const result = reconcile(anInput({ identities, accounts }));
    expect(result.asOf).toBe('2026-11-22T00:00:00.000Z');
    expect(result.settings.staleDays).toBe(90);
    expect(result.defaultDomain).toBe('contoso.com');
    expect(result.counts.situations.MATCHED + result.counts.situations.ORPHAN + result.counts.situations.AMBIGUOUS).toBe(accounts.length);
  });

  it('gives the rows exactly in the order rows.sort(compareRows) gives the rows built in account order', () => {
    // Identity ids descend as the numbers rise, so where accounts share an id, account order (by login) and
    // compareRows (by identity id) disagree; some identities share an id, and two share a mail (AMBIGUOUS).
    const people = Array.from({ length: 60 }, (_, index) =>
      anIdentity({ id: `p${String(99 - (index % 50)).padStart(2, '0')}`, upn: `p${index}@contoso.com`, mail: index >= 58 ? 'shared@contoso.com' : undefined }),
    );
    const sharingIds = Array.from({ length: 40 }, (_, index) =>
      anAccount({ accountId: `acc${index % 4}`, login: `l${String(index).padStart(2, '0')}`, email: index % 5 === 0 ? `nobody${index % 3}@contoso.com` : `p${index}@contoso.com`, line: index + 2 }),
    );
    const others = [
      anAccount({ accountId: 'acc1', email: 'shared@contoso.com', line: 100 }),
      anAccount({ accountId: 'acc1', login: 'l00', email: 'shared@contoso.com', line: 101 }),
      anAccount({ accountId: 'acc1', login: 'same', email: 'ghost@contoso.com', line: 102 }),
      anAccount({ accountId: 'acc1', login: 'same', email: 'ghost@contoso.com', line: 103 }),
      anAccount({ accountId: '', email: 'p45@contoso.com', line: 104 }),
      anAccount({ accountId: 'acc10', email: 'p44@contoso.com', line: 105 }),
    ];
    const assignments = people.filter((_, index) => index % 3 === 0).map((person) => anAssignment({ principalName: person.upn }));
    for (const seed of [1, 2, 3]) {
      const input = anInput({ identities: shuffled(people, seed), accounts: shuffled([...sharingIds, ...others], seed + 10), assignments });
      const rows = [...reconcile(input).rows];
      // The order rows were built in: accounts by id, login, email and input order; then MISSING identities by id.
      const accountOrder = input.accounts.toSorted(
        (a, b) => compareText(a.accountId, b.accountId) || compareText(a.login ?? '', b.login ?? '') || compareText(a.email ?? '', b.email ?? ''),
      );
      const identityOrder = input.identities.toSorted((a, b) => compareText(a.id, b.id));
      const built = rows.toSorted((a, b) => builtAt(a) - builtAt(b));
      // Rows are made again when read: an account is known by its line, an identity by its UPN (ids repeat).
      function builtAt(row: (typeof rows)[number]): number {
        return row.account === undefined
          ? accountOrder.length + identityOrder.findIndex((identity) => identity.upn === row.identities[0]!.upn)
          : accountOrder.findIndex((account) => account.line === row.account!.line);
      }
      built.sort(compareRows);
      expect(rows.map(builtAt)).not.toContain(-1);
      expect(rows.map(builtAt)).toEqual(built.map(builtAt));
      expect(new Set(rows.map((row) => row.situation))).toEqual(new Set(['MATCHED', 'AMBIGUOUS', 'ORPHAN', 'MISSING']));
    }
  });
});
