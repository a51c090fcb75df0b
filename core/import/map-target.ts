import type { Account } from '../model/account';
import type { ImportIssue } from '../model/import-issue';
import { ok, type Result } from '../model/result';
import type { RowBatch } from './map-rows';
import type { TargetProfile } from './profiles/target-profile';
import { accountFromRow, detectTargetLayout, type ColumnMapping } from './target-generic';
import type { DateOrder } from './values';

export interface TargetReading {
  readonly profile: TargetProfile;
  readonly mapping: ColumnMapping;
  /** Columns kept as raw attributes (drift mappings). */
  readonly keepColumns: readonly string[];
  /** Day/month order of numeric dates, as recorded with the source; the profile's when undefined. */
  readonly dateOrder?: DateOrder;
}

/** The accounts of a target dump read with a profile and the user's mapping, from its header and row batches. */
export function mapTargetAccounts(header: readonly string[], batches: Iterable<RowBatch>, reading: TargetReading): Result<Account[], ImportIssue> {
  const layout = detectTargetLayout(header, reading.keepColumns, reading.mapping, reading.profile, reading.dateOrder);
  if (!layout.ok) return layout;
  const accounts: Account[] = [];
  for (const batch of batches) {
    batch.rows.forEach((row, index) => {
      const account = accountFromRow(layout.value, header, row, batch.lines[index] ?? 0);
      if (account) accounts.push(account);
    });
  }
  return ok(accounts);
}
