import type { TargetProfile } from './profiles/target-profile';
import { detectTargetLayout, type ColumnMapping } from './target-generic';
import { readDateOrder, type DateOrder, type DateOrderEvidence } from './values';

/** The day/month order a target's dates are read with, and why: what the import dialog and the CLI show. */
export interface TargetDateOrder extends DateOrderEvidence {
  /** Where the order comes from; `assumed` means month first, the US default, because nothing decided it. */
  readonly source: 'chosen' | 'sample' | 'profile' | 'assumed' | 'no-numeric-dates';
  /** The order rows will be read with; undefined reads each numeric date as it reads best, month first when both can. */
  readonly used: DateOrder | undefined;
}

/**
 * Decides how a target's numeric dates (03/04/2024) are read, from the first rows of the file: the same rows
 * in the app (the import preview) and the command line, so both read a file the same way. A user's choice
 * wins; then an order the rows prove; then the profile's convention; else month first, and the user is asked.
 */
export function targetDateOrder(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  profile: TargetProfile,
  mapping: ColumnMapping,
  chosen: DateOrder | undefined,
): TargetDateOrder {
  const layout = detectTargetLayout(header, [], mapping, profile);
  const columns = layout.ok ? [...layout.value.lastLogin, layout.value.created].filter((index) => index >= 0) : [];
  const evidence = readDateOrder(rows.flatMap((row) => columns.map((index) => row[index] ?? '')));
  if (chosen !== undefined) return { ...evidence, source: 'chosen', used: chosen };
  if (evidence.order !== undefined) return { ...evidence, source: 'sample', used: evidence.order };
  if (evidence.example === undefined) return { ...evidence, source: 'no-numeric-dates', used: profile.dateOrder };
  if (evidence.contradictory) return { ...evidence, source: 'assumed', used: profile.dateOrder };
  if (profile.dateOrder !== undefined) return { ...evidence, source: 'profile', used: profile.dateOrder };
  return { ...evidence, source: 'assumed', used: 'MDY' };
}

const ORDER_WORDS: Readonly<Record<DateOrder, string>> = { MDY: 'month first (US)', DMY: 'day first' };

/** One line for the user: how dates will be read and why. */
export function describeTargetDateOrder(reading: TargetDateOrder): string {
  switch (reading.source) {
    case 'chosen':
      return `dates read ${ORDER_WORDS[reading.used!]}, as chosen`;
    case 'sample':
      return `dates read ${ORDER_WORDS[reading.used!]}: ${reading.proof} in the first rows can only be read that way`;
    case 'profile':
      return `dates read ${ORDER_WORDS[reading.used!]}, the format's convention (${reading.example} alone does not tell)`;
    case 'no-numeric-dates':
      return 'no day/month dates in the first rows';
    case 'assumed':
      return reading.contradictory
        ? 'the first rows mix day-first and month-first dates: choose the order the export uses'
        : `the first rows do not tell day-first from month-first (${reading.example}): month first (US) is assumed; choose if the export is European`;
  }
}
