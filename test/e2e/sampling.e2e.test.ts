import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../main/cli/output';
import { run } from '../../main/cli/run';
import { fixture } from '../support/fixtures';
import { tempDir } from '../support/temp-files';
import { openApp, type AppSession } from './harness/app-session';
import { importAndRun, openScreen, sayWhoReviews, startReview } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
});
afterEach(async () => {
  await app.close();
});

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

describe('sampling', () => {
  it('draws a seeded sample, records it, and the command line draws the same rows from findings.csv', async () => {
    const { page } = app;
    await sayWhoReviews(page);
    await startReview(page);
    await importAndRun(app);

    await openScreen(page, 'Sampling');
    const form = page.getByRole('form', { name: 'Draw a sample' });
    await form.getByLabel('Population').selectOption('accounts');
    await form.getByLabel('Size').fill('3');
    await form.getByRole('button', { name: 'Draw the sample' }).click();
    expect(await page.getByRole('region', { name: 'Sampling' }).getByRole('alert').textContent()).toContain('give a seed');
    await form.getByLabel('Seed').fill('2026-Q4 testing');
    await form.getByRole('button', { name: 'Draw the sample' }).click();
    await expect.poll(() => page.getByTestId('sample-summary').textContent()).toBe('Drew 3 of 6 (accounts) with seed “2026-Q4 testing”.');
    const drawn = await page.locator('table.sample-rows tbody tr td:first-child').allTextContents();
    expect(drawn).toHaveLength(3);
    expect(await page.getByTestId('earlier-samples').textContent()).toContain('3 of 6 accounts, seed “2026-Q4 testing”');
    await app.screenshot('sampling');

    // Anyone with the pack's findings.csv, the size and the seed draws the same accounts.
    const out = await tempDir();
    const audit = capture();
    expect(await run(['audit', '--entra', fixture('entra/users-download.csv'), '--target', fixture('target/app-users.csv'), '--as-of', '2026-11-22', '--out', out, '--unsigned'], audit)).toBe(0);
    const redraw = capture();
    expect(await run(['sample', '--findings', join(out, 'findings.csv'), '--population', 'accounts', '--size', '3', '--seed', '2026-Q4 testing'], redraw)).toBe(0);
    const [header, ...lines] = redraw.stdout.join('\n').split('\n');
    const accountColumn = header!.split(',').indexOf('account_id');
    expect(lines.map((line) => line.split(',')[accountColumn])).toEqual(drawn);

    await openScreen(page, 'Audit trail');
    const trail = page.getByRole('region', { name: 'Audit trail' });
    await expect.poll(() => trail.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['reviewer', 'import', 'import', 'run', 'sample']);
    expect(await trail.locator('tbody tr').last().textContent()).toContain('seed: 2026-Q4 testing');
  });
});
