import { describe, expect, it } from 'vitest';
import { buildKeyMaker } from '@core/engine/keys';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import { rankCandidates } from '@core/review/correlation-case';
import { anAccount, anIdentity } from '../../../support/builders';

const identities = [
  anIdentity({ id: 'id-grace', upn: 'grace.hopper@contoso.com', mail: 'Grace.Hopper@contoso.com', displayName: 'Grace Hopper', givenName: 'Grace', surname: 'Hopper', employeeId: '00042' }),
  anIdentity({ id: 'id-grace2', upn: 'grace.h@contoso.com', displayName: 'Grace Hopkins', givenName: 'Grace', surname: 'Hopkins' }),
  anIdentity({ id: 'id-alan', upn: 'alan.turing@contoso.com', displayName: 'Alan Turing' }),
];
const keys = buildKeyMaker({ ...DEFAULT_SETTINGS, asOf: '2026-11-22T00:00:00.000Z' }, identities);
const agreementsOf = (candidate: ReturnType<typeof rankCandidates>[number]) => Object.fromEntries(candidate.agreements.map((one) => [one.attribute, one.agreement]));

describe('a correlation case', () => {
  it('ranks the identities an account may belong to, each attribute compared, and leaves out those agreeing on nothing', () => {
    const account = anAccount({ accountId: '1002', login: 'ghopper', email: 'grace.hopper+app@contoso.com', displayName: 'Grace Hopper', employeeId: '42' });
    const ranked = rankCandidates(account, identities, keys);
    expect(ranked.map((candidate) => candidate.identity.id)).toEqual(['id-grace', 'id-grace2']);
    // Sub-addressing stripped, leading zeros of the employee id ignored, as the rules compare them.
    expect(agreementsOf(ranked[0]!)).toEqual({ 'Object id': 'absent', 'Employee id': 'same', Email: 'same', 'Login / UPN': 'different', Name: 'same' });
    expect(ranked[0]!.score).toBeCloseTo((4 + 3 + 2) / 17);
    expect(agreementsOf(ranked[1]!)).toMatchObject({ Email: 'different', Name: 'similar' });
  });

  it('counts an address with the same local part on another domain as similar', () => {
    const [candidate] = rankCandidates(anAccount({ accountId: 'x', email: 'alan.turing@fabrikam.com' }), identities, keys);
    expect(candidate?.identity.id).toBe('id-alan');
    expect(agreementsOf(candidate!)).toMatchObject({ Email: 'similar' });
  });

  it('keeps identities that agree on nothing only when asked (a reviewer searched for them), and limits the list', () => {
    const stranger = anAccount({ accountId: '1005', login: 'mallory', email: 'mallory@contoso.com', displayName: 'Mallory Unknown' });
    expect(rankCandidates(stranger, identities, keys)).toEqual([]);
    const all = rankCandidates(stranger, identities, keys, { keepDisagreeing: true, limit: 2 });
    expect(all.map((candidate) => [candidate.identity.id, candidate.score])).toEqual([
      ['id-alan', 0],
      ['id-grace', 0],
    ]);
  });
});
