import type { RowList } from '../model/reconciliation';
import { rowKey } from './decisions';

/** One access review: an application's accounts, reviewed for a period as of a date. */
export interface Review {
  readonly id: string;
  readonly name: string;
  /** The review period as auditors name it, e.g. 2026-Q4. */
  readonly period: string;
  readonly application: string;
  /** Who answers for the review (the application or control owner). */
  readonly owner: string;
  /** YYYY-MM-DD: the day the review looks at; the run's as-of defaults to it. */
  readonly asOf: string;
  readonly status: 'open' | 'archived';
  readonly createdAt: string;
  /** The IndexedDB database holding the review's sources, runs, decisions and audit trail. */
  readonly database: string;
}

export type ReviewDraft = Pick<Review, 'name' | 'period' | 'application' | 'owner' | 'asOf'>;

/** The quarter a date falls in, as a period name: 2026-11-22 → 2026-Q4. */
export function periodOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** What is wrong with a draft, in words for the form; undefined when it can be created. */
export function reviewProblem(draft: ReviewDraft): string | undefined {
  if (!draft.name.trim()) return 'name the review, e.g. "Salesforce access review"';
  if (!draft.application.trim()) return 'name the application under review';
  if (!draft.period.trim()) return 'name the period, e.g. 2026-Q4';
  if (!draft.owner.trim()) return 'name the review\'s owner';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.asOf) || Number.isNaN(Date.parse(`${draft.asOf}T00:00:00Z`))) return 'the as-of date must be a date (YYYY-MM-DD)';
  return undefined;
}

/** Open reviews first, then newest first; ties by name so the list never shuffles. */
export function orderReviews(reviews: readonly Review[]): Review[] {
  return reviews.toSorted((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1) || b.asOf.localeCompare(a.asOf) || b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name));
}

/**
 * The review a review is compared with: the latest earlier one of the same application (by as-of, then creation).
 * Application names compare without case or surrounding spaces, as users type them.
 */
export function previousReview(reviews: readonly Review[], review: Review): Review | undefined {
  const application = review.application.trim().toLowerCase();
  return reviews
    .filter((other) => other.id !== review.id && other.application.trim().toLowerCase() === application)
    .filter((other) => other.asOf < review.asOf || (other.asOf === review.asOf && other.createdAt < review.createdAt))
    .toSorted((a, b) => b.asOf.localeCompare(a.asOf) || b.createdAt.localeCompare(a.createdAt))[0];
}

/** The findings of a run by row: `rowKey → finding codes`, the shape two reviews are compared in. */
export function findingsByRow(rows: RowList): Map<string, readonly string[]> {
  const byRow = new Map<string, readonly string[]>();
  for (const row of rows) if (row.findings.length > 0) byRow.set(rowKey(row), row.findings.map((finding) => finding.code));
  return byRow;
}

export interface FindingComparison {
  /** Raised now, not in the previous review. */
  readonly new: number;
  /** Raised in the previous review, not now. */
  readonly resolved: number;
  /** Raised in both. */
  readonly persisting: number;
}

/** Findings compared with the previous review's, one finding being a (row, code) pair. */
export function compareFindings(previous: ReadonlyMap<string, readonly string[]>, current: ReadonlyMap<string, readonly string[]>): FindingComparison {
  let persisting = 0;
  let currentTotal = 0;
  let previousTotal = 0;
  for (const codes of previous.values()) previousTotal += codes.length;
  for (const [key, codes] of current) {
    currentTotal += codes.length;
    const before = previous.get(key);
    if (before) persisting += codes.filter((code) => before.includes(code)).length;
  }
  return { new: currentTotal - persisting, resolved: previousTotal - persisting, persisting };
}
