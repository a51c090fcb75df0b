import { describe, expect, it } from 'vitest';
import { parseScopingFilter } from '@core/engine/scope';
import { reconcile, type ReconciliationInput } from '@core/engine/reconcile';
import type { Account } from '@core/model/account';
import type { FindingCode, ReconciliationRow } from '@core/model/reconciliation';
import { anAccount, anAssignment, anIdentity, anInput, aProvisioningEvent, daysBeforeAsOf, someSettings } from '../../../support/builders';

const person = anIdentity({
  id: 'ID-1',
  upn: 'ada@contoso.com',
  mail: 'ada@contoso.com',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  surname: 'Lovelace',
  employeeId: '42',
  department: 'R&D',
  createdAt: daysBeforeAsOf(1000),
  lastSignInAt: daysBeforeAsOf(5),
});
const activeAccount = anAccount({ accountId: 'acc-1', email: 'ada@contoso.com', displayName: 'Ada Lovelace', enabled: true, lastLoginAt: daysBeforeAsOf(3), createdAt: daysBeforeAsOf(900) });

function onlyRow(overrides: Partial<ReconciliationInput>): ReconciliationRow {
  const result = reconcile(anInput({ identities: [person], accounts: [activeAccount], ...overrides }));
  const row = [...result.rows].find((candidate) => candidate.account?.accountId === 'acc-1');
  if (!row) throw new Error('no row for acc-1');
  return row;
}
const codes = (row: ReconciliationRow): FindingCode[] => row.findings.map((finding) => finding.code);
const withAccount = (account: Partial<Account>): Partial<ReconciliationInput> => ({ accounts: [{ ...activeAccount, ...account }] });
const withIdentity = (identity: Partial<typeof person>): Partial<ReconciliationInput> => ({ identities: [{ ...person, ...identity }] });

