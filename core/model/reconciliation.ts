import type { Account } from './account';
import type { Identity } from './identity';

/** Exactly one per account, and one per assigned identity without an account. */
export type Situation = 'MATCHED' | 'AMBIGUOUS' | 'ORPHAN' | 'MISSING';
export const SITUATIONS: readonly Situation[] = ['MATCHED', 'AMBIGUOUS', 'ORPHAN', 'MISSING'];

/** Which correlation rule linked an account to its identity (reconciliation.md, "Correlation"). */
export type MatchRule = 'object_id' | 'employee_id' | 'email' | 'alias' | 'name' | 'manual';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** One line of the result: an account with the identities it correlates to, or a missing identity. */
export interface ReconciliationRow {
  readonly situation: Situation;
  readonly account: Account | undefined;
  /** The matched identity, every candidate when ambiguous, or the missing identity. */
  readonly identities: readonly Identity[];
  readonly rule: MatchRule | undefined;
  readonly confidence: number | undefined;
  /** Finding codes, alphabetical. */
  readonly findings: readonly string[];
  readonly severity: Severity | undefined;
}

/** Counts of rows per situation, in the order of `SITUATIONS`. */
export function countSituations(rows: readonly ReconciliationRow[]): Record<Situation, number> {
  const counts: Record<Situation, number> = { MATCHED: 0, AMBIGUOUS: 0, ORPHAN: 0, MISSING: 0 };
  for (const row of rows) counts[row.situation] += 1;
  return counts;
}
