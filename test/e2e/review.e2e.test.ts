import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './harness/app-session';
import { importThrough, openReviewDatabase, openScreen, sayWhoReviews, startReview } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
});
afterEach(async () => {
  await app.close();
});

describe('a review', () => {
  it('records who reviews, decisions by keyboard and in bulk, and an audit trail whose chain holds until an entry is changed', async () => {
    const { page } = app;
    await sayWhoReviews(page);
    await expect.poll(() => page.getByTestId('reviewer').textContent()).toBe('Reviewing as Ada Lovelace (IT auditor)');
    await startReview(page);

    await importThrough(app, 'Entra ID users', 'entra/users-download.csv');
    await importThrough(app, 'Target application accounts', 'target/app-users.csv');
    const panel = page.getByRole('region', { name: 'Reconciliation run' });
    await panel.getByLabel('As of').fill('2026-11-22');
    await panel.getByRole('button', { name: /Run/ }).click();
    const rows = page.locator('table.side-by-side tbody tr');
    await expect.poll(() => rows.count()).toBe(6);

    // One row by keyboard: the orphan "mallory", revoked.
    const findings = page.getByRole('region', { name: 'Findings', exact: true });
    await findings.getByLabel('Search').fill('mallory');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('grid', { name: /Findings rows/ }).focus();
    await page.keyboard.press('r');
    const form = page.getByRole('dialog', { name: 'Decide on account:1005' });
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => rows.filter({ hasText: 'mallory' }).locator('td.decision').textContent()).toBe('Revoke');

    // A bulk exception needs its justification, approver and expiry.
    await findings.getByLabel('Search').fill('');
    await findings.getByRole('group', { name: 'Decision' }).getByText('undecided').click();
    await expect.poll(() => rows.count()).toBe(5);
    await findings.getByRole('button', { name: 'Decide on all 5 shown rows…' }).click();
    const bulk = page.getByRole('dialog', { name: 'Decide on 5 rows' });
    await bulk.getByLabel('Decision').selectOption('exception');
    await bulk.getByRole('button', { name: 'Record decision' }).click();
    expect(await bulk.getByRole('alert').textContent()).toContain('say why');
    await bulk.getByLabel('Justification').fill('Quarter-end freeze: reviewed again in Q1');
    await bulk.getByLabel('Approved by').fill('Grace Hopper, CISO');
    await bulk.getByLabel('Expires').fill('2099-03-31');
    await bulk.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => rows.count()).toBe(0);
    await findings.getByRole('group', { name: 'Decision' }).getByText('undecided').click();
    await expect.poll(() => rows.locator('td.decision').allTextContents()).toEqual(['Accept as exception', 'Accept as exception', 'Accept as exception', 'Accept as exception', 'Revoke', 'Accept as exception']);

    await openScreen(page, 'Audit trail');
    const trail = page.getByRole('region', { name: 'Audit trail' });
    await expect.poll(() => trail.getByTestId('chain-status').textContent()).toBe('Chain intact: 6 entries, each hashed with the one before.');
    expect(await trail.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['reviewer', 'import', 'import', 'run', 'decision', 'decision']);
    await app.screenshot('review-decisions-and-trail');

    // Someone edits a stored decision entry behind the app's back.
    await page.evaluate(async (review) => {
      const open = indexedDB.open(review);
      const db = await new Promise<IDBDatabase>((resolve) => open.addEventListener('success', () => resolve(open.result)));
      const store = db.transaction('auditTrail', 'readwrite').objectStore('auditTrail');
      const entry = await new Promise<{ details: Record<string, string> }>((resolve) => {
        const request = store.get(5);
        request.addEventListener('success', () => resolve(request.result));
      });
      store.put({ ...entry, details: { ...entry.details, decision: 'keep' } });
      db.close();
    }, await openReviewDatabase(page));
    await page.reload();
    await openScreen(page, 'Audit trail');
    await expect.poll(() => page.getByTestId('chain-status').textContent()).toBe('Chain broken at entry 5: its content was changed after it was recorded.');
    await app.screenshot('review-trail-broken');
  });
});
