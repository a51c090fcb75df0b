import type { Account } from './account';
import type { Identity } from './identity';

/** Exactly one per account, and one per assigned identity without an account. */
export type Situation = 'MATCHED' | 'AMBIGUOUS' | 'ORPHAN' | 'MISSING';
export const SITUATIONS: readonly Situation[] = ['MATCHED', 'AMBIGUOUS', 'ORPHAN', 'MISSING'];

/** Which correlation rule linked an account to its identity (reconciliation.md, "Correlation"). */
export type MatchRule = 'object_id' | 'employee_id' | 'email' | 'alias' | 'name' | 'manual';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
/** Lowest first. */
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** Finding codes, alphabetical (the order they are joined in findings.csv). */
export const FINDING_CODES = [
  'ATTRIBUTE_DRIFT',
  'DORMANT_IDENTITY',
  'DUPLICATE_ACCOUNT',
  'GUEST_ACCESS',
  'OUT_OF_SCOPE',
  'PRIVILEGED',
  'PROVISIONING_ERROR',
  'SERVICE_ACCOUNT',
  'STALE_ACCOUNT',
  'TERMINATED_ACTIVE',
  'UNASSIGNED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** How an account was linked to its identity, and why. */
export interface Correlation {
  readonly rule: MatchRule;
  readonly confidence: number;
  /** A name-rule match: a proposal that a reviewer must confirm. */
  readonly proposal: boolean;
  /**
   * What matched what, in words. For a key rule it names the two fields (`account email matches identity mail`)
   * and `keyField` says which account field gave the key; the key itself is not kept with every row (a million
   * of them were 85 MB): `correlationExplainer` makes it again to show the value compared.
   */
  readonly reason: string;
  /** A key rule's match: the account field whose key (normalised value) equalled the identity's. */
  readonly keyField?: AccountKeyField;
}

/** The account fields the key rules (1 to 4) take keys from, as the explanations name them. */
export type AccountKeyField = 'object id column' | 'employee id' | 'email' | 'login';

/** A correlation in words, with the value a key rule compared: what the UI and the evidence show. */
export type CorrelationExplainer = (correlation: Correlation, account: Account | undefined) => string;

/** One finding on a row, explaining itself: the condition met, the values compared and the threshold. */
export interface Finding {
  readonly code: FindingCode;
  /** Undefined for PRIVILEGED, which raises the row's severity instead of having its own. */
  readonly severity: Severity | undefined;
  readonly reason: string;
  /** The compared values and thresholds by name, machine-readable. */
  readonly values: Readonly<Record<string, string>>;
}

export type RemediationAction =
  | 'disable-account'
  | 'remove-account'
  | 'remove-role'
  | 'assign-in-entra-or-remove-access'
  | 'review-scope-or-remove-access'
  | 'link-correlation'
  | 'confirm-correlation'
  | 'correct-attribute'
  | 'fix-provisioning-error'
  | 'assign-owner'
  | 'review-guest-access'
  | 'review-identity-activity'
  | 'provision-or-remove-assignment';

/** A proposed action for one finding or situation, with who should do it and by when. */
export interface Remediation {
  readonly action: RemediationAction;
  /** The finding code or situation it answers. */
  readonly cause: FindingCode | Situation;
  readonly severity: Severity;
  readonly owner: string;
  /** YYYY-MM-DD. */
  readonly dueDate: string;
  readonly guidance: string;
}

/** One line of the result: an account with the identities it correlates to, or a missing identity. */
export interface ReconciliationRow {
  readonly situation: Situation;
  readonly account: Account | undefined;
  /** The matched identity, every candidate when ambiguous, or the missing identity. */
  readonly identities: readonly Identity[];
  readonly correlation: Correlation | undefined;
  /** Alphabetical by code. */
  readonly findings: readonly Finding[];
  readonly severity: Severity | undefined;
  readonly remediations: readonly Remediation[];
}

/**
 * A run's rows, read in order or by position: an array of them, or the engine's table (`RowTable`), which makes
 * each row again when it is read. Readers iterate or index; nothing may count on getting the same object twice.
 */
export interface RowList extends Iterable<ReconciliationRow> {
  readonly length: number;
  at(index: number): ReconciliationRow | undefined;
}

/** Counts of rows per situation, in the order of `SITUATIONS`. */
export function countSituations(rows: RowList): Record<Situation, number> {
  const counts: Record<Situation, number> = { MATCHED: 0, AMBIGUOUS: 0, ORPHAN: 0, MISSING: 0 };
  for (const row of rows) counts[row.situation] += 1;
  return counts;
}
