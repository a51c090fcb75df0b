import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChecklist, type ChecklistItem } from '@core/review/checklist';
import { Workspace } from '../../../renderer/src/workspace/workspace';
import { anAccount } from '../../support/builders';

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
const item: ChecklistItem = {
  key: 'account:1005|remove-account',
  rowKey: 'account:1005',
  action: 'remove-account',
  causes: ['ORPHAN'],
  severity: 'high',
  account: 'mallory',
  identity: '',
  guidance: '',
  decision: 'revoke',
  status: 'open',
  owner: 'Application owner',
  dueDate: '2026-11-29',
  note: '',
  ticket: '',
  evidence: '',
};

/** The item as the checklist shows it after the stored edits, as the view derives it. */
async function current(workspace: Workspace): Promise<ChecklistItem> {
  const edit = await workspace.checklist.get(item.key);
  return { ...item, ...(edit && { status: edit.status, owner: edit.owner, dueDate: edit.dueDate, note: edit.note, ticket: edit.ticket, evidence: edit.evidence }) };
}

describe('checklist edits in the workspace', () => {
  it('stores each edit by item key with an audit entry naming the changed fields, chained to the trail', async () => {
    const workspace = newWorkspace();
    await workspace.setReviewer(ada, '2026-11-23T09:00:00.000Z');
    await workspace.updateChecklistItem(item, { status: 'in-progress', owner: ' IAM team ' }, ada, '2026-11-23T09:01:00.000Z');
    await workspace.updateChecklistItem(await current(workspace), { status: 'done', ticket: 'CHG-42' }, ada, '2026-11-23T09:02:00.000Z');
    await workspace.updateChecklistItem(await current(workspace), { status: 'verified', evidence: 'screenshot-42.png' }, ada, '2026-11-23T09:03:00.000Z');

    expect(await workspace.checklist.toArray()).toEqual([
      { key: item.key, status: 'verified', owner: 'IAM team', dueDate: '2026-11-29', note: '', ticket: 'CHG-42', evidence: 'screenshot-42.png', by: ada, at: '2026-11-23T09:03:00.000Z' },
    ]);
    const { entries, verdict } = await workspace.verifiedTrail();
    expect(entries.map((entry) => [entry.action, entry.details])).toEqual([
      ['reviewer', { name: 'Ada Lovelace', role: 'IT auditor' }],
      ['checklist', { item: item.key, status: 'open → in-progress', owner: 'Application owner → IAM team' }],
      ['checklist', { item: item.key, status: 'in-progress → done', ticket: '(empty) → CHG-42' }],
      ['checklist', { item: item.key, status: 'done → verified', evidence: '(empty) → screenshot-42.png' }],
    ]);
    expect(verdict).toEqual({ intact: true, entries: 4 });
  });

  it('refuses a status that skips a step, and records nothing for an edit that changes nothing', async () => {
    const workspace = newWorkspace();
    await expect(workspace.updateChecklistItem(item, { status: 'verified' }, ada, '2026-11-23T09:01:00.000Z')).rejects.toThrow(
      'checklist item account:1005|remove-account: an item cannot go from Open to Verified',
    );
    await workspace.updateChecklistItem(item, { note: '  ' }, ada, '2026-11-23T09:02:00.000Z');
    expect(await workspace.checklist.count()).toBe(0);
    expect(await workspace.auditTrail.count()).toBe(0);
  });

  it('saves edits made in quick succession one after another, each with its entry, none undoing another', async () => {
    const workspace = newWorkspace();
    await Promise.all([
      workspace.updateChecklistItem(item, { ticket: 'CHG-7' }, ada, '2026-11-23T09:01:00.000Z'),
      workspace.updateChecklistItem(item, { status: 'in-progress' }, ada, '2026-11-23T09:01:01.000Z'),
      workspace.updateChecklistItem(item, { note: 'asked HR' }, ada, '2026-11-23T09:01:02.000Z'),
    ]);
    expect(await workspace.checklist.get(item.key)).toMatchObject({ ticket: 'CHG-7', status: 'in-progress', note: 'asked HR' });
    const { entries, verdict } = await workspace.verifiedTrail();
    expect(entries.map((entry) => Object.keys(entry.details))).toEqual([
      ['item', 'ticket'],
      ['item', 'status'],
      ['item', 'note'],
    ]);
    expect(verdict).toEqual({ intact: true, entries: 3 });
  });

  it('keeps an edit across a re-run: the same row and action get the same item back', async () => {
    const workspace = newWorkspace();
    await workspace.updateChecklistItem(item, { status: 'in-progress', note: 'waiting for HR' }, ada, '2026-11-23T09:01:00.000Z');
    const edits = new Map((await workspace.checklist.toArray()).map((edit) => [edit.key, edit]));
    const rerun = buildChecklist(
      [
        {
          situation: 'ORPHAN',
          account: anAccount({ accountId: '1005', login: 'mallory' }),
          identities: [],
          correlation: undefined,
          findings: [],
          severity: 'high',
          remediations: [{ action: 'remove-account', cause: 'ORPHAN', severity: 'high', owner: 'Application owner', dueDate: '2026-12-06', guidance: '' }],
        },
      ],
      new Map(),
      edits,
      { asOf: '2026-11-29T00:00:00.000Z', settings: { dueDays: { critical: 2, high: 7, medium: 30, low: 90 }, applicationOwner: 'Application owner' } },
    );
    expect(rerun.map((entry) => [entry.key, entry.status, entry.note, entry.dueDate])).toEqual([[item.key, 'in-progress', 'waiting for HR', '2026-11-29']]);
  });
});
