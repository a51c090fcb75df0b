import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './harness/app-session';
import { importThrough, openScreen, sayWhoReviews, startReview } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
});
afterEach(async () => {
  await app.close();
});

describe('the remediation checklist', () => {
  it('turns a revoke into items worked through to verified, marks an overdue item, and records each change in the trail', async () => {
    const { page } = app;
    // Overdue is judged against today: a fixed today keeps the test's answer the same whatever day it runs.
    await page.clock.setFixedTime(new Date('2026-11-23T10:00:00.000Z'));
    await sayWhoReviews(page);
    await startReview(page);
    await importThrough(app, 'Entra ID users', 'scenario/entra-users.json');
    await importThrough(app, 'Target application accounts', 'scenario/aws-credential-report.csv');
    const panel = page.getByRole('region', { name: 'Reconciliation run' });
    await panel.getByLabel('As of').fill('2026-11-22');
    await panel.getByRole('button', { name: /Run/ }).click();
    const rows = page.locator('table.side-by-side tbody tr');
    await expect.poll(() => rows.count()).toBe(10);

    // The human orphan old.contractor, revoked by keyboard in the findings table.
    const findings = page.getByRole('region', { name: 'Findings', exact: true });
    await findings.getByLabel('Search').fill('old.contractor');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('grid', { name: /Findings rows/ }).focus();
    await page.keyboard.press('r');
    await page.getByRole('dialog', { name: /Decide on account:old.contractor/ }).getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => rows.locator('td.decision').textContent()).toBe('Revoke');

    await openScreen(page, 'Remediation');
    const checklist = page.getByRole('region', { name: 'Remediation checklist' });
    const removal = checklist.locator('tr[data-key="account:old.contractor@contoso.com|remove-account"]');
    await expect.poll(() => removal.textContent()).toContain('decided: revoke');
    expect(await removal.textContent()).toContain('ORPHAN');
    const who = 'old.contractor@contoso.com: Remove the account';
    const status = checklist.getByLabel(`Status, ${who}`);
    await status.selectOption('in-progress');
    await expect.poll(() => removal.getAttribute('data-status')).toBe('in-progress');
    await status.selectOption('done');
    await expect.poll(() => removal.getAttribute('data-status')).toBe('done');
    // Verified is offered only once the item is done.
    expect(await status.locator('option').allTextContents()).toEqual(['Open', 'Done', 'Verified']);
    await checklist.getByLabel(`Ticket, ${who}`).fill('CHG-1234');
    await checklist.getByLabel(`Ticket, ${who}`).press('Enter');
    await status.selectOption('verified');
    await expect.poll(() => removal.getAttribute('data-status')).toBe('verified');
    expect(await checklist.getByLabel(`Ticket, ${who}`).inputValue()).toBe('CHG-1234');

    // Bob's account, due in a week, moved to a date already past: marked overdue in words, not colour alone.
    const bob = checklist.locator('tr[data-key="account:bob.smith@contoso.com|disable-account"]');
    expect(await bob.textContent()).not.toContain('overdue');
    const bobDue = checklist.getByLabel('Due, bob.smith@contoso.com: Disable the account');
    expect(await bobDue.inputValue()).toBe('2026-11-29');
    await bobDue.fill('2026-11-01');
    await bobDue.press('Enter');
    await expect.poll(() => bob.locator('.overdue-tag').textContent()).toBe('overdue');
    expect(await bob.getAttribute('class')).toContain('overdue');
    // 11 items (scenario README): bob 1, the two carols 2 each, erin 1, the root 2, deploy-bot 1, old.contractor 2.
    expect(await checklist.getByTestId('checklist-overall').textContent()).toBe('1 of 11 done (9%) · 1 overdue');
    await checklist.getByLabel('Overdue only').check();
    await expect.poll(() => checklist.locator('tr.checklist-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')))).toContain('account:bob.smith@contoso.com|disable-account');
    expect(await checklist.locator('tr.checklist-item:not(.overdue)').count()).toBe(0);
    await checklist.getByLabel('Overdue only').uncheck();

    // Groups fold by keyboard; the progress of each is in words next to its bar.
    const guests = checklist.getByRole('region', { name: 'Review the guest access · Application owner' });
    expect(await guests.getByText(/done \(/).textContent()).toBe('0 of 1 done (0%)');
    const fold = guests.getByRole('button', { name: /Review the guest access/ });
    await fold.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => fold.getAttribute('aria-expanded')).toBe('false');
    expect(await guests.locator('tr.checklist-item').count()).toBe(0);
    await page.keyboard.press('Space');
    await expect.poll(() => guests.locator('tr.checklist-item').count()).toBe(1);

    await openScreen(page, 'Audit trail');
    const trail = page.getByRole('region', { name: 'Audit trail' });
    await expect.poll(() => trail.getByTestId('chain-status').textContent()).toBe('Chain intact: 10 entries, each hashed with the one before.');
    // The page's clock is fixed (the run's time comes from its worker, which keeps the real one).
    expect((await trail.locator('tbody tr td:nth-child(2)').allTextContents()).slice(4)).toEqual(Array.from({ length: 6 }, () => '2026-11-23 10:00:00'));
    expect(await trail.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['reviewer', 'import', 'import', 'run', 'decision', 'checklist', 'checklist', 'checklist', 'checklist', 'checklist']);
    expect(await trail.locator('tbody tr td:nth-child(5)').allTextContents()).toEqual(
      expect.arrayContaining([
        'item: account:old.contractor@contoso.com|remove-account · status: open → in-progress',
        'item: account:old.contractor@contoso.com|remove-account · ticket: (empty) → CHG-1234',
        'item: account:old.contractor@contoso.com|remove-account · status: done → verified',
        'item: account:bob.smith@contoso.com|disable-account · dueDate: 2026-11-29 → 2026-11-01',
      ]),
    );
    await app.screenshot('checklist-verified-and-overdue');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('checklist-dark');
  });
});
