import type { ReconciliationRow } from '../model/reconciliation';
import type { Reviewer } from './audit-trail';

export const DECISION_KINDS = ['keep', 'revoke', 'fix', 'exception'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export type DecisionStatus = DecisionKind | 'undecided';
export const DECISION_STATUSES: readonly DecisionStatus[] = ['undecided', ...DECISION_KINDS];

export const DECISION_LABELS: Readonly<Record<DecisionKind, string>> = {
  keep: 'Keep',
  revoke: 'Revoke',
  fix: 'Fix',
  exception: 'Accept as exception',
};

/** A reviewer's decision on a row and the findings it had when decided. */
export interface Decision {
  readonly rowKey: string;
  readonly kind: DecisionKind;
  readonly justification: string;
  /** Exceptions only: who approved it and until when (YYYY-MM-DD). */
  readonly approver?: string;
  readonly expires?: string;
  /** The finding codes (or the situation, when none) the decision answers. */
  readonly answers: readonly string[];
  readonly by: Reviewer;
  readonly at: string;
}

export type DecisionDraft = Pick<Decision, 'kind' | 'justification' | 'approver' | 'expires'>;

/** A row's identity across runs: the account it is about, or the identity a MISSING row reports. */
export function rowKey(row: ReconciliationRow): string {
  return row.account ? `account:${row.account.accountId}` : `identity:${row.identities[0]?.id ?? ''}`;
}

/** What is wrong with a draft, in words for the form; undefined when it can be recorded. */
export function decisionProblem(draft: DecisionDraft, today: string): string | undefined {
  const justification = draft.justification.trim();
  if ((draft.kind === 'keep' || draft.kind === 'exception') && justification.length < 10) return 'say why, in at least 10 characters: an auditor will read it';
  if (draft.kind !== 'exception') return undefined;
  if (!draft.approver?.trim()) return 'an exception needs the name of whoever approved it';
  if (!draft.expires || !/^\d{4}-\d{2}-\d{2}$/.test(draft.expires)) return 'an exception needs an expiry date';
  if (draft.expires <= today) return 'the expiry date must be after today';
  return undefined;
}

/** An exception whose expiry has passed by `asOf` no longer covers its finding: it comes back for a decision. */
export function isExpired(decision: Decision, asOf: string): boolean {
  return decision.kind === 'exception' && decision.expires !== undefined && decision.expires <= asOf.slice(0, 10);
}
