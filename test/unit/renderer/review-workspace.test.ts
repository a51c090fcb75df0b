import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../renderer/src/workspace/workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const workspace of opened.splice(0)) await workspace.delete();
});
const newWorkspace = (): Workspace => {
  const workspace = new Workspace(`test-${randomUUID()}`);
  opened.push(workspace);
  return workspace;
};
const ada = { name: 'Ada Lovelace', role: 'IT auditor' };

describe('decisions and the audit trail in the workspace', () => {
  it('records who reviews, each decision with its audit entry, and a chain that holds', async () => {
    const workspace = newWorkspace();
    await workspace.setReviewer(ada, '2026-11-23T09:00:00.000Z');
    await workspace.record('import', { files: 'users.csv' }, '2026-11-23T09:01:00.000Z');
    const rows = [
      { rowKey: 'account:1005', answers: ['ORPHAN'] },
      { rowKey: 'account:1006', answers: ['SERVICE_ACCOUNT'] },
    ];
    await workspace.decide(rows, { kind: 'revoke', justification: 'Left in 2025; no owner' }, ada, '2026-11-23T09:02:00.000Z');

    expect(await workspace.decisions.toArray()).toMatchObject([
      { rowKey: 'account:1005', kind: 'revoke', answers: ['ORPHAN'], by: ada, justification: 'Left in 2025; no owner' },
      { rowKey: 'account:1006', kind: 'revoke', answers: ['SERVICE_ACCOUNT'], by: ada },
    ]);
    const { entries, verdict } = await workspace.verifiedTrail();
    expect(entries.map((entry) => [entry.seq, entry.action, entry.who.name])).toEqual([
      [1, 'reviewer', 'Ada Lovelace'],
      [2, 'import', 'Ada Lovelace'],
      [3, 'decision', 'Ada Lovelace'],
    ]);
    expect(entries[2]!.details).toMatchObject({ decision: 'revoke', rows: '2', first: 'account:1005' });
    expect(verdict).toEqual({ intact: true, entries: 3 });
  });

  it('reports the chain broken when a stored entry is changed', async () => {
    const workspace = newWorkspace();
    await workspace.setReviewer(ada, '2026-11-23T09:00:00.000Z');
    await workspace.decide([{ rowKey: 'account:1', answers: ['PRIVILEGED'] }], { kind: 'keep', justification: 'Approved admin on ticket CHG-1' }, ada, '2026-11-23T09:02:00.000Z');
    await workspace.record('run', { rows: '6' }, '2026-11-23T09:03:00.000Z');
    await workspace.auditTrail.update(2, { details: { decision: 'revoke', rows: '1', first: 'account:1', justification: 'Approved admin on ticket CHG-1' } });
    expect((await workspace.verifiedTrail()).verdict).toEqual({ intact: false, seq: 2, reason: 'its content was changed after it was recorded' });
  });
});

describe('correlation fixes in the workspace', () => {
  it('records a fix with its audit entry, replaces an earlier fix of the same pair, and keeps both in the trail', async () => {
    const workspace = newWorkspace();
    const link = { accountId: '1002', identityId: 'id-grace', action: 'unlink' as const, justification: 'a different Grace: checked with HR', by: 'Ada Lovelace (IT auditor)', at: '2026-11-23T09:00:00.000Z' };
    await workspace.fixCorrelation(link, ada);
    await workspace.fixCorrelation({ ...link, action: 'link', justification: 'HR confirmed it is her after all', at: '2026-11-23T09:05:00.000Z' }, ada);
    expect(await workspace.links.toArray()).toMatchObject([{ accountId: '1002', identityId: 'id-grace', action: 'link' }]);
    const { entries, verdict } = await workspace.verifiedTrail();
    expect(entries.map((entry) => [entry.action, entry.details['fix']])).toEqual([
      ['correlation', 'unlink'],
      ['correlation', 'link'],
    ]);
    expect(verdict.intact).toBe(true);
  });
});
