import { Dexie, type Table } from 'dexie';
import type { Reviewer } from '@core/review/audit-trail';
import { orderReviews, periodOf, previousReview, type Review, type ReviewDraft } from '@core/review/review';
import { Workspace, type SavedMapping } from './workspace';

/** The database every review lived in before there were reviews; adopted as a review so nothing is lost. */
export const LEGACY_DATABASE = 'recondesk-workspace';

export type Theme = 'system' | 'light' | 'dark';

interface Preference {
  readonly key: 'reviewer' | 'openReview' | 'theme';
  readonly value: unknown;
}

/**
 * The workspace's catalogue: its reviews, who is reviewing, and what carries from one review to the next
 * (column mappings per application). Each review keeps its own data in a database of its own, so a review is
 * opened, archived, backed up or compared whole, and one review's failure can never touch another's.
 */
export class Catalogue extends Dexie {
  reviews!: Table<Review, string>;
  preferences!: Table<Preference, string>;
  mappings!: Table<SavedMapping, string>;
  readonly #prefix: string;

  constructor(name = 'recondesk-catalogue') {
    super(name);
    this.#prefix = name;
    this.version(1).stores({ reviews: 'id, application, status', preferences: 'key', mappings: 'application' });
  }

  async listReviews(): Promise<Review[]> {
    return orderReviews(await this.reviews.toArray());
  }

  async createReview(draft: ReviewDraft, now: Date, id: string = crypto.randomUUID()): Promise<Review> {
    const review: Review = {
      id,
      name: draft.name.trim(),
      period: draft.period.trim(),
      application: draft.application.trim(),
      owner: draft.owner.trim(),
      asOf: draft.asOf,
      status: 'open',
      createdAt: now.toISOString(),
      database: this.databaseFor(id),
    };
    await this.reviews.add(review);
    return review;
  }

  /**
   * Correlation fixes persist into later reviews of the same application, and accepted exceptions go on until they
   * expire (then they come back for a decision): the previous review's are copied into the new one, with one audit
   * entry saying how many and from where. Returns how many of each were carried.
   */
  async carryForward(review: Review, who: Reviewer | undefined, at: string): Promise<{ links: number; exceptions: number }> {
    const previous = previousReview(await this.reviews.toArray(), review);
    if (!previous) return { links: 0, exceptions: 0 };
    const before = this.workspaceOf(previous);
    const after = this.workspaceOf(review);
    try {
      const links = await before.links.toArray();
      const exceptions = await before.decisions.where({ kind: 'exception' }).toArray();
      if (links.length + exceptions.length > 0) {
        await after.carryForward(links, exceptions, `${previous.name} (${previous.period})`, who ?? { name: 'not recorded', role: 'not recorded' }, at);
      }
      return { links: links.length, exceptions: exceptions.length };
    } finally {
      before.close();
      after.close();
    }
  }

  /** The database a review of this id keeps its data in. */
  databaseFor(id: string): string {
    return `${this.#prefix}-review-${id}`;
  }

  async setArchived(id: string, archived: boolean): Promise<void> {
    await this.reviews.update(id, { status: archived ? 'archived' : 'open' });
  }

  /** The review's own database. */
  workspaceOf(review: Review): Workspace {
    return new Workspace(review.database);
  }

  async reviewer(): Promise<Reviewer | undefined> {
    return (await this.preferences.get('reviewer'))?.value as Reviewer | undefined;
  }

  async setReviewer(reviewer: Reviewer): Promise<void> {
    await this.preferences.put({ key: 'reviewer', value: reviewer });
  }

  async theme(): Promise<Theme> {
    return ((await this.preferences.get('theme'))?.value as Theme | undefined) ?? 'system';
  }

  async setTheme(theme: Theme): Promise<void> {
    await this.preferences.put({ key: 'theme', value: theme });
  }

  /** The review the window showed last, to reopen it after a restart. */
  async openReviewId(): Promise<string | undefined> {
    return (await this.preferences.get('openReview'))?.value as string | undefined;
  }

  async setOpenReview(id: string | undefined): Promise<void> {
    await (id === undefined ? this.preferences.delete('openReview') : this.preferences.put({ key: 'openReview', value: id }));
  }

  /**
   * A workspace from before reviews existed becomes a review, named after what it holds, so its sources,
   * runs, decisions and audit trail stay reachable. Runs once: afterwards the catalogue knows the database.
   */
  async adoptLegacy(now: Date): Promise<Review | undefined> {
    if ((await this.reviews.where({ id: 'legacy' }).count()) > 0 || !(await Dexie.exists(LEGACY_DATABASE))) return undefined;
    const legacy = new Workspace(LEGACY_DATABASE);
    try {
      const target = await legacy.currentSource('target');
      const run = await legacy.latestRun();
      if (!target && !run) return undefined;
      for (const mapping of await legacy.mappings.toArray()) if (!(await this.mappings.get(mapping.application))) await this.mappings.put(mapping);
      const asOf = (run?.asOf ?? now.toISOString()).slice(0, 10);
      const review: Review = {
        id: 'legacy',
        name: 'Review from before reviews existed',
        period: periodOf(asOf),
        application: target?.application ?? target?.fileName ?? 'unknown application',
        owner: 'not recorded',
        asOf,
        status: 'open',
        createdAt: (target?.importedAt ?? now.toISOString()),
        database: LEGACY_DATABASE,
      };
      await this.reviews.add(review);
      return review;
    } finally {
      legacy.close();
    }
  }
}
