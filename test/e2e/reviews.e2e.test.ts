import { basename, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { tempDir } from '../support/temp-files';
import { run } from '../../main/cli/run';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures';
import { openApp, type AppSession } from './harness/app-session';
import { openScreen, startReview, A_REVIEW } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
});
afterEach(async () => {
  await app.close();
});

async function importThrough(cardLabel: string, path: string): Promise<void> {
  app.answerNextDialog(path);
  const card = app.page.getByRole('article', { name: cardLabel });
  await card.getByRole('button', { name: /Choose file|Replace/ }).click();
  await card.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await expect.poll(() => card.getByTestId('source-file').allTextContents()).toContain(basename(path));
}

async function importAndRun(asOf: string, target: string): Promise<void> {
  await importThrough('Entra ID users', fixture('entra/users-download.csv'));
  await importThrough('Target application accounts', fixture(target));
  const panel = app.page.getByRole('region', { name: 'Reconciliation run' });
  expect(await panel.getByLabel('As of').inputValue()).toBe(asOf);
  await panel.getByRole('button', { name: /Run/ }).click();
  await expect.poll(() => app.page.getByTestId('run-as-of').textContent()).toBe(asOf);
}

const allReviews = () => app.page.getByRole('navigation', { name: 'Review' }).getByRole('button', { name: 'All reviews' });
const reviewRows = () => app.page.getByRole('region', { name: 'Reviews' }).locator('tbody tr');

