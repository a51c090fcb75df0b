import { describe, expect, it } from 'vitest';
import { MultiIndex } from '@core/engine/multi-index';
import { jaroWinkler } from '@core/engine/name-similarity';
import { reconcile } from '@core/engine/reconcile';
import { proposeRemediations, remediationMaker } from '@core/engine/remediation';
import type { Finding } from '@core/model/reconciliation';
import { findingsCsvPieces, writeFindingsCsv } from '@core/reconcile/findings-csv';
import { AS_OF, anAccount, anIdentity, anInput, someSettings } from '../../../support/builders';

/** An identity whose UPN is its id lower-cased at contoso.com. */
const identity = (id: string, mail: string, employeeId?: string) => anIdentity({ id, upn: `${id.toLowerCase()}@contoso.com`, mail, employeeId });

// The engine reuses work across rows for speed (buffers, per-name results, shared remediation lists, counts by
// position); these tests pin that the reuse never changes an answer.

describe('reused work gives the answers fresh work gives', () => {
  it('jaroWinkler does not depend on the pairs compared before', () => {
    const fresh = jaroWinkler('martha', 'marhta');
    jaroWinkler('a very much longer name than the others', 'another quite long name for the buffers');
    expect(jaroWinkler('martha', 'marhta')).toBe(fresh);
    expect(fresh).toBeCloseTo(0.961, 3);
  });

  it('MultiIndex.get returns one value, several in order, or nothing', () => {
    const index = new MultiIndex();
    index.add('one', 1);
    index.add('two', 2);
    index.add('two', 5);
    expect([index.get('one'), index.get('two'), index.get('none')]).toEqual([1, [2, 5], undefined]);
  });

  it('MultiIndex with a limit keeps no values for a key given more, and counts it as one over the limit', () => {
    const index = new MultiIndex(2);
    for (const value of [1, 2, 3, 3, 4]) index.add('common', value);
    index.add('rare', 7);
    index.add('rare', 9);
    expect([index.count('common'), index.get('common'), index.count('rare'), index.get('rare')]).toEqual([3, [], 2, [7, 9]]);
  });

  it('shares one remediation list between rows with the same causes, equal to a fresh one', () => {
    const settings = someSettings();
    const make = remediationMaker(settings, Date.parse(AS_OF));
    const stale: Finding = { code: 'STALE_ACCOUNT', severity: 'medium', reason: 'r', values: {} };
    const first = make('MATCHED', [stale], 'medium', false);
    expect(make('MATCHED', [{ ...stale, reason: 'another row' }], 'medium', false)).toBe(first);
    expect(first).toEqual(proposeRemediations('MATCHED', [stale], 'medium', false, settings, Date.parse(AS_OF)));
    expect(make('MATCHED', [stale], 'high', false)).not.toEqual(first);
  });

  it('applies an unlink to one account even when another account with the same name was matched by name first', () => {
    const ada = anIdentity({ id: 'ID-ADA', upn: 'ada@contoso.com', displayName: 'Ada Lovelace' });
    const accounts = [
      anAccount({ accountId: 'a1', login: 'x1@elsewhere.com', displayName: 'Ada Lovelace' }),
      anAccount({ accountId: 'a2', login: 'x2@elsewhere.com', displayName: 'Ada Lovelace' }),
    ];
    const unlink = { accountId: 'a2', identityId: 'ID-ADA', action: 'unlink' as const, justification: 'not her', by: 'rev', at: '2026-11-01T10:00:00Z' };
    const result = reconcile(anInput({ identities: [ada], accounts, links: [unlink] }));
    expect([...result.rows].map((row) => [row.account?.accountId, row.situation, row.correlation?.rule])).toEqual([
      ['a1', 'MATCHED', 'name'],
      ['a2', 'ORPHAN', undefined],
    ]);
  });

  it('counts active accounts per identity id even when two identities share the id', () => {
    const identities = [anIdentity({ id: 'ID-X', upn: 'one@contoso.com' }), anIdentity({ id: 'ID-X', upn: 'two@contoso.com' }), anIdentity({ id: 'ID-Y', upn: 'three@contoso.com' })];
    const accounts = [
      anAccount({ accountId: 'a', email: 'one@contoso.com' }),
      anAccount({ accountId: 'b', email: 'two@contoso.com' }),
      anAccount({ accountId: 'c', email: 'three@contoso.com' }),
    ];
    const result = reconcile(anInput({ identities, accounts }));
    const duplicates = [...result.rows].map((row) => row.findings.find((finding) => finding.code === 'DUPLICATE_ACCOUNT')?.values['activeAccounts']);
    expect(duplicates).toEqual(['2', '2', undefined]);
  });

  it('finds the same email drift when matching by email compared the addresses as when another rule matched', () => {
    // Each identity's UPN is the account's email; the mail differs (drift) or equals it after normalisation (none).
    const identities = [identity('ID-A', 'a.other@contoso.com'), identity('ID-B', 'b.other@contoso.com', 'E-B'), identity('ID-C', 'ID-C@Contoso.com'), identity('ID-D', 'ID-D@Contoso.com', 'E-D')];
    const accounts = [
      anAccount({ accountId: 'a', email: 'id-a@contoso.com' }),
      anAccount({ accountId: 'b', email: 'id-b@contoso.com', employeeId: 'E-B' }),
      anAccount({ accountId: 'c', email: 'id-c+tag@contoso.com' }),
      anAccount({ accountId: 'd', email: 'id-d+tag@contoso.com', employeeId: 'E-D' }),
    ];
    const result = reconcile(anInput({ identities, accounts }));
    expect([...result.rows].map((row) => [row.account?.accountId, row.correlation?.rule, row.findings.find((finding) => finding.code === 'ATTRIBUTE_DRIFT')?.values])).toEqual([
      ['a', 'email', { attributes: 'email', 'email.account': 'id-a@contoso.com', 'email.identity': 'a.other@contoso.com' }],
      ['b', 'employee_id', { attributes: 'email', 'email.account': 'id-b@contoso.com', 'email.identity': 'b.other@contoso.com' }],
      ['c', 'email', undefined],
      ['d', 'employee_id', undefined],
    ]);
  });

  it('writes the same findings.csv whether rows come in canonical order or not', () => {
    const identities = [anIdentity({ id: 'ID-A', upn: 'a@contoso.com' }), anIdentity({ id: 'ID-B', upn: 'b@contoso.com' })];
    const accounts = [anAccount({ accountId: '2', email: 'b@contoso.com' }), anAccount({ accountId: '1', email: 'a@contoso.com' }), anAccount({ accountId: '3', email: 'z@other.com' })];
    const { rows } = reconcile(anInput({ identities, accounts }));
    const csv = writeFindingsCsv(rows);
    expect(writeFindingsCsv([...rows].toReversed())).toBe(csv);
    expect(csv.split('\n').slice(1, 4).map((line) => line.split(',').slice(0, 2).join(','))).toEqual(['MATCHED,1', 'MATCHED,2', 'ORPHAN,3']);
  });

  it('streams findings.csv in bounded pieces that add up to the text sorted whole', () => {
    const count = 20_000;
    const identities = Array.from({ length: count }, (_, n) => anIdentity({ id: `ID-${n}`, upn: `person.number${n}@contoso.com` }));
    const accounts = Array.from({ length: count }, (_, n) => anAccount({ accountId: `acc-${String(n).padStart(6, '0')}`, email: `person.number${n}@contoso.com`, login: `person.number${n}@contoso.com` }));
    const { rows } = reconcile(anInput({ identities, accounts }));
    const pieces = [...findingsCsvPieces(rows)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(1.01 * 2 ** 20);
    // Reversed rows take the other path (sorted whole), which must give the same bytes.
    expect(pieces.join('')).toBe(writeFindingsCsv([...rows].toReversed()));
    expect(pieces.join('').split('\n')).toHaveLength(count + 2);
  });
});
