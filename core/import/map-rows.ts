import type { Account } from '../model/account';
import type { Assignment } from '../model/assignment';
import type { Identity } from '../model/identity';
import type { ImportIssue, ImportWarning } from '../model/import-issue';
import type { ProvisioningEvent } from '../model/provisioning-event';
import { ok, type Result } from '../model/result';
import { assignmentFromRow, detectAssignmentsLayout, isDeletedAssignment } from './entra-assignments';
import { detectProvisioningLayout, provisioningEventFromRow } from './entra-provisioning';
import { detectSignInLayout, signInFromRow, type SignInRecord } from './entra-signins';
import { detectEntraUsersLayout, hasSignInColumns, identityFromRow, inspectEntraUsersHeader } from './entra-users';
import { accountFromRow, detectTargetLayout } from './target-generic';

/** Rows as main's reader delivers them and the workspace stores them: a batch with each row's line. */
export interface RowBatch {
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/** Identities of one users export, whether it carries sign-in activity, and what was skipped. */
export interface MappedIdentities {
  readonly identities: Identity[];
  readonly hasSignInData: boolean;
  /** Rows skipped (with their line) and columns that carry no data, such as PowerShell type names. */
  readonly warnings: ImportWarning[];
}

/** Sign-in records of one sign-in activity file, and what was skipped. */
export interface MappedSignIns {
  readonly signIns: SignInRecord[];
  readonly warnings: ImportWarning[];
}

/** Assignments of one assignments export, and what was skipped. */
export interface MappedAssignments {
  readonly assignments: Assignment[];
  readonly warnings: ImportWarning[];
}

/** Events of one provisioning log (main file), and what was skipped. */
export interface MappedProvisioningEvents {
  readonly events: ProvisioningEvent[];
  readonly warnings: ImportWarning[];
}

// A million broken rows must not become a million warnings: the first ones show the pattern, a count the rest.
const MAX_ROW_WARNINGS = 100;
const INSPECTED_ROWS = 20;

/** Collects row warnings up to a cap, then counts the rest into one closing warning. */
class RowWarnings {
  readonly list: ImportWarning[] = [];
  #over = 0;

  add(line: number, message: string): void {
    if (this.list.length < MAX_ROW_WARNINGS) this.list.push({ line, message });
    else this.#over += 1;
  }

  finish(): ImportWarning[] {
    if (this.#over > 0) this.list.push({ message: `${this.#over} more rows were skipped for the same kinds of reasons` });
    return this.list;
  }
}

/** Runs `map` over every row with its line, collecting the items it returns; undefined rows are warned about with `why`. */
function mapBatches<T>(batches: Iterable<RowBatch>, warnings: RowWarnings, map: (row: readonly string[], line: number) => T | string): T[] {
  const items: T[] = [];
  for (const batch of batches) {
    batch.rows.forEach((row, index) => {
      const line = batch.lines[index] ?? 0;
      const item = map(row, line);
      if (typeof item === 'string') warnings.add(line, item);
      else items.push(item);
    });
  }
  return items;
}

/** The identities of an Entra users export, from its header and row batches; unreadable rows become warnings. */
export function mapIdentities(header: readonly string[], batches: Iterable<RowBatch>, keepColumns: readonly string[] = []): Result<MappedIdentities, ImportIssue> {
  const layout = detectEntraUsersLayout(header, keepColumns);
  if (!layout.ok) return layout;
  const warnings = new RowWarnings();
  let inspected: ImportWarning[] | undefined;
  const identities = mapBatches(inspectFirst(batches, (rows) => (inspected = inspectEntraUsersHeader(header, rows))), warnings, (row) =>
    identityFromRow(layout.value, header, row) ?? 'the row has no object id or userPrincipalName: skipped',
  );
  return ok({ identities, hasSignInData: hasSignInColumns(layout.value), warnings: [...(inspected ?? []), ...warnings.finish()] });
}

/** Hands the first rows to `inspect` once, as the batches go by. */
function* inspectFirst(batches: Iterable<RowBatch>, inspect: (rows: readonly (readonly string[])[]) => void): Iterable<RowBatch> {
  let done = false;
  for (const batch of batches) {
    if (!done && batch.rows.length > 0) {
      inspect(batch.rows.slice(0, INSPECTED_ROWS));
      done = true;
    }
    yield batch;
  }
}

/** The sign-in records of a sign-in activity file; rows without a user id or UPN become warnings. */
export function mapSignIns(header: readonly string[], batches: Iterable<RowBatch>): Result<MappedSignIns, ImportIssue> {
  const layout = detectSignInLayout(header);
  if (!layout.ok) return layout;
  const warnings = new RowWarnings();
  const signIns = mapBatches(batches, warnings, (row) => signInFromRow(layout.value, row) ?? 'the row has no user id or userPrincipalName: skipped');
  return ok({ signIns, warnings: warnings.finish() });
}

/** The assignments of an Entra assignments export; deleted assignments are counted, other unreadable rows warned about. */
export function mapAssignments(header: readonly string[], batches: Iterable<RowBatch>): Result<MappedAssignments, ImportIssue> {
  const detected = detectAssignmentsLayout(header);
  if (!detected.ok) return detected;
  const layout = detected.value;
  const warnings = new RowWarnings();
  let deleted = 0;
  const assignments = mapBatches(batches, warnings, (row): Assignment | string | undefined => {
    if (isDeletedAssignment(layout, row)) {
      deleted += 1;
      return undefined;
    }
    return assignmentFromRow(layout, row) ?? 'the row names no principal, or its principal is not a user, group or service principal: skipped';
  }).filter((assignment): assignment is Assignment => assignment !== undefined);
  const closing: ImportWarning[] = deleted === 0 ? [] : [{ message: `${deleted} deleted assignments (deletedDateTime set) were left out` }];
  return ok({ assignments, warnings: [...warnings.finish(), ...closing] });
}

/** The events of an Entra provisioning log; rows without a readable activity time become warnings. */
export function mapProvisioningEvents(header: readonly string[], batches: Iterable<RowBatch>): Result<MappedProvisioningEvents, ImportIssue> {
  const detected = detectProvisioningLayout(header);
  if (!detected.ok) return detected;
  const layout = detected.value;
  const warnings = new RowWarnings();
  const events = mapBatches(batches, warnings, (row, line) => provisioningEventFromRow(layout, row, line) ?? 'the row has no readable activity date: skipped');
  const closing: ImportWarning[] =
    layout.sourceId < 0 && layout.sourceIdentityJson < 0
      ? [{ message: 'the log has no source identity id column: its events cannot be joined to identities' }]
      : [];
  return ok({ events, warnings: [...warnings.finish(), ...closing] });
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
