import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { applySignIns, detectSignInLayout, scoreEntraSignIns, signInFromRow, type SignInRecord } from '@core/import/entra-signins';
import { flattenRecord } from '@core/import/flatten';
import { mapIdentities, mapSignIns } from '@core/import/map-rows';
import type { Identity } from '@core/model/identity';
import { anIdentity } from '../../../support/builders';
import { fixture } from '../../../support/fixtures';

function csvFixture(name: string): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = Papa.parse<string[]>(readFileSync(fixture(`entra/${name}`), 'utf8'), { skipEmptyLines: true }).data;
  return { header, rows };
}

const ID = (n: number): string => `0b6f1c1e-000${n}-4a4a-9c9c-00000000000${n}`;
const at = (iso: string): number => Date.parse(iso);

function signInsOf(name: string): SignInRecord[] {
  const { header, rows } = csvFixture(name);
  const result = mapSignIns(header, [{ rows, lines: rows.map((_, index) => index + 2) }]);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.signIns;
}

function usersDownload(): Identity[] {
  const { header, rows } = csvFixture('users-download.csv');
  const result = mapIdentities(header, [{ rows, lines: rows.map((_, index) => index + 2) }]);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.identities;
}

describe('sign-in activity file', () => {
  it('reads signins.csv by the users-file rule', () => {
    expect(signInsOf('signins.csv')).toEqual([
      { userId: ID(1), upn: 'ada.lovelace@contoso.com', lastSignInAt: at('2026-10-19T17:00:00Z') },
      { userId: ID(2), upn: 'grace.hopper@contoso.com', lastSignInAt: at('2026-06-03T08:15:00Z') },
      { userId: ID(3), upn: 'alan.turing@contoso.com', lastSignInAt: undefined },
      { userId: undefined, upn: 'Katherine.Johnson@contoso.com', lastSignInAt: at('2026-10-30T16:45:00Z') },
      { userId: 'ffffffff-0000-4a4a-9c9c-00000000ffff', upn: 'ghost@contoso.com', lastSignInAt: at('2026-01-05T10:00:00Z') },
    ]);
  });

  it('joins signins.csv to users-download.csv by id, else UPN, and counts the rest', () => {
    const { identities, unmatched } = applySignIns(usersDownload(), signInsOf('signins.csv'));
    expect(unmatched).toBe(1);
    expect(Object.fromEntries(identities.map((identity) => [identity.upn, identity.lastSignInAt]))).toEqual({
      'ada.lovelace@contoso.com': at('2026-10-19T17:00:00Z'),
      'grace.hopper@contoso.com': at('2026-06-03T08:15:00Z'),
      'alan.turing@contoso.com': undefined,
      'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com': undefined,
      'katherine.johnson@contoso.com': at('2026-10-30T16:45:00Z'),
    });
  });

  it.each<[string, Record<string, unknown>, SignInRecord]>([
    [
      'Graph /users?$select=displayName,signInActivity',
      {
        displayName: 'Stine Romund',
        id: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
        signInActivity: {
          lastSignInDateTime: '2024-12-10T17:38:26Z',
          lastNonInteractiveSignInDateTime: '2024-12-10T17:38:11Z',
          lastSuccessfulSignInDateTime: '2024-12-10T17:38:20Z',
        },
      },
      { userId: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee', upn: undefined, lastSignInAt: at('2024-12-10T17:38:20Z') },
    ],
    [
      'PowerShell Select-Object UserPrincipalName, LastSignIn',
      { UserPrincipalName: 'a@x.com', LastSignIn: '2/12/2025 1:15:34 PM' },
      { userId: undefined, upn: 'a@x.com', lastSignInAt: at('2025-02-12T13:15:34Z') },
    ],
    [
      'userId preferred to id',
      { id: 'row-1', userId: 'user-1', lastNonInteractiveSignInDateTime: '2025-01-01T00:00:00Z' },
      { userId: 'user-1', upn: undefined, lastSignInAt: at('2025-01-01T00:00:00Z') },
    ],
  ])('reads %s', (_, record, expected) => {
    const fields = flattenRecord(record);
    const header = [...fields.keys()];
    const layout = detectSignInLayout(header);
    if (!layout.ok) throw new Error(layout.error.message);
    expect(signInFromRow(layout.value, [...fields.values()])).toEqual(expected);
  });

  it.each([
    [['displayName', 'lastSignInDateTime'], 'no id, userId or userPrincipalName'],
    [['id', 'userPrincipalName'], 'no lastSignInDateTime'],
  ])('refuses %j', (header, message) => {
    expect(detectSignInLayout(header)).toMatchObject({ ok: false, error: { code: 'MISSING_COLUMN', line: 1, message: expect.stringContaining(message) } });
  });

  it('warns about rows without a key', () => {
    const result = mapSignIns(['id', 'lastSignInDateTime'], [{ rows: [['', '2025-01-01T00:00:00Z']], lines: [4] }]);
    expect(result.ok && result.value.warnings).toEqual([{ line: 4, message: 'the row has no user id or userPrincipalName: skipped' }]);
  });
});

describe('applySignIns', () => {
  const ada = anIdentity({ id: 'A', upn: 'ada@x.com', lastSignInAt: 100 });
  const bob = anIdentity({ id: 'B', upn: 'bob@x.com', lastSignInAt: undefined });

  it.each<[string, SignInRecord[], (number | undefined)[], number]>([
    ['id before UPN', [{ userId: 'a', upn: 'bob@x.com', lastSignInAt: 500 }], [500, undefined], 0],
    ['UPN when the id is unknown', [{ userId: 'zzz', upn: 'BOB@x.com', lastSignInAt: 7 }], [100, 7], 0],
    ['the latest of several records', [{ userId: 'B', upn: undefined, lastSignInAt: 3 }, { userId: 'B', upn: undefined, lastSignInAt: 9 }, { userId: 'B', upn: undefined, lastSignInAt: undefined }], [100, 9], 0],
    ['a record without a sign-in keeps the identity as it was', [{ userId: 'A', upn: undefined, lastSignInAt: undefined }], [100, undefined], 0],
    ['unmatched records counted', [{ userId: 'C', upn: 'c@x.com', lastSignInAt: 1 }, { userId: undefined, upn: 'd@x.com', lastSignInAt: 1 }], [100, undefined], 2],
  ])('%s', (_, records, expected, unmatched) => {
    const result = applySignIns([ada, bob], records);
    expect(result.identities.map((identity) => identity.lastSignInAt)).toEqual(expected);
    expect(result.unmatched).toBe(unmatched);
  });

  it('returns the same objects for identities it does not change', () => {
    const result = applySignIns([ada, bob], [{ userId: 'B', upn: undefined, lastSignInAt: 1 }]);
    expect(result.identities[0]).toBe(ada);
    expect(result.identities[1]).not.toBe(bob);
  });
});

describe('scoreEntraSignIns', () => {
  it.each<[string, string[], number]>([
    ['signins.csv', csvFixture('signins.csv').header, 0.95],
    ['Graph displayName + signInActivity', ['displayName', 'id', 'signInActivity.lastSignInDateTime', 'signInActivity.lastNonInteractiveSignInDateTime', 'signInActivity.lastSuccessfulSignInDateTime'], 0.8],
    ['a users export with sign-ins', ['id', 'userPrincipalName', 'mail', 'displayName', 'accountEnabled', 'userType', 'lastSignInDateTime'], 0.25],
    ['a users export without sign-ins', csvFixture('users-download.csv').header, 0],
    ['sign-ins without a key', ['LastSignIn'], 0.1],
  ])('%s → %s', (_, header, expected) => {
    expect(scoreEntraSignIns(header)).toBeCloseTo(expected, 5);
  });
});
