import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures';
import { openApp, type AppSession } from './harness/app-session';
import { openReviewDatabase, startReview } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
  await startReview(app.page);
});
afterEach(async () => {
  await app.close();
});

const card = (name: string) => app.page.getByRole('article', { name });

describe('the import dialog', () => {
  it('shows what detection found, lets the user change the mapping, and records it with the source', async () => {
    const target = card('Target application accounts');
    app.answerNextDialog(fixture('scenario/aws-credential-report.csv'));
    await target.getByRole('button', { name: 'Choose file…' }).click();
    const dialog = target.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('detected-kind').textContent()).toContain('AWS IAM credential report');
    expect(await dialog.getByTestId('detected-format').textContent()).toBe('CSV · UTF-8 · comma-separated');
    expect(await dialog.getByLabel('Format').inputValue()).toBe('aws-iam');
    const mapping = dialog.getByRole('table', { name: 'Column mapping' });
    expect(await mapping.locator('tr[data-field="lastLogin"] option').first().textContent()).toContain(
      'password_last_used + access_key_1_last_used_date + access_key_2_last_used_date',
    );
    await dialog.getByLabel('Employee id').selectOption('arn');
    await dialog.getByLabel('Application').fill('AWS production');
    await app.screenshot('import-dialog-aws');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await expect.poll(() => target.getByTestId('source-rows').textContent()).toBe('10');
    expect(await target.textContent()).toContain('AWS production');
    // The mapping is saved for the application once the import has committed, a moment after the rows show.
    await expect.poll(() => app.page.evaluate(async () => {
      const open = indexedDB.open('recondesk-catalogue');
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      return new Promise<number>((resolve) => {
        const request = db.transaction('mappings').objectStore('mappings').count();
        request.onsuccess = () => resolve(request.result);
      });
    })).toBe(1);
    const saved = await app.page.evaluate(async (review) => {
      // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page: it cannot see the test module
      const read = async (database: string, store: string) => {
        const open = indexedDB.open(database);
        const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
        return new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
      };
      return { mappings: await read('recondesk-catalogue', 'mappings'), sources: (await read(review, 'sources')) as { profileId?: string; mapping?: unknown; extractedAt?: string }[] };
    }, await openReviewDatabase(app.page));
    expect(saved.mappings).toMatchObject([{ application: 'AWS production', profileId: 'aws-iam', mapping: { employeeId: 'arn' } }]);
    expect(saved.sources[0]).toMatchObject({ profileId: 'aws-iam', mapping: { employeeId: 'arn' } });
    expect(saved.sources[0]?.extractedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('asks the day/month order when the first rows do not tell, and records the answer with the source', async () => {
    const target = card('Target application accounts');
    app.answerNextDialog(fixture('target/dates-undecided.csv'));
    await target.getByRole('button', { name: 'Choose file…' }).click();
    const dialog = target.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('date-order').textContent()).toContain('do not tell day-first from month-first (03/04/2026): month first (US) is assumed');
    await dialog.getByLabel('Dates').selectOption('DMY');
    expect(await dialog.getByTestId('date-order').textContent()).toBe('dates read day first, as chosen');
    await app.screenshot('import-dialog-date-order');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => target.getByTestId('source-rows').textContent()).toBe('2');
    const orders = await app.page.evaluate(async (review) => {
      const open = indexedDB.open(review);
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const sources = await new Promise<{ dateOrder?: string }[]>((resolve) => {
        const request = db.transaction('sources').objectStore('sources').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      return sources.map((source) => source.dateOrder);
    }, await openReviewDatabase(app.page));
    expect(orders).toEqual(['DMY']);
  });

  it('shows the order the first rows prove, and imports with it unasked', async () => {
    const target = card('Target application accounts');
    app.answerNextDialog(fixture('target/dates-day-first.csv'));
    await target.getByRole('button', { name: 'Choose file…' }).click();
    const dialog = target.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('date-order').textContent()).toBe('dates read day first: 25/03/2026 17:40 in the first rows can only be read that way');
    expect(await dialog.getByLabel('Dates').inputValue()).toBe('');
  });

  it('reads an Excel "Unicode text" save (UTF-16 with tabs) without asking', async () => {
    const target = card('Target application accounts');
    app.answerNextDialog(fixture('bad/utf-16le-tabs.csv'));
    await target.getByRole('button', { name: 'Choose file…' }).click();
    const dialog = target.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('detected-format').textContent()).toBe('CSV · UTF-16 LE with BOM · tab-separated');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => target.getByTestId('source-rows').textContent()).toBe('1');
  });

  it('says when a file looks like another kind of source, and imports it as that on request', async () => {
    const target = card('Target application accounts');
    app.answerNextDialog(fixture('scenario/entra-users.json'));
    await target.getByRole('button', { name: 'Choose file…' }).click();
    const dialog = target.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Import it as Entra ID users' }).click();
    expect(await dialog.getByLabel('Import as').inputValue()).toBe('entra-users');
    await app.screenshot('import-dialog-other-kind');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => card('Entra ID users').getByTestId('source-rows').textContent()).toBe('7');
  });
});
