import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './harness/app-session';
import { importAndRun, openScreen, sayWhoReviews, startReview } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
});
afterEach(async () => {
  await app.close();
});

describe('a whole review', () => {
  it('imports, runs, fixes a correlation, decides, completes the checklist, and ends with the audit trail intact', async () => {
    const { page } = app;
    await sayWhoReviews(page);
    await startReview(page);

    // Import and run.
    await importAndRun(app);
    await expect.poll(() => page.getByTestId('count-ORPHAN').textContent()).toBe('2');
    await app.screenshot('whole-review-1-run');

    const rows = page.locator('table.side-by-side tbody tr');
    const search = page.getByRole('region', { name: 'Findings', exact: true }).getByLabel('Search');
    const select = async (login: string) => {
      await search.fill(login);
      await expect.poll(() => rows.count()).toBe(1);
      await page.getByRole('grid', { name: /Findings rows/ }).focus();
    };

    // Fix a correlation: mallory is Katherine's alias.
    await select('mallory');
    await page.keyboard.press('Enter');
    const caseView = page.getByRole('region', { name: 'Correlation case' });
    await caseView.getByLabel('Other identities').fill('katherine');
    await caseView.getByRole('article', { name: 'Candidate 1: katherine.johnson@contoso.com' }).getByRole('button', { name: 'Link to this identity…' }).click();
    await caseView.getByLabel('Justification').fill('Katherine uses the alias mallory for red-team tests (ticket SEC-42)');
    await caseView.getByRole('button', { name: 'Link to katherine.johnson@contoso.com' }).click();
    await expect.poll(() => page.getByTestId('count-ORPHAN').textContent()).toBe('1');
    await app.screenshot('whole-review-2-correlation-fixed');

    // Decide: the backup service account is revoked.
    await select('svc-backup');
    await page.keyboard.press('r');
    const decision = page.getByRole('dialog', { name: /^Decide on account:1006/ });
    await decision.getByLabel('Justification').fill('The old backup job was retired in October');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => rows.locator('td.decision').textContent()).toBe('Revoke');

    // Complete its checklist items, each with a ticket.
    await openScreen(page, 'Remediation');
    const checklist = page.getByRole('region', { name: 'Remediation checklist' });
    const items = checklist.locator('tr[data-key^="account:1006|"]');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    for (let index = 0; index < (await items.count()); index += 1) {
      const item = items.nth(index);
      const status = item.getByRole('combobox', { name: /^Status, / });
      for (const next of ['in-progress', 'done']) {
        await status.selectOption(next);
        await expect.poll(() => item.getAttribute('data-status')).toBe(next);
      }
      const ticket = item.getByRole('textbox', { name: /^Ticket, / });
      await ticket.fill(`CHG-${100 + index}`);
      await ticket.press('Enter');
      await status.selectOption('verified');
      await expect.poll(() => item.getAttribute('data-status')).toBe('verified');
    }
    const completed = await items.count();
    await app.screenshot('whole-review-3-checklist');

    // The trail: every step, chained, intact.
    await openScreen(page, 'Audit trail');
    const trail = page.getByRole('region', { name: 'Audit trail' });
    const expected = ['reviewer', 'import', 'import', 'run', 'correlation', 'run', 'decision', ...Array.from({ length: completed }, () => ['checklist', 'checklist', 'checklist', 'checklist']).flat()];
    await expect.poll(() => trail.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(expected);
    expect(await trail.getByTestId('chain-status').textContent()).toBe(`Chain intact: ${expected.length} entries, each hashed with the one before.`);
    await app.screenshot('whole-review-4-trail');
  });
});