describe('reviews', () => {
  it('creates reviews of one application, compares a review with the previous one, and archives', async () => {
    const { page } = app;
    await app.screenshot('reviews-first-start');
    await startReview(page, { ...A_REVIEW, name: 'Salesforce Q3', period: '2026-Q3', asOf: '2026-09-30' });
    await importAndRun('2026-09-30', 'target/app-users.csv');
    await allReviews().click();
    await startReview(page, { ...A_REVIEW, name: 'Salesforce Q4', period: '2026-Q4', asOf: '2026-11-22' });
    // A new review starts empty: the Q3 sources stay with Q3.
    expect(await page.getByRole('article', { name: 'Entra ID users' }).textContent()).toContain('Nothing imported yet.');
    // A first dump, replaced by the right one: the replaced import stays on record.
    await importThrough('Target application accounts', fixture('target/app-users.csv'));
    // Next quarter: svc-backup is gone (its finding resolved), Grace has not logged in since June (a new one).
    await importAndRun('2026-11-22', 'target/app-users-next-quarter.csv');

    await openScreen(page, 'Sources');
    const history = page.getByRole('region', { name: 'Imports of this review' }).locator('tbody tr');
    // The screen reads its imports from the workspace after it opens: waited for, as a loaded CI machine can be slow.
    await expect.poll(() => history.evaluateAll((rows) => rows.map((row) => [row.children[1]?.textContent, row.children[2]?.textContent]))).toEqual([
      ['app-users-next-quarter.csv', 'current'],
      ['users-download.csv', 'current'],
      ['app-users.csv', 'replaced'],
    ]);
    expect(await history.first().locator('code').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await app.screenshot('reviews-sources');
    await openScreen(page, 'Findings');
    await expect.poll(() => page.getByTestId('previous-comparison').textContent()).toBe('Against Salesforce Q3 (2026-Q3): 1 new, 1 resolved and 3 persisting findings.');
    await app.screenshot('reviews-dashboard');

    // A chart's bar filters the table; pressing it again clears the filter.
    const rows = page.locator('table.side-by-side tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    const orphans = page.getByRole('figure', { name: 'Situations' }).getByRole('button', { name: /orphan/ });
    await orphans.click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await orphans.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('group', { name: 'Situation' }).locator('label.on').textContent()).toBe('orphan');
    await orphans.click();
    await expect.poll(() => rows.count()).toBe(5);

    await allReviews().click();
    await expect.poll(() => reviewRows().locator('td:first-child').allTextContents()).toEqual(['Salesforce Q4', 'Salesforce Q3']);
    await page.getByRole('button', { name: 'Archive Salesforce Q3' }).click();
    await expect.poll(() => reviewRows().locator('td:first-child').allTextContents()).toEqual(['Salesforce Q4']);
    await page.getByLabel('Show 1 archived').check();
    await expect.poll(() => reviewRows().locator('td:nth-child(6)').allTextContents()).toEqual(['open', 'archived']);
    await app.screenshot('reviews-list');

    // Reopening the archived review shows its own run, still there after a restart of the window.
    await page.getByRole('button', { name: 'Salesforce Q3', exact: true }).click();
    await page.reload();
    await expect.poll(() => page.getByTestId('open-review').textContent()).toBe('Salesforce Q3');
    await expect.poll(() => page.getByTestId('run-as-of').textContent()).toBe('2026-09-30');
    await openScreen(page, 'Sources');
    // Polled with a bounded read: a read that waits for the element has no limit of its own and hung a CI run.
    const sourceRows = page.getByRole('article', { name: 'Target application accounts' }).getByTestId('source-rows');
    await expect.poll(() => sourceRows.textContent({ timeout: 1000 }).catch(() => 'not shown yet')).toBe('6');
  });

  it('backs the workspace up to one file and restores it as new reviews', async () => {
    const { page } = app;
    await startReview(page, { ...A_REVIEW, name: 'Salesforce Q4' });
    await importAndRun('2026-11-22', 'target/app-users.csv');
    await allReviews().click();
    const backup = page.getByRole('region', { name: 'Backup' });
    const file = join(await tempDir(), 'workspace.recondesk-backup');
    app.answerNextDialog(file);
    await backup.getByRole('button', { name: 'Back up the workspace…' }).click();
    await expect.poll(() => backup.locator('output').textContent()).toMatch(/^Backed up to workspace\.recondesk-backup: [\d.]+ MB, SHA-256 [0-9a-f]{64}\.$/);
    app.answerNextDialog(file);
    await backup.getByRole('button', { name: 'Restore a backup…' }).click();
    await expect.poll(() => backup.locator('output').textContent()).toMatch(/^Restored 1 review \([\d,]+ records\), listed as "\(restored\)"\.$/);
    await app.screenshot('reviews-backup-restored');
    await page.getByRole('button', { name: 'Salesforce Q4 (restored)', exact: true }).click();
    await expect.poll(() => page.getByTestId('count-ORPHAN').textContent()).toBe('2');
    await openScreen(page, 'Audit trail');
    await expect.poll(() => page.getByTestId('chain-status').textContent()).toBe('Chain intact: 3 entries, each hashed with the one before.');
  });

  it('switches to the dark theme and keeps it; the review screens are tabs a keyboard moves through', async () => {
    const { page } = app;
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).toBe('rgb(246, 247, 249)');
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(background).toBe('rgb(21, 24, 28)');
    await startReview(page);
    await importAndRun('2026-11-22', 'target/app-users.csv');
    await page.reload();
    await expect.poll(background).toBe('rgb(21, 24, 28)');
    await page.getByTestId('run-as-of').waitFor();
    await app.screenshot('reviews-dark-theme');

    await page.getByRole('tab', { name: /^Findings/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Remediation');
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Audit trail/);
    await page.keyboard.press('Home');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Sources/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Sources/);
  });

  it('offers the sample review on first start, imported and run, with the findings the command line gives for it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample review' }).click();
    await expect.poll(() => page.getByTestId('open-review').textContent(), { timeout: 20_000 }).toBe('Sample: Contoso Salesforce access review');
    await expect.poll(() => page.getByTestId('run-as-of').textContent(), { timeout: 20_000 }).toBe('2026-11-22');
    await app.screenshot('reviews-sample');

    const out = await tempDir();
    const quiet = { out: () => undefined, err: () => undefined };
    const demo = join(process.cwd(), 'build/demo');
    expect(await run(['audit', '--entra', join(demo, 'entra-users.json'), '--entra', join(demo, 'assignments.csv'), '--target', join(demo, 'salesforce-users.csv'), '--as-of', '2026-11-22', '--out', out, '--unsigned'], quiet)).toBe(0);
    const [, ...lines] = (await readFile(join(out, 'findings.csv'), 'utf8')).trimEnd().split('\n');
    for (const situation of ['MATCHED', 'AMBIGUOUS', 'ORPHAN', 'MISSING']) {
      expect(await page.getByTestId(`count-${situation}`).textContent()).toBe(String(lines.filter((line) => line.startsWith(`${situation},`)).length));
    }
    expect(await page.getByTestId('table-status').textContent()).toContain(`${lines.length} of ${lines.length} rows`);
  });
});
