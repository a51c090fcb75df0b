import type { Page } from 'playwright-core';
import { fixture } from '../../support/fixtures';
import type { AppSession } from './app-session';

export interface ReviewFacts {
  readonly name: string;
  readonly application: string;
  readonly period: string;
  readonly owner: string;
  readonly asOf: string;
}

export const A_REVIEW: ReviewFacts = { name: 'Salesforce access review', application: 'Salesforce', period: '2026-Q4', owner: 'Dana Owner', asOf: '2026-11-22' };

/** Creates a review from the Reviews screen, as a user does on first start, and waits for it to open. */
export async function startReview(page: Page, facts: ReviewFacts = A_REVIEW): Promise<void> {
  const reviews = page.getByRole('region', { name: 'Reviews' });
  const form = page.getByRole('form', { name: 'New review' });
  const newButton = reviews.getByRole('button', { name: 'New review…' });
  // On first start the form is open already; afterwards the list shows and the button opens it.
  await form.or(newButton).first().waitFor();
  if (await newButton.isVisible()) await newButton.click();
  await form.getByLabel('Name').fill(facts.name);
  await form.getByLabel('Application').fill(facts.application);
  await form.getByLabel('Period').fill(facts.period);
  await form.getByLabel('Owner').fill(facts.owner);
  await form.getByLabel('As of').fill(facts.asOf);
  await form.getByRole('button', { name: 'Create review' }).click();
  await page.getByTestId('open-review').filter({ hasText: facts.name }).waitFor();
  // The screens show once the review's own database is open.
  await page.getByRole('tablist', { name: 'Review screens' }).waitFor();
}

/** Opens one of the open review's screens by its tab. */
export async function openScreen(page: Page, name: 'Sources' | 'Findings' | 'Remediation' | 'Sampling' | 'Settings' | 'Evidence' | 'Audit trail'): Promise<void> {
  await page.getByRole('tablist', { name: 'Review screens' }).getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** The IndexedDB database of the review open in the window, to read what the app stored. */
export async function openReviewDatabase(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const request = indexedDB.open('recondesk-catalogue');
    const db = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
    const read = <T,>(store: string, key: string) =>
      new Promise<T>((resolve) => {
        const get = db.transaction(store).objectStore(store).get(key);
        get.onsuccess = () => resolve(get.result as T);
      });
    const open = await read<{ value: string }>('preferences', 'openReview');
    const review = await read<{ database: string }>('reviews', open.value);
    db.close();
    return review.database;
  });
}

/** Says who is reviewing in the prompt every workspace asks once. */
export async function sayWhoReviews(page: Page, who: { readonly name: string; readonly role: string } = { name: 'Ada Lovelace', role: 'IT auditor' }): Promise<void> {
  const prompt = page.getByRole('form', { name: 'Who is reviewing' });
  await prompt.getByLabel('Name').fill(who.name);
  await prompt.getByLabel('Role').fill(who.role);
  await prompt.getByRole('button', { name: 'Save' }).click();
}

/** Picks a fixture through a source card's button, accepts what detection says, and waits until it is stored. */
export async function importThrough(app: AppSession, cardLabel: string, path: string): Promise<void> {
  app.answerNextDialog(fixture(path));
  const card = app.page.getByRole('article', { name: cardLabel });
  await card.getByRole('button', { name: /Choose file|Replace/ }).click();
  await card.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await card.getByTestId('source-rows').waitFor();
}

export const USERS_AND_APP: readonly (readonly [string, string])[] = [
  ['Entra ID users', 'entra/users-download.csv'],
  ['Target application accounts', 'target/app-users.csv'],
];

/** Imports the given fixtures (by default the users download and the app's users) and runs the reconciliation. */
export async function importAndRun(app: AppSession, files: readonly (readonly [string, string])[] = USERS_AND_APP): Promise<void> {
  for (const [cardLabel, path] of files) await importThrough(app, cardLabel, path);
  await app.page.getByRole('region', { name: 'Reconciliation run' }).getByRole('button', { name: /Run/ }).click();
  await app.page.getByTestId('run-as-of').waitFor();
}
