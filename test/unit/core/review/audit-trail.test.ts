import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainEntry, GENESIS, verifyChain, type AuditEntry } from '@core/review/audit-trail';
import { decisionProblem, isExpired, type Decision } from '@core/review/decisions';

const sha256 = async (text: string): Promise<string> => createHash('sha256').update(text).digest('hex');
const who = { name: 'Ada Lovelace', role: 'IT auditor' };

async function trail(): Promise<AuditEntry[]> {
  const first = await chainEntry(undefined, { at: '2026-11-23T09:00:00.000Z', who, action: 'import', details: { file: 'users.csv' } }, sha256);
  const second = await chainEntry(first, { at: '2026-11-23T09:05:00.000Z', who, action: 'run', details: { rows: '6' } }, sha256);
  const third = await chainEntry(second, { at: '2026-11-23T09:10:00.000Z', who, action: 'decision', details: { row: 'account:1005', kind: 'revoke' } }, sha256);
  return [first, second, third];
}

describe('the audit trail', () => {
  it('chains each entry to the one before by hash, from a genesis value', async () => {
    const [first, second] = await trail();
    expect(first).toMatchObject({ seq: 1, previousHash: GENESIS, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(second).toMatchObject({ seq: 2, previousHash: first!.hash });
    expect(await verifyChain(await trail(), sha256)).toEqual({ intact: true, entries: 3 });
  });

  it('reports the first entry that was changed, removed or re-linked', async () => {
    const entries = await trail();
    const edited = entries.map((entry) => (entry.seq === 2 ? { ...entry, details: { rows: '5' } } : entry));
    expect(await verifyChain(edited, sha256)).toEqual({ intact: false, seq: 2, reason: 'its content was changed after it was recorded' });
    expect(await verifyChain([entries[0]!, entries[2]!], sha256)).toEqual({ intact: false, seq: 3, reason: 'entry 2 is missing' });
    // Re-hashing an edited entry does not help: the next entry still points at the old hash.
    const { hash: _old, ...unhashed } = { ...entries[1]!, details: { rows: '5' } };
    const rehashed = { ...unhashed, hash: await sha256(JSON.stringify(unhashed)) };
    expect(await verifyChain([entries[0]!, rehashed, entries[2]!], sha256)).toMatchObject({ intact: false, seq: 2 });
  });
});

describe('decisions', () => {
  it('need a justification to keep or accept, and an approver and a future expiry for an exception', () => {
    const today = '2026-11-23';
    expect(decisionProblem({ kind: 'revoke', justification: '' }, today)).toBeUndefined();
    expect(decisionProblem({ kind: 'keep', justification: 'ok' }, today)).toContain('say why');
    expect(decisionProblem({ kind: 'keep', justification: 'Confirmed with the manager on the ticket' }, today)).toBeUndefined();
    const exception = { kind: 'exception' as const, justification: 'Break-glass account required by policy', approver: 'CISO', expires: '2027-03-31' };
    expect(decisionProblem(exception, today)).toBeUndefined();
    expect(decisionProblem({ ...exception, approver: ' ' }, today)).toContain('approved');
    expect(decisionProblem({ ...exception, expires: '2026-11-23' }, today)).toContain('after today');
  });

  it('treat an exception as expired from its expiry date on', () => {
    const decision: Decision = { rowKey: 'account:1', kind: 'exception', justification: 'x'.repeat(12), approver: 'CISO', expires: '2026-12-31', answers: ['PRIVILEGED'], by: who, at: '2026-11-23T09:00:00.000Z' };
    expect(isExpired(decision, '2026-12-30T00:00:00.000Z')).toBe(false);
    expect(isExpired(decision, '2026-12-31T00:00:00.000Z')).toBe(true);
    expect(isExpired({ ...decision, kind: 'keep' }, '2027-06-01T00:00:00.000Z')).toBe(false);
  });
});
