import type { TargetProfile } from './profiles/target-profile';
import { ACCOUNT_FIELDS, detectTargetLayout, type AccountField, type ColumnMapping, type TargetLayout } from './target-generic';

/** The header names each account field is read from under a profile and the user's mapping, for the mapping screen. */
export function mappedColumns(header: readonly string[], profile: TargetProfile, mapping: ColumnMapping): Readonly<Partial<Record<AccountField, readonly string[]>>> {
  const layout = detectTargetLayout(header, [], mapping, profile);
  // A header without an email or login still shows what was found, so the user can map the rest.
  const found = layout.ok ? layout.value : undefined;
  const columns: Partial<Record<AccountField, readonly string[]>> = {};
  for (const field of ACCOUNT_FIELDS) {
    const positions = found === undefined ? [] : positionsOf(found, field);
    const names = positions.filter((position) => position >= 0).map((position) => header[position]!);
    if (names.length > 0) columns[field] = names;
  }
  return columns;
}

function positionsOf(layout: TargetLayout, field: AccountField): readonly number[] {
  const value = layout[field];
  return typeof value === 'number' ? [value] : value;
}
