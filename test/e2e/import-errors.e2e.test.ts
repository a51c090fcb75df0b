import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures';
import { tempFile } from '../support/temp-files';
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

const targetCard = () => app.page.getByRole('article', { name: 'Target application accounts' });
const acceptDetection = () => targetCard().getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();

describe('a failed or cancelled import', () => {
  it('names the file and line, and leaves the current source in place', async () => {
    app.answerNextDialog(fixture('target/app-users.csv'));
    await targetCard().getByRole('button', { name: 'Choose file…' }).click();
    await acceptDetection();
    await expect.poll(() => targetCard().getByTestId('source-rows').textContent()).toBe('6');

    const rows = Array.from({ length: 9000 }, (_, index) => `${index},u${index}@x.com`);
    app.answerNextDialog(await tempFile('broken.csv', `id,email\n${rows.join('\n')}\n9000,"never closed\n9001,x@x.com\n`));
    await targetCard().getByRole('button', { name: 'Replace…' }).click();
    await acceptDetection();

    const alert = targetCard().getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('broken.csv, line 9002: a quoted field starting on this line is never closed');
    expect(await targetCard().getByTestId('source-file').textContent()).toBe('app-users.csv');
    expect(await targetCard().getByTestId('source-rows').textContent()).toBe('6');
    await app.screenshot('import-error');
  });

  it('shows progress, and a cancel leaves nothing behind', async () => {
    const rows = Array.from({ length: 400_000 }, (_, index) => `${index},user${index}@contoso.com,User ${index}`);
    app.answerNextDialog(await tempFile('large.csv', `id,email,name\n${rows.join('\n')}\n`));
    await targetCard().getByRole('button', { name: 'Choose file…' }).click();
    await acceptDetection();

    const progress = targetCard().getByRole('progressbar', { name: 'Import progress' });
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
    await app.screenshot('import-progress');
    await targetCard().getByRole('button', { name: 'Cancel' }).click();

    await expect.poll(() => targetCard().getByRole('alert').textContent()).toContain('cancelled');
    expect(await targetCard().textContent()).toContain('Nothing imported yet.');
    const stored = await app.page.evaluate(async (review) => {
      const open = indexedDB.open(review);
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const count = (store: string) =>
        new Promise<number>((resolve) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
        });
      return { sources: await count('sources'), rowBlocks: await count('rowBlocks') };
    }, await openReviewDatabase(app.page));
    expect(stored).toEqual({ sources: 0, rowBlocks: 0 });
  });
});
