import type { Account } from '../model/account';
import type { Identity } from '../model/identity';
import type { ImportIssue } from '../model/import-issue';
import { ok, type Result } from '../model/result';
import { detectEntraUsersLayout, hasSignInColumns, identityFromRow } from './entra-users';
import { accountFromRow, detectTargetLayout } from './target-generic';

/** Rows as main's reader delivers them and the workspace stores them: a batch with each row's line. */
export interface RowBatch {
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

export interface MappedIdentities {
  readonly identities: Identity[];
  readonly hasSignInData: boolean;
}

/** The identities of an Entra users CSV, from its header and row batches. */
export function mapIdentities(header: readonly string[], batches: Iterable<RowBatch>, keepColumns: readonly string[] = []): Result<MappedIdentities, ImportIssue> {
  const layout = detectEntraUsersLayout(header, keepColumns);
  if (!layout.ok) return layout;
  const identities: Identity[] = [];
  for (const batch of batches) {
    for (const row of batch.rows) {
      const identity = identityFromRow(layout.value, header, row);
      if (identity) identities.push(identity);
    }
  }
  return ok({ identities, hasSignInData: hasSignInColumns(layout.value) });
}

/** The accounts of a target CSV, from its header and row batches. */
export function mapAccounts(header: readonly string[], batches: Iterable<RowBatch>, keepColumns: readonly string[] = []): Result<Account[], ImportIssue> {
  const layout = detectTargetLayout(header, keepColumns);
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
