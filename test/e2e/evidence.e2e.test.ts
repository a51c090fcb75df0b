import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-files';
import { openApp, type AppSession } from './harness/app-session';
import { importAndRun, sayWhoReviews, startReview } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
});
afterEach(async () => {
  await app.close();
});

describe('evidence pack from the app', () => {
  it('exports a signed pack of a review with a correlation fix, verifies it on the Verify screen, and names a tampered file', async () => {
    const { page } = app;
    await sayWhoReviews(page);

    // A signing identity; this machine has no secret store, so its key is kept with a passphrase.
    const signing = page.getByRole('form', { name: 'New signing identity' });
    await signing.getByLabel('Name').fill('Ada Lovelace');
    await signing.getByLabel('Email').fill('ada@contoso.com');
    await signing.getByLabel('Organisation').fill('Contoso');
    await signing.getByLabel('Passphrase').fill('correct horse battery');
    await signing.getByRole('button', { name: 'Create a signing identity' }).click();
    const fingerprint = (await page.locator('.signing-list code').first().textContent())!;
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    await startReview(page);
    await importAndRun(app);
    await expect.poll(() => page.getByTestId('count-ORPHAN').textContent()).toBe('2');

    // A correlation fix: the pack must carry it, or re-performance would not give these findings.
    const search = page.getByRole('region', { name: 'Findings', exact: true }).getByLabel('Search');
    await search.fill('mallory');
    await expect.poll(() => page.locator('table.side-by-side tbody tr').count()).toBe(1);
    await page.getByRole('grid', { name: /Findings rows/ }).focus();
    await page.keyboard.press('Enter');
    const caseView = page.getByRole('region', { name: 'Correlation case' });
    await caseView.getByLabel('Other identities').fill('katherine');
    await caseView.getByRole('article', { name: 'Candidate 1: katherine.johnson@contoso.com' }).getByRole('button', { name: 'Link to this identity…' }).click();
    await caseView.getByLabel('Justification').fill('Katherine uses the alias mallory for red-team tests (ticket SEC-42)');
    await caseView.getByRole('button', { name: 'Link to katherine.johnson@contoso.com' }).click();
    await expect.poll(() => page.getByTestId('count-ORPHAN').textContent()).toBe('1');

    // Export, signed.
    await page.getByRole('tablist', { name: 'Review screens' }).getByRole('tab', { name: /^Evidence/ }).click();
    const screen = page.getByRole('region', { name: 'Evidence pack' });
    await expect.poll(() => screen.getByLabel('Sign with').locator('option:checked').textContent()).toContain('Ada Lovelace');
    const button = screen.getByRole('button', { name: 'Export evidence pack…' });
    expect(await button.isDisabled()).toBe(true);
    await screen.getByLabel('Passphrase of the key').fill('correct horse battery');
    const folder = join(await tempDir(), 'Evidence Salesforce 2026-Q4');
    app.answerNextDialog(folder);
    await button.click();
    await screen.getByTestId('export-result').waitFor({ timeout: 30_000 });
    expect(await screen.getByTestId('export-fingerprint').textContent()).toBe(fingerprint);
    await app.screenshot('evidence-exported');

    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ review: { name: 'Salesforce access review', reviewer: { name: 'Ada Lovelace', role: 'IT auditor' } }, signer: { fingerprint } });
    expect(manifest.links).toEqual([expect.objectContaining({ action: 'link', justification: expect.stringContaining('SEC-42') })]);

    // Verify the zip on the Verify screen: signature, hashes, and the findings re-performed with the fix.
    await page.getByRole('navigation', { name: 'Review' }).getByRole('button', { name: 'All reviews' }).click();
    const verify = page.getByRole('region', { name: 'Verify an evidence pack' });
    app.answerNextDialog(`${folder}.zip`);
    await verify.getByRole('button', { name: 'Verify a pack .zip…' }).click();
    await expect.poll(() => verify.getByTestId('verify-verdict').textContent(), { timeout: 30_000 }).toMatch(/^Evidence Salesforce 2026-Q4\.zip holds: run [0-9a-f]{16}/);
    expect(await verify.locator('.verify-checks li').allTextContents()).toEqual([
      expect.stringMatching(/^ok manifest\.json\.p7s: signed by .*Ada Lovelace/),
      expect.stringMatching(/^ok SHA256SUMS/),
      expect.stringMatching(/^ok files/),
      expect.stringMatching(/^ok re-performance: findings\.csv re-performed from inputs\/ byte for byte/),
    ]);
    await app.screenshot('evidence-verified');

    // One changed byte in the folder's findings.csv: the Verify screen names the file.
    const findings = join(folder, 'findings.csv');
    const text = await readFile(findings, 'utf8');
    await writeFile(findings, text.replace('ORPHAN', 'ORPHAM'));
    app.answerNextDialog(folder);
    await verify.getByRole('button', { name: 'Verify a pack folder…' }).click();
    await expect.poll(() => verify.getByTestId('verify-verdict').textContent(), { timeout: 30_000 }).toMatch(/does NOT hold: findings\.csv: changed/);
    await app.screenshot('evidence-tampered');

    // The export is on the review's trail.
    await page.getByRole('region', { name: 'Reviews' }).getByRole('button', { name: 'Salesforce access review', exact: true }).click();
    await page.getByRole('tablist', { name: 'Review screens' }).getByRole('tab', { name: /^Audit trail/ }).click();
    await expect.poll(() => page.getByTestId('chain-status').textContent()).toMatch(/intact/i);
    expect(await page.locator('table').last().textContent()).toContain('export');
  });
});