const scope = (json: unknown) => {
  const parsed = parseScopingFilter(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};
const skipped = (errorCode: string | undefined) => aProvisioningEvent({ id: 'e3', activityAt: daysBeforeAsOf(1), sourceIdentityId: 'ID-1', status: 'skipped', errorCode });

describe('a clean matched account', () => {
  it('raises nothing and has no severity', () => {
    const row = onlyRow({});
    expect(row).toMatchObject({ situation: 'MATCHED', findings: [], severity: undefined, remediations: [] });
  });
});

describe('finding codes', () => {
  it.each([
    ['TERMINATED_ACTIVE: identity disabled', withIdentity({ accountEnabled: false }), 'TERMINATED_ACTIVE', 'high'],
    ['TERMINATED_ACTIVE: identity deleted', withIdentity({ deleted: true, deletedAt: daysBeforeAsOf(3) }), 'TERMINATED_ACTIVE', 'high'],
    ['TERMINATED_ACTIVE: left on as-of exactly', withIdentity({ employeeLeaveAt: daysBeforeAsOf(0) }), 'TERMINATED_ACTIVE', 'high'],
    ['STALE_ACCOUNT: last login 91 days ago', withAccount({ lastLoginAt: daysBeforeAsOf(91) }), 'STALE_ACCOUNT', 'medium'],
    ['STALE_ACCOUNT: never logged in, created 100 days ago', withAccount({ lastLoginAt: undefined, createdAt: daysBeforeAsOf(100) }), 'STALE_ACCOUNT', 'medium'],
    ['ATTRIBUTE_DRIFT: family name differs', withAccount({ familyName: 'Byron' }), 'ATTRIBUTE_DRIFT', 'low'],
    ['GUEST_ACCESS: guest identity', withIdentity({ userType: 'Guest' }), 'GUEST_ACCESS', 'low'],
    ['SERVICE_ACCOUNT: svc- login', withAccount({ login: 'svc-backup' }), 'SERVICE_ACCOUNT', 'low'],
    ['SERVICE_ACCOUNT: format says non-human (AWS key-only user)', withAccount({ nonHumanReason: 'access keys but no console password' }), 'SERVICE_ACCOUNT', 'low'],
  ] as const)('%s', (_name, overrides, code, severity) => {
    const row = onlyRow(overrides);
    expect(codes(row)).toEqual([code]);
    expect(row.severity).toBe(severity);
    expect(row.findings[0]?.reason.length).toBeGreaterThan(10);
    expect(row.remediations.map((remediation) => remediation.cause)).toContain(code);
  });

  it.each([
    ['the first of the default patterns that matches', {}, 'svc-api-bot', 'login "svc-api-bot" matches the service-account pattern /^svc[-_.]/'],
    ['a later pattern, on the display name', {}, 'Ada Lovelace (integration)', 'displayName "Ada Lovelace (integration)" matches the service-account pattern /\\bintegration\\b/'],
    ['patterns with a back-reference (not joined into one check)', { serviceAccountPatterns: ['^(a)\\1', 'x(y)\\1$'] }, 'xyy', 'login "xyy" matches the service-account pattern /x(y)\\1$/'],
  ])('SERVICE_ACCOUNT names %s', (_name, settings, value, reason) => {
    const field = value.includes(' ') ? 'displayName' : 'login';
    const row = onlyRow({ ...withAccount({ [field]: value }), settings: someSettings(settings) });
    expect(row.findings.find((finding) => finding.code === 'SERVICE_ACCOUNT')?.reason).toBe(reason);
  });

  it('STALE_ACCOUNT: not at exactly the threshold', () => {
    expect(codes(onlyRow(withAccount({ lastLoginAt: daysBeforeAsOf(90) })))).toEqual([]);
  });

  it('STALE_ACCOUNT explains the values and threshold it used', () => {
    const [finding] = onlyRow(withAccount({ lastLoginAt: daysBeforeAsOf(120) })).findings;
    expect(finding?.values).toMatchObject({ daysInactive: '120', staleDays: '90' });
    expect(finding?.reason).toContain('120 days before as-of (threshold 90 days)');
  });

  it('TERMINATED_ACTIVE: a leave date after as-of is not yet a leaver', () => {
    expect(codes(onlyRow(withIdentity({ employeeLeaveAt: daysBeforeAsOf(-10) })))).toEqual([]);
  });

  describe('DORMANT_IDENTITY', () => {
    it('only when sign-in data was imported', () => {
      const dormant = withIdentity({ lastSignInAt: daysBeforeAsOf(200) });
      expect(codes(onlyRow(dormant))).toEqual([]);
      expect(codes(onlyRow({ ...dormant, hasSignInData: true }))).toEqual(['DORMANT_IDENTITY']);
    });

    it('never signed in and created long ago', () => {
      expect(codes(onlyRow({ ...withIdentity({ lastSignInAt: undefined }), hasSignInData: true }))).toEqual(['DORMANT_IDENTITY']);
    });

    it('not for a disabled identity (that is TERMINATED_ACTIVE)', () => {
      expect(codes(onlyRow({ ...withIdentity({ lastSignInAt: undefined, accountEnabled: false }), hasSignInData: true }))).toEqual(['TERMINATED_ACTIVE']);
    });
  });

  describe('UNASSIGNED', () => {
    it('only when assignments were imported', () => {
      expect(codes(onlyRow({ assignments: undefined }))).toEqual([]);
      expect(codes(onlyRow({ assignments: [] }))).toEqual(['UNASSIGNED']);
    });

    it('an assignment by id or by UPN counts', () => {
      expect(codes(onlyRow({ assignments: [anAssignment({ principalId: 'id-1' })] }))).toEqual([]);
      expect(codes(onlyRow({ assignments: [anAssignment({ principalName: 'ADA@contoso.com' })] }))).toEqual([]);
    });

    it('a group assignment counts only for members the export lists', () => {
      expect(codes(onlyRow({ assignments: [anAssignment({ principalType: 'Group', principalId: 'GROUP-1' })] }))).toEqual(['UNASSIGNED']);
      expect(codes(onlyRow({ assignments: [anAssignment({ principalId: 'ID-1', viaGroup: 'GROUP-1' })] }))).toEqual([]);
    });
  });

  describe('OUT_OF_SCOPE', () => {

    it.each([
      ['one clause that holds', { filters: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'R&D' }] }] }, []],
      ['one clause that fails', { filters: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }] }, ['OUT_OF_SCOPE']],
      [
        'AND inside a filter: one failing clause fails it',
        { filters: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'R&D' }, { attribute: 'jobTitle', operator: 'IS NOT NULL' }] }] },
        ['OUT_OF_SCOPE'],
      ],
      [
        'OR across filters: one filter holding is enough',
        {
          filters: [
            { clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] },
            { clauses: [{ attribute: 'userPrincipalName', operator: 'REGEX MATCH', value: '.*@contoso\\.com$' }] },
          ],
        },
        [],
      ],
    ])('%s', (_name, json, expected) => {
      expect(codes(onlyRow({ scope: scope(json) }))).toEqual(expected);
    });

    it('names the failing clause', () => {
      const row = onlyRow({ scope: scope({ filters: [{ title: 'Sales only', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }] }) });
      expect(row.findings[0]?.reason).toContain('Sales only: department EQUALS "Sales" fails (value "R&D")');
    });
  });

  it('DUPLICATE_ACCOUNT on each active account of the same identity, not on a disabled one', () => {
    const second = anAccount({ accountId: 'acc-2', email: 'ADA@contoso.com', displayName: 'Ada Lovelace', enabled: true, lastLoginAt: daysBeforeAsOf(1) });
    const disabled = anAccount({ accountId: 'acc-3', email: 'ada@contoso.com', displayName: 'Ada Lovelace', enabled: false });
    const result = reconcile(anInput({ identities: [person], accounts: [activeAccount, second, disabled] }));
    expect([...result.rows].map((row) => [row.account?.accountId, codes(row)])).toEqual([
      ['acc-1', ['DUPLICATE_ACCOUNT']],
      ['acc-2', ['DUPLICATE_ACCOUNT']],
      ['acc-3', []],
    ]);
  });

  describe('ATTRIBUTE_DRIFT', () => {
    it('compares email against mail and the other addresses', () => {
      const identity = withIdentity({ mail: 'ada.l@contoso.com', otherAddresses: ['ada@contoso.com'] });
      expect(codes(onlyRow(identity))).toEqual([]);
    });

    it('lists every differing attribute, employee id without leading zeros', () => {
      const row = onlyRow(withAccount({ employeeId: '0042', givenName: 'Augusta', displayName: 'Augusta Ada King' }));
      expect(row.findings[0]?.values['attributes']).toBe('givenName;displayName');
    });

    it('compares user-mapped attributes', () => {
      const settings = someSettings({ driftAttributes: [{ account: 'Department', identity: 'department' }] });
      const row = onlyRow({ settings, accounts: [{ ...activeAccount, attributes: { Department: 'Sales' } }] });
      expect(row.findings[0]?.values['attributes']).toBe('Department~department');
    });

    it('does not compare the login unless mapped', () => {
      expect(codes(onlyRow(withAccount({ login: 'somebody-else' })))).toEqual([]);
    });
  });

  describe('PROVISIONING_ERROR', () => {
    const failure = aProvisioningEvent({ id: 'e1', activityAt: daysBeforeAsOf(10), sourceIdentityId: 'ID-1', status: 'failure', errorCode: 'ContosoEntryConflict' });

    it('the latest event failed: the code is listed, with guidance found by suffix', () => {
      const row = onlyRow({ provisioningEvents: [failure] });
      expect(codes(row)).toEqual(['PROVISIONING_ERROR']);
      expect(row.findings[0]?.values['errorCode']).toBe('ContosoEntryConflict');
      expect(row.remediations[0]?.guidance).toContain('match or take over');
    });

    it('a later success clears an earlier failure', () => {
      const success = aProvisioningEvent({ id: 'e2', activityAt: daysBeforeAsOf(2), sourceIdentityId: 'ID-1', status: 'success' });
      expect(codes(onlyRow({ provisioningEvents: [success, failure] }))).toEqual([]);
    });

    it('a skip with an error code counts; a plain skip does not', () => {
      expect(codes(onlyRow({ provisioningEvents: [skipped('ImportSkipped')] }))).toEqual(['PROVISIONING_ERROR']);
      expect(codes(onlyRow({ provisioningEvents: [skipped(undefined)] }))).toEqual([]);
      expect(codes(onlyRow({ provisioningEvents: [skipped('EntrySynchronizationSkipped')] }))).toEqual([]);
    });
  });

  describe('PRIVILEGED', () => {
    it.each(['System Administrator', 'admin', 'security_admin', 'Org Owner', 'org:Owner'])('role %j raises the severity one step', (role) => {
      const row = onlyRow(withAccount({ roles: [role], lastLoginAt: daysBeforeAsOf(200) }));
      expect(codes(row)).toEqual(['PRIVILEGED', 'STALE_ACCOUNT']);
      expect(row.severity).toBe('high');
    });

    it('high becomes critical', () => {
      const row = onlyRow({ ...withIdentity({ accountEnabled: false }), ...withAccount({ roles: ['System Administrator'] }) });
      expect(row.severity).toBe('critical');
      expect(row.remediations.every((remediation) => remediation.severity === 'critical' && remediation.dueDate === '2026-11-24')).toBe(true);
    });

    it('a plain user role is not privileged', () => {
      expect(codes(onlyRow(withAccount({ roles: ['Standard User', 'Chatter Free User'] })))).toEqual([]);
    });
  });
});

