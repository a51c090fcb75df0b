import type { Account } from '../model/account';
import type { Identity } from '../model/identity';
import type { ImportIssue } from '../model/import-issue';
import { ok, type Result } from '../model/result';
import { detectEntraUsersLayout, identityFromRow } from './entra-users';
import { accountFromRow, detectTargetLayout } from './target-generic';

/** Rows as main's reader delivers them and the workspace stores them: a batch with each row's line. */
export interface RowBatch {
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/** The identities of an Entra users CSV, from its header and row batches. */
export function mapIdentities(header: readonly string[], batches: Iterable<RowBatch>): Result<Identity[], ImportIssue> {
  const layout = detectEntraUsersLayout(header);
  if (!layout.ok) return layout;
  const identities: Identity[] = [];
  for (const batch of batches) {
    for (const row of batch.rows) {
      const identity = identityFromRow(layout.value, row);
      if (identity) identities.push(identity);
    }
  }
  return ok(identities);
}

/** The accounts of a target CSV, from its header and row batches. */
export function mapAccounts(header: readonly string[], batches: Iterable<RowBatch>): Result<Account[], ImportIssue> {
  const layout = detectTargetLayout(header);
  if (!layout.ok) return layout;
  const accounts: Account[] = [];
  for (const batch of batches) {
    batch.rows.forEach((row, index) => {
      const account = accountFromRow(layout.value, row, batch.lines[index] ?? 0);
      if (account) accounts.push(account);
    });
  }
  return ok(accounts);
}
