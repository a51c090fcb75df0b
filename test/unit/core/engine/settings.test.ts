import { describe, expect, it } from 'vitest';
import { parseSettings, readAsOf } from '@core/engine/settings-file';
import { DEFAULT_SETTINGS } from '@core/model/settings';

const AS_OF = '2026-11-22T00:00:00.000Z';

describe('readAsOf', () => {
  it.each([
    ['2026-11-22', '2026-11-22T00:00:00.000Z'],
    ['2026-11-22T10:30:00Z', '2026-11-22T10:30:00.000Z'],
    ['2026-11-22T10:30:00+02:00', '2026-11-22T08:30:00.000Z'],
  ])('reads %j', (text, expected) => {
    expect(readAsOf(text)).toBe(expected);
  });

  it.each(['2026-02-31', '22/11/2026', 'yesterday', '2026-11-22T10:30'])('refuses %j', (text) => {
    expect(readAsOf(text)).toBeUndefined();
  });
});

describe('parseSettings', () => {
  it('fills the defaults', () => {
    expect(parseSettings({}, AS_OF)).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, asOf: AS_OF } });
  });

  it('takes every documented setting', () => {
    const parsed = parseSettings(
      {
        staleDays: 45,
        domainAliases: [['contoso.com', 'contoso.onmicrosoft.com']],
        defaultDomain: 'contoso.com',
        loginSuffixes: ['.uat'],
        stripSubaddressing: false,
        privilegedPatterns: ['^Global'],
        serviceAccountPatterns: ['^app-'],
        serviceAccounts: ['backup'],
        driftAttributes: [{ account: 'Dept', identity: 'department' }],
        dueDays: { high: 5 },
        applicationOwner: 'Jira admins',
      },
      AS_OF,
    );
    expect(parsed.ok && parsed.value).toMatchObject({ staleDays: 45, stripSubaddressing: false, dueDays: { critical: 2, high: 5, medium: 30, low: 90 }, applicationOwner: 'Jira admins' });
  });

  it.each([
    [{ staleDays: 0 }, 'staleDays must be a positive whole number'],
    [{ stale_days: 30 }, 'unknown setting "stale_days"'],
    [{ privilegedPatterns: ['('] }, 'is not a valid regular expression'],
    [{ domainAliases: ['contoso.com'] }, 'domainAliases must be an array of arrays'],
    [{ dueDays: { urgent: 1 } }, 'dueDays must map'],
    [{ asOf: 'soon' }, 'asOf must be an ISO 8601'],
    [[], 'settings must be a JSON object'],
  ])('rejects %j', (json, message) => {
    const parsed = parseSettings(json, AS_OF);
    expect(parsed.ok ? '' : parsed.error).toContain(message);
  });
});