describe('disabled accounts', () => {
  it('keep their situation and raise no risk finding', () => {
    const row = onlyRow({ ...withIdentity({ accountEnabled: false, userType: 'Guest' }), ...withAccount({ enabled: false, lastLoginAt: daysBeforeAsOf(500), roles: ['admin'] }) });
    expect(row).toMatchObject({ situation: 'MATCHED', findings: [], severity: undefined });
  });

  it('a disabled orphan has no severity', () => {
    const result = reconcile(anInput({ identities: [person], accounts: [anAccount({ accountId: 'x', email: 'gone@contoso.com', enabled: false })] }));
    expect(result.rows.at(0)).toMatchObject({ situation: 'ORPHAN', severity: undefined, remediations: [] });
  });
});

describe('orphans and the AWS root row', () => {
  it('a human active orphan is high, proposed for removal', () => {
    const result = reconcile(anInput({ identities: [person], accounts: [anAccount({ accountId: 'x', email: 'mallory@contoso.com', displayName: 'Mallory', enabled: true })] }));
    expect(result.rows.at(0)).toMatchObject({ situation: 'ORPHAN', severity: 'high', remediations: [{ action: 'remove-account', cause: 'ORPHAN', dueDate: '2026-11-29' }] });
  });

  it('an orphan service account needs an owner, not deletion', () => {
    const result = reconcile(anInput({ identities: [person], accounts: [anAccount({ accountId: 'x', login: 'svc-backup', displayName: 'Backup', enabled: true })] }));
    expect(result.rows.at(0)).toMatchObject({ situation: 'ORPHAN', severity: 'low' });
    expect(result.rows.at(0)?.remediations.map((remediation) => remediation.action)).toEqual(['assign-owner']);
  });

  it('the AWS root row: privileged and non-human, always active, an orphan', () => {
    const root = anAccount({ accountId: '<root_account>', enabled: true, nonHumanReason: 'the AWS account root user', privilegedReason: 'the AWS account root user' });
    const result = reconcile(anInput({ identities: [person], accounts: [root] }));
    expect(result.rows.at(0)).toMatchObject({ situation: 'ORPHAN', severity: 'medium' });
    expect(codes(result.rows.at(0)!)).toEqual(['PRIVILEGED', 'SERVICE_ACCOUNT']);
  });
});

