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

describe('settings', () => {
  it('previews the effect of a change (stale days, a scoping filter) before applying it, then records it and runs', async () => {
    const { page } = app;
    await sayWhoReviews(page);
    await startReview(page);
    await importAndRun(app);

    await openScreen(page, 'Settings');
    const form = page.getByRole('form', { name: 'Engine settings' });
    const apply = form.getByRole('button', { name: 'Apply and run' });
    expect(await apply.isDisabled()).toBe(true);
    await form.getByLabel('Stale after (days)').fill('thirty');
    expect(await page.getByRole('region', { name: 'Settings' }).getByRole('alert').textContent()).toBe('stale after: a positive whole number of days');
    await form.getByLabel('Stale after (days)').fill('30');
    await form.getByRole('button', { name: 'Add a filter' }).click();
    await form.getByLabel('Attribute (filter 1, clause 1)').fill('department');
    await form.getByLabel('Operator (filter 1, clause 1)').selectOption('EQUALS');
    await form.getByLabel('Value (filter 1, clause 1)').fill('R&D');
    await form.getByRole('button', { name: 'Preview the effect' }).click();

    // Checked against the command line: --stale-days 30 raises STALE_ACCOUNT for jane.f (last login 82 days
    // before); --scope department EQUALS R&D puts ghopper (Navy) and jane.f (no department) out of scope.
    await expect.poll(() => page.getByTestId('settings-effect').textContent()).toBe('3 findings would be raised, 0 would no longer be, 4 stay.');
    const effect = page.getByRole('region', { name: 'Effect of the settings' });
    expect(await effect.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)))).toEqual([
      ['OUT_OF_SCOPE', '0', '2'],
      ['STALE_ACCOUNT', '1', '2'],
    ]);
    await app.screenshot('settings-preview');

    // Changing the draft again makes the preview stale: apply needs a fresh one.
    await form.getByLabel('Stale after (days)').fill('31');
    expect(await apply.isDisabled()).toBe(true);
    await form.getByLabel('Stale after (days)').fill('30');
    await apply.click();
    await openScreen(page, 'Findings');
    await expect.poll(() => page.getByTestId('finding-OUT_OF_SCOPE').textContent()).toBe('2');
    // R&D: Ada, Alan and Katherine of the five identities.
    expect(await page.getByTestId('count-in-scope').textContent()).toBe('3');
    expect(await page.getByText('stale after 30 days').count()).toBe(1);

    await openScreen(page, 'Audit trail');
    const trail = page.getByRole('region', { name: 'Audit trail' });
    await expect.poll(() => trail.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['reviewer', 'import', 'import', 'run', 'settings', 'run']);
    expect(await trail.locator('tbody tr').nth(4).textContent()).toContain('changed: scope, staleDays');
  });
});
