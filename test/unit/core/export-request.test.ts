import { describe, expect, it } from 'vitest';
import { requestValidators } from '@core/api/contract';
import { DEFAULT_SETTINGS } from '@core/model/settings';

const who = { name: 'Alex Auditor', role: 'IT auditor' };
const REQUEST = {
  exportId: 'export-1',
  destination: 'dest-1',
  review: { name: 'Q4', application: 'Salesforce', period: '2026-Q4', owner: 'Sales Ops', reviewer: who },
  inputs: [
    { role: 'entra', sha256: 'a'.repeat(64), fileName: 'users.csv', rows: 7 },
    { role: 'target', sha256: 'b'.repeat(64), fileName: 'app.csv', rows: 6 },
  ],
  reading: { profileId: 'salesforce', mapping: { email: 'Email' } },
  settings: { ...DEFAULT_SETTINGS, asOf: '2026-11-22T00:00:00.000Z' },
  scope: null,
  links: [],
  decisions: [{ rowKey: 'account:1', kind: 'exception', justification: 'Approved by the CFO', approver: 'CFO', expires: '2027-01-31', answers: ['STALE_ACCOUNT'], by: who, at: '2026-11-23T09:00:00.000Z' }],
  checklistEdits: [],
  trail: [],
  expectedCounts: { situations: { MATCHED: 1 }, findings: {}, severities: {} },
  includeInputs: true,
  signing: { kind: 'identity', id: 'abc', passphrase: 'secret' },
};
const message = (value: unknown): string => {
  const checked = requestValidators.exportPack(value);
  return checked.ok ? 'ok' : checked.error.message;
};

describe('the export request validator', () => {
  it('accepts a well-formed request and keeps every field', () => {
    const checked = requestValidators.exportPack(REQUEST);
    expect(checked.ok && checked.value).toMatchObject({ ...REQUEST, settings: { asOf: '2026-11-22T00:00:00.000Z', staleDays: DEFAULT_SETTINGS.staleDays } });
  });

  it.each([
    ['a path as an input file name', { inputs: [REQUEST.inputs[0], { ...REQUEST.inputs[1], fileName: '../../etc/passwd' }] }, 'inputs[1].fileName must be a file name'],
    ['no target dump', { inputs: [REQUEST.inputs[0]] }, 'inputs must hold exactly one target dump'],
    ['a hash that is not one', { inputs: [{ ...REQUEST.inputs[0], sha256: 'xyz' }, REQUEST.inputs[1]] }, 'inputs[0].sha256 must be a SHA-256 in hex'],
    ['an unknown decision', { decisions: [{ ...REQUEST.decisions[0], kind: 'ignore' }] }, 'decisions[0].kind must be one of keep, revoke, fix, exception'],
    ['a decision without a reviewer role', { decisions: [{ ...REQUEST.decisions[0], by: { name: 'x' } }] }, 'decisions[0].by.role must be text'],
    ['an unknown setting', { settings: { ...REQUEST.settings, stale: 3 } }, 'settings: unknown setting "stale"'],
    ['a trail entry with a made-up action', { trail: [{ seq: 1, at: '2026-11-23T09:00:00Z', who, action: 'hack', details: {}, previousHash: '0'.repeat(64), hash: '1'.repeat(64) }] }, 'trail[0].action must be one of'],
    ['a signing choice that is neither', { signing: { kind: 'pem', id: 'abc' } }, "signing must be unsigned or a signing identity's id"],
    ['an extra field', { extra: true }, 'unexpected field extra'],
  ])('refuses %s', (_, change, expected) => {
    expect(message({ ...REQUEST, ...change })).toContain(expected);
  });
});
