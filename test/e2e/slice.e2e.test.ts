import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures';
import { openApp, type AppSession } from './harness/app-session';
import { startReview } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
  await startReview(app.page);
});
afterEach(async () => {
  await app.close();
});

/** Picks a file through the source card's button and accepts what detection says, as a user would. */
async function importThrough(cardLabel: string, path: string): Promise<void> {
  app.answerNextDialog(path);
  const card = app.page.getByRole('article', { name: cardLabel });
  await card.getByRole('button', { name: /Choose file|Replace/ }).click();
  await card.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
}

/** Starts a run with the given as-of and waits until it is stored and shown. */
async function runReconciliation(asOf: string): Promise<void> {
  const panel = app.page.getByRole('region', { name: 'Reconciliation run' });
  await panel.getByLabel('As of').fill(asOf);
  await panel.getByRole('button', { name: /Run/ }).click();
  await expect.poll(() => app.page.getByTestId('run-as-of').textContent()).toBe(asOf);
}

describe('the walking-skeleton slice', () => {
  it('imports an Entra users CSV and a target CSV and shows them side by side', async () => {
    const { page } = app;
    await importThrough('Entra ID users', fixture('entra/users-download.csv'));
    await expect.poll(() => page.getByRole('article', { name: 'Entra ID users' }).getByTestId('source-rows').textContent()).toBe('5');
    await importThrough('Target application accounts', fixture('target/app-users.csv'));
    await expect.poll(() => page.getByRole('article', { name: 'Target application accounts' }).getByTestId('source-rows').textContent()).toBe('6');
    await runReconciliation('2026-11-22');

    await expect.poll(() => page.getByTestId('count-MATCHED').textContent()).toBe('4');
    expect(await page.getByTestId('count-ORPHAN').textContent()).toBe('2');
    expect(await page.getByTestId('count-AMBIGUOUS').textContent()).toBe('0');
    expect(await page.getByTestId('count-identities').textContent()).toBe('5');
    expect(await page.getByTestId('count-accounts').textContent()).toBe('6');

    const rows = page.locator('table.side-by-side tbody tr');
    expect(await rows.count()).toBe(6);
    const grace = rows.filter({ hasText: 'ghopper' });
    expect(await grace.getAttribute('data-situation')).toBe('MATCHED');
    expect(await grace.textContent()).toContain('grace.hopper@contoso.com');
    const mallory = rows.filter({ hasText: 'mallory' });
    expect(await mallory.getAttribute('data-situation')).toBe('ORPHAN');
    const alan = rows.filter({ hasText: 'aturing' });
    expect(await alan.textContent()).toContain('TERMINATED_ACTIVE');
    expect(await page.getByTestId('severity-high').textContent()).toBe('2');

    await alan.click();
    const detail = page.getByTestId('row-detail');
    await expect.poll(() => detail.textContent()).toContain('TERMINATED_ACTIVE');
    expect(await detail.getByRole('row', { name: /Login \/ UPN/ }).textContent()).toContain('aturing');
    await app.screenshot('slice-side-by-side');
  });

  it('keeps the sources and the run across a reload of the window', async () => {
    const { page } = app;
    await importThrough('Entra ID users', fixture('entra/users-download.csv'));
    await importThrough('Target application accounts', fixture('target/app-users.csv'));
    await expect.poll(() => page.getByRole('article', { name: 'Target application accounts' }).getByTestId('source-rows').textContent()).toBe('6');
    await runReconciliation('2026-11-22');
    await page.reload();
    await expect.poll(() => page.getByTestId('count-ORPHAN').textContent()).toBe('2');
  });

  it('filters, searches, sorts and opens rows in the findings table by mouse and keyboard', async () => {
    const { page } = app;
    await importThrough('Entra ID users', fixture('entra/users-download.csv'));
    await importThrough('Target application accounts', fixture('target/app-users.csv'));
    await expect.poll(() => page.getByRole('article', { name: 'Target application accounts' }).getByTestId('source-rows').textContent()).toBe('6');
    await runReconciliation('2026-11-22');
    const rows = page.locator('table.side-by-side tbody tr');
    const logins = async () => rows.evaluateAll((elements) => elements.map((element) => element.children[3]?.textContent));
    await expect.poll(() => rows.count()).toBe(6);

    const findings = page.getByRole('region', { name: 'Findings', exact: true });
    await findings.getByRole('group', { name: 'Situation' }).getByText('orphan').click();
    await expect.poll(logins).toEqual(['mallory', 'svc-backup']);
    expect(await page.getByTestId('table-status').textContent()).toBe('2 of 6 rows');
    await findings.getByRole('group', { name: 'Situation' }).getByText('orphan').click();

    await findings.getByLabel('Search').fill('HOPPER');
    await expect.poll(logins).toEqual(['ghopper']);
    await findings.getByLabel('Search').fill('');
    await findings.getByRole('group', { name: 'Severity' }).getByText('high').click();
    await expect.poll(logins).toEqual(['aturing', 'mallory']);
    await findings.getByRole('group', { name: 'Severity' }).getByText('high').click();

    await page.locator('.side-by-side-head button', { hasText: 'Login' }).click();
    await expect.poll(logins).toEqual(['ada', 'aturing', 'ghopper', 'jane.f', 'mallory', 'svc-backup']);
    await page.locator('.side-by-side-head button', { hasText: 'Login' }).click();
    await expect.poll(async () => (await logins())[0]).toBe('svc-backup');

    const grid = page.getByRole('grid', { name: /Findings rows/ });
    await grid.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('row-detail').locator('h3').textContent()).toContain('aturing');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('row-detail').count()).toBe(0);
    await app.screenshot('findings-table-sorted');
  });
});
