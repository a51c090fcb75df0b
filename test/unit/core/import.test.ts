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

  it('reads a row: booleans, absent markers, US dates, proxy addresses', () => {
    const header = ['userPrincipalName', 'id', 'mail', 'accountEnabled', 'createdDateTime', 'proxyAddresses', 'employeeId'];
    const layout = detectEntraUsersLayout(header);
    if (!layout.ok) throw new Error('layout');
    const identity = identityFromRow(layout.value, header, ['a@x.com', 'id-1', 'N/A', 'False', '8/19/2021 1:25:31 PM', 'SMTP:a@x.com;smtp:alias@x.com;x500:/o=x', '007']);
    expect(identity).toMatchObject({
      id: 'id-1',
      upn: 'a@x.com',
      mail: undefined,
      accountEnabled: false,
      createdAt: Date.UTC(2021, 7, 19, 13, 25, 31),
      otherAddresses: ['a@x.com', 'alias@x.com'],
      employeeId: '007',
      deleted: false,
    });
    expect(identityFromRow(layout.value, header, ['', 'id-2', '', 'True', '', '', ''])).toBeUndefined();
  });

  it('takes the last successful sign-in over the interactive ones, else the latest of those', () => {
    const header = ['userPrincipalName', 'id', 'lastSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSuccessfulSignInDateTime'];
    const layout = detectEntraUsersLayout(header);
    if (!layout.ok) throw new Error('layout');
    const read = (row: string[]) => identityFromRow(layout.value, header, row)?.lastSignInAt;
    expect(read(['a@x.com', '1', '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z', '2026-10-01T00:00:00Z'])).toBe(Date.UTC(2026, 9, 1));
    expect(read(['a@x.com', '1', '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z', ''])).toBe(Date.UTC(2026, 10, 21));
    expect(read(['a@x.com', '1', '', '', ''])).toBeUndefined();
  });

  it('marks rows of a deleted-users export as deleted', () => {
    const header = ['Id', 'UserPrincipalName', 'DisplayName', 'AccountEnabled', 'DeletedDateTime'];
    const mapped = mapIdentities(header, [{ rows: [['d1', 'd1AveryS@contoso.com', 'Avery Smith', 'False', '2/12/2025 1:15:34 PM']], lines: [2] }]);
    expect(mapped.ok && mapped.value.identities[0]).toMatchObject({ deleted: true, deletedAt: Date.UTC(2025, 1, 12, 13, 15, 34) });
  });
});

describe('generic target layout', () => {
  it('requires an email or login column', () => {
    expect(detectTargetLayout(['id', 'name'])).toMatchObject({ ok: false, error: { code: 'MISSING_COLUMN', line: 1 } });
    expect(detectTargetLayout(['id', 'username']).ok).toBe(true);
  });

  it('keys an account by its record id, else login, else email', () => {
    const withId = detectTargetLayout(['id', 'username', 'Email']);
    const withoutId = detectTargetLayout(['username', 'Email']);
    const emailOnly = detectTargetLayout(['E-mail']);
    if (!withId.ok || !withoutId.ok || !emailOnly.ok) throw new Error('layout');
    expect(accountFromRow(withId.value, ['id', 'username', 'Email'], ['7', 'jd', 'j@x.com'], 2)?.accountId).toBe('7');
    expect(accountFromRow(withoutId.value, ['username', 'Email'], ['jd', 'j@x.com'], 2)?.accountId).toBe('jd');
    expect(accountFromRow(emailOnly.value, ['E-mail'], ['j@x.com'], 2)?.accountId).toBe('j@x.com');
    expect(accountFromRow(emailOnly.value, ['E-mail'], ['N/A'], 2)).toBeUndefined();
  });

  it('reads status words, dates and roles', () => {
    const header = ['email', 'status', 'last_login', 'roles'];
    const layout = detectTargetLayout(header);
    if (!layout.ok) throw new Error('layout');
    expect(accountFromRow(layout.value, header, ['a@x.com', 'Suspended', '2026-01-02T03:04:05Z', 'admin;user'], 2)).toMatchObject({
      enabled: false,
      lastLoginAt: Date.UTC(2026, 0, 2, 3, 4, 5),
      roles: ['admin', 'user'],
    });
  });

  it('lets a column mapping override detection, and names a mapped column that is missing', () => {
    const header = ['Mail', 'Work Email'];
    const mapped = detectTargetLayout(header, [], { email: 'Work Email' });
    expect(mapped.ok && mapped.value.email).toBe(1);
    expect(detectTargetLayout(header, [], { email: 'Nope' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('"Nope"') } });
  });

  it('maps batches with their lines', () => {
    const accounts = mapAccounts(['id', 'email'], [{ rows: [['1', 'a@x.com'], ['2', 'b@x.com']], lines: [2, 5] }]);
    expect(accounts.ok && accounts.value.map((account) => account.line)).toEqual([2, 5]);
    const identities = mapIdentities(['id', 'userPrincipalName'], [{ rows: [['i1', 'a@x.com']], lines: [2] }]);
    expect(identities.ok && identities.value.identities.length).toBe(1);
  });
});
