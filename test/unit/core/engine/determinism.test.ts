import { describe, expect, it } from 'vitest';
import { reconcile } from '@core/engine/reconcile';
import { writeFindingsCsv } from '@core/reconcile/findings-csv';
import type { Account } from '@core/model/account';
import type { Identity } from '@core/model/identity';
import { anAccount, anIdentity, anInput, daysBeforeAsOf } from '../../../support/builders';

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
});