describe('MISSING identities', () => {
  const alan = anIdentity({ id: 'ID-2', upn: 'alan@contoso.com' });
  const assigned = [anAssignment({ principalId: 'ID-1' }), anAssignment({ principalId: 'ID-2' })];

  it('an assigned, enabled identity without an account is MISSING, severity low', () => {
    const result = reconcile(anInput({ identities: [person, alan], accounts: [activeAccount], assignments: assigned }));
    expect([...result.rows].map((row) => [row.situation, row.identities[0]?.id, row.severity])).toEqual([
      ['MATCHED', 'ID-1', undefined],
      ['MISSING', 'ID-2', 'low'],
    ]);
  });

  it('not when disabled, or outside the scoping filter, or when no assignments were imported', () => {
    const disabled = { ...alan, accountEnabled: false };
    expect(reconcile(anInput({ identities: [person, disabled], accounts: [activeAccount], assignments: assigned })).counts.situations.MISSING).toBe(0);
    expect(reconcile(anInput({ identities: [person, alan], accounts: [activeAccount] })).counts.situations.MISSING).toBe(0);
    const parsed = parseScopingFilter({ filters: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'R&D' }] }] });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(reconcile(anInput({ identities: [person, alan], accounts: [activeAccount], assignments: assigned, scope: parsed.value })).counts.situations.MISSING).toBe(0);
  });

  it('carries the provisioning error that explains it', () => {
    const event = aProvisioningEvent({ id: 'e', activityAt: Date.parse('2026-11-20T00:00:00Z'), sourceIdentityId: 'ID-2', status: 'failure', errorCode: 'LicenseLimitExceeded' });
    const result = reconcile(anInput({ identities: [person, alan], accounts: [activeAccount], assignments: assigned, provisioningEvents: [event] }));
    const missing = [...result.rows].find((row) => row.situation === 'MISSING');
    expect(missing?.findings.map((finding) => finding.code)).toEqual(['PROVISIONING_ERROR']);
  });
});
