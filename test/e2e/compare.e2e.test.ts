import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './harness/app-session';
import { importAndRun, startReview } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
  await startReview(app.page);
});
afterEach(async () => {
  await app.close();
});

async function openRow(text: string) {
  const { page } = app;
  await page.getByRole('region', { name: 'Findings', exact: true }).getByLabel('Search').fill(text);
  await expect.poll(() => page.locator('table.side-by-side tbody tr').count()).toBe(1);
  await page.getByRole('grid', { name: /Findings rows/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('row-detail').waitFor();
  return page.getByRole('region', { name: 'Provisioning events' });
}

describe('the side-by-side compare view', () => {
  it('shows the identity\'s provisioning events as a timeline, each error code explained', async () => {
    const { page } = app;
    await importAndRun(app, [
      ['Entra ID users', 'scenario/entra-users.json'],
      ['Entra ID app assignments', 'scenario/assignments.csv'],
      ['Entra ID provisioning logs', 'scenario/provisioning.json'],
      ['Target application accounts', 'scenario/aws-credential-report.csv'],
    ]);

    // Gina: a failure, then a success that clears it (no PROVISIONING_ERROR).
    let timeline = await openRow('gina');
    await expect.poll(() => timeline.locator('li').count()).toBe(2);
    const gina = await timeline.locator('li').allTextContents();
    expect(gina[0]).toMatch(/^2026-11-01 06:00 UTC .* failure/);
    expect(gina[0]).toContain('InsufficientRights');
    expect(gina[0]).toContain('The provisioning credentials lack rights in the target: fix the connector account.');
    expect(gina[1]).toMatch(/^2026-11-05 06:00 UTC .* success/);
    await app.screenshot('compare-provisioning-timeline');

    // Frank has no account: his MISSING row shows the failed create and what to do.
    timeline = await openRow('frank');
    await expect.poll(() => timeline.locator('li').count()).toBe(1);
    expect(await timeline.locator('li').textContent()).toContain('AmazonWebServicesEntryConflict');
    expect(await page.getByTestId('row-detail').textContent()).toContain('PROVISIONING_ERROR');
  });
});
