import { describe, expect, it } from 'vitest';
import { detectEntraUsersLayout, identityFromRow } from '@core/import/entra-users';
import { findColumn, findDuplicateColumn } from '@core/import/header';
import { mapAccounts, mapIdentities } from '@core/import/map-rows';
import { accountFromRow, detectTargetLayout } from '@core/import/target-generic';

describe('header matching', () => {
  it('matches names loosely', () => {
    expect(findColumn(['User Principal Name', 'Object ID'], ['userPrincipalName'])).toBe(0);
    expect(findColumn(['a', 'b'], ['c'])).toBe(-1);
  });

  it('finds duplicate columns', () => {
    expect(findDuplicateColumn(['id', 'mail', 'Mail'])).toBe('Mail');
    expect(findDuplicateColumn(['id', 'mail'])).toBeUndefined();
  });
});

describe('Entra users layout', () => {
  it('accepts the current header with id', () => {
    const layout = detectEntraUsersLayout(['userPrincipalName', 'displayName', 'mail', 'id', 'accountEnabled']);
    expect(layout.ok && layout.value.id).toBe(3);
  });

  it('accepts the older header with objectId', () => {
    const layout = detectEntraUsersLayout(['userPrincipalName', 'objectId']);
    expect(layout.ok && layout.value.id).toBe(1);
  });

  it('names the missing column', () => {
    expect(detectEntraUsersLayout(['displayName', 'id'])).toMatchObject({
      ok: false,
      error: { code: 'MISSING_COLUMN', line: 1, message: expect.stringContaining('userPrincipalName') },
    });
  });

  it('reads a row, with booleans and absent markers', () => {
    const layout = detectEntraUsersLayout(['userPrincipalName', 'id', 'mail', 'accountEnabled']);
    if (!layout.ok) throw new Error('layout');
    expect(identityFromRow(layout.value, ['a@x.com', 'id-1', 'N/A', 'False'])).toMatchObject({
      id: 'id-1',
      upn: 'a@x.com',
      mail: undefined,
      accountEnabled: false,
    });
    expect(identityFromRow(layout.value, ['', 'id-2', '', 'True'])).toBeUndefined();
  });
});

describe('generic target layout', () => {
  it('requires an email column', () => {
    expect(detectTargetLayout(['id', 'username'])).toMatchObject({ ok: false, error: { code: 'MISSING_COLUMN', line: 1 } });
  });

  it('keys an account by its record id, else login, else email', () => {
    const withId = detectTargetLayout(['id', 'username', 'Email']);
    const withoutId = detectTargetLayout(['username', 'Email']);
    const emailOnly = detectTargetLayout(['E-mail']);
    if (!withId.ok || !withoutId.ok || !emailOnly.ok) throw new Error('layout');
    expect(accountFromRow(withId.value, ['7', 'jd', 'j@x.com'], 2)?.accountId).toBe('7');
    expect(accountFromRow(withoutId.value, ['jd', 'j@x.com'], 2)?.accountId).toBe('jd');
    expect(accountFromRow(emailOnly.value, ['j@x.com'], 2)?.accountId).toBe('j@x.com');
    expect(accountFromRow(emailOnly.value, ['N/A'], 2)).toBeUndefined();
  });

  it('maps batches with their lines', () => {
    const accounts = mapAccounts(['id', 'email'], [{ rows: [['1', 'a@x.com'], ['2', 'b@x.com']], lines: [2, 5] }]);
    expect(accounts.ok && accounts.value.map((account) => account.line)).toEqual([2, 5]);
    const identities = mapIdentities(['id', 'userPrincipalName'], [{ rows: [['i1', 'a@x.com']], lines: [2] }]);
    expect(identities.ok && identities.value.length).toBe(1);
  });
});
