import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalogue, LEGACY_DATABASE } from '../../../renderer/src/workspace/catalogue';
import { Workspace } from '../../../renderer/src/workspace/workspace';

const opened: { delete(): Promise<void> }[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.delete();
});
const newCatalogue = (): Catalogue => {
  const catalogue = new Catalogue(`test-${randomUUID()}`);
  opened.push(catalogue);
  return catalogue;
};
const draft = { name: 'Salesforce Q4', application: 'Salesforce', period: '2026-Q4', owner: 'Dana Owner', asOf: '2026-11-22' };

describe('the catalogue of reviews', () => {
  it('keeps each review in a database of its own, so one review never sees another\'s sources', async () => {
    const catalogue = newCatalogue();
    const q3 = await catalogue.createReview({ ...draft, name: 'Salesforce Q3', asOf: '2026-09-30' }, new Date('2026-09-30T08:00:00Z'));
    const q4 = await catalogue.createReview(draft, new Date('2026-11-22T08:00:00Z'));
    expect(q3.database).not.toBe(q4.database);
    const first = catalogue.workspaceOf(q3);
    const second = catalogue.workspaceOf(q4);
    opened.push(first, second);
    await first.record('import', { files: 'users.csv' }, '2026-09-30T09:00:00.000Z');
    expect(await first.auditTrail.count()).toBe(1);
    expect(await second.auditTrail.count()).toBe(0);
    expect((await catalogue.listReviews()).map((review) => review.name)).toEqual(['Salesforce Q4', 'Salesforce Q3']);
  });

  it('archives and reopens a review, and remembers the open one and who reviews', async () => {
    const catalogue = newCatalogue();
    const review = await catalogue.createReview(draft, new Date('2026-11-22T08:00:00Z'));
    await catalogue.setArchived(review.id, true);
    expect((await catalogue.reviews.get(review.id))?.status).toBe('archived');
    await catalogue.setArchived(review.id, false);
    expect((await catalogue.reviews.get(review.id))?.status).toBe('open');
    await catalogue.setOpenReview(review.id);
    await catalogue.setReviewer({ name: 'Ada', role: 'IT auditor' });
    expect(await catalogue.openReviewId()).toBe(review.id);
    expect(await catalogue.reviewer()).toEqual({ name: 'Ada', role: 'IT auditor' });
    await catalogue.setOpenReview(undefined);
    expect(await catalogue.openReviewId()).toBeUndefined();
  });

  it('adopts the workspace from before reviews existed as a review, once, with its mappings', async () => {
    const legacy = new Workspace(LEGACY_DATABASE);
    opened.push(legacy);
    await legacy.sources.add({ id: 's1', kind: 'target', fileName: 'sf.csv', size: 10, header: [], importedAt: '2026-10-01T10:00:00.000Z', status: 'committed', sha256: 'ab', rowCount: 3, application: 'Salesforce' });
    await legacy.mappings.put({ application: 'Salesforce', profileId: 'salesforce', mapping: {}, savedAt: '2026-10-01T10:00:00.000Z' });
    const catalogue = newCatalogue();
    const adopted = await catalogue.adoptLegacy(new Date('2026-11-22T08:00:00Z'));
    expect(adopted).toMatchObject({ id: 'legacy', application: 'Salesforce', database: LEGACY_DATABASE, period: '2026-Q4' });
    expect(await catalogue.adoptLegacy(new Date('2026-11-22T08:00:00Z'))).toBeUndefined();
    expect(await catalogue.mappings.count()).toBe(1);
    const reopened = catalogue.workspaceOf(adopted!);
    expect((await reopened.currentSource('target'))?.fileName).toBe('sf.csv');
    reopened.close();
  });
});

describe('what carries across reviews', () => {
  it('carries the previous review\'s correlation fixes and exceptions into a new review of the same application, with an audit entry', async () => {
    const catalogue = newCatalogue();
    const q3 = await catalogue.createReview({ ...draft, name: 'Q3', period: '2026-Q3', asOf: '2026-09-30' }, new Date('2026-09-30T08:00:00Z'));
    const before = catalogue.workspaceOf(q3);
    opened.push(before);
    const link = { accountId: '1005', identityId: 'id-k', action: 'link' as const, justification: 'renamed after marriage', by: 'Ada (IT auditor)', at: '2026-09-30T09:00:00.000Z' };
    await before.fixCorrelation(link, { name: 'Ada', role: 'IT auditor' });
    await before.decide([{ rowKey: 'account:7', answers: ['PRIVILEGED'] }], { kind: 'exception', justification: 'break-glass account, reviewed monthly', approver: 'CISO', expires: '2026-12-31' }, { name: 'Ada', role: 'IT auditor' }, '2026-09-30T09:10:00.000Z');
    await before.decide([{ rowKey: 'account:8', answers: ['STALE_ACCOUNT'] }], { kind: 'revoke', justification: 'left' }, { name: 'Ada', role: 'IT auditor' }, '2026-09-30T09:11:00.000Z');
    const github = await catalogue.createReview({ ...draft, name: 'GitHub Q4', application: 'GitHub' }, new Date('2026-11-22T08:00:00Z'));
    const q4 = await catalogue.createReview({ ...draft, name: 'Q4' }, new Date('2026-11-22T08:00:00Z'));
    expect(await catalogue.carryForward(github, undefined, '2026-11-22T08:00:00.000Z')).toEqual({ links: 0, exceptions: 0 });
    expect(await catalogue.carryForward(q4, { name: 'Ada', role: 'IT auditor' }, '2026-11-22T08:00:00.000Z')).toEqual({ links: 1, exceptions: 1 });
    const after = catalogue.workspaceOf(q4);
    opened.push(after, catalogue.workspaceOf(github));
    expect(await after.links.toArray()).toEqual([link]);
    // Only the exception goes on; a revoke was done in its own review.
    expect((await after.decisions.toArray()).map((decision) => [decision.rowKey, decision.kind])).toEqual([['account:7', 'exception']]);
    const { entries, verdict } = await after.verifiedTrail();
    expect(entries.map((entry) => [entry.action, entry.details])).toEqual([['carried', { correlationFixes: '1', exceptions: '1', from: 'Q3 (2026-Q3)' }]]);
    expect(verdict.intact).toBe(true);
  });
});
