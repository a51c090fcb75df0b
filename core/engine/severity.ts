import type { Finding, Situation, Severity } from '../model/reconciliation';
import { SEVERITIES } from '../model/reconciliation';

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);
const higher = (a: Severity | undefined, b: Severity | undefined): Severity | undefined =>
  a === undefined ? b : b === undefined ? a : rank(a) >= rank(b) ? a : b;

/** One step up: low → medium → high → critical. */
export const raise = (severity: Severity): Severity => SEVERITIES[Math.min(rank(severity) + 1, SEVERITIES.length - 1)]!;

/**
 * A row's severity: the highest of its findings and of its situation (an active human orphan is high, an
 * ambiguous account medium, a missing identity low), raised one step when the account is privileged.
 */
export function rowSeverity(situation: Situation, findings: readonly Finding[], isActiveHumanOrphan: boolean): Severity | undefined {
  let severity: Severity | undefined;
  if (situation === 'ORPHAN' && isActiveHumanOrphan) severity = 'high';
  if (situation === 'AMBIGUOUS') severity = 'medium';
  if (situation === 'MISSING') severity = 'low';
  for (const finding of findings) severity = higher(severity, finding.severity);
  const isPrivileged = findings.some((finding) => finding.code === 'PRIVILEGED');
  if (isPrivileged) severity = severity === undefined ? 'medium' : raise(severity);
  return severity;
}
