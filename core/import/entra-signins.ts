import type { Identity } from '../model/identity';
import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { cell } from './cells';
import { ENTRA_USERS_SIGNATURE, findSignInColumns, hasSignInColumns, lastSignInFromRow, type SignInColumns } from './entra-users';
import { findColumn } from './header';

/** Where the key and sign-in columns sit in a sign-in activity file (Graph `signInActivity`, PowerShell, portal). */
export interface SignInLayout extends SignInColumns {
  readonly userId: number;
  readonly upn: number;
}

/** One user's sign-in activity; lastSignInAt follows the users file's rule and undefined means never. */
export interface SignInRecord {
  readonly userId: string | undefined;
  readonly upn: string | undefined;
  readonly lastSignInAt: number | undefined;
}

// `userId` first: in a sign-in log row `id` is the event's own id, in a /users?$select=signInActivity row it is the user.
const USER_ID_NAMES = ['userId', 'User ID', 'id', 'objectId', 'Object Id'];
const UPN_NAMES = ['userPrincipalName', 'User principal name', 'UPN'];

/** Finds the key and sign-in columns; a user id or UPN and at least one sign-in column are required. */
export function detectSignInLayout(header: readonly string[]): Result<SignInLayout, ImportIssue> {
  const layout: SignInLayout = { userId: findColumn(header, USER_ID_NAMES), upn: findColumn(header, UPN_NAMES), ...findSignInColumns(header) };
  if (layout.userId < 0 && layout.upn < 0) {
    return fail({ code: 'MISSING_COLUMN', line: 1, message: 'this is not a sign-in activity file: the header has no id, userId or userPrincipalName column' });
  }
  if (!hasSignInColumns(layout)) {
    return fail({
      code: 'MISSING_COLUMN',
      line: 1,
      message: 'this is not a sign-in activity file: the header has no lastSignInDateTime, lastNonInteractiveSignInDateTime, lastSuccessfulSignInDateTime or LastSignIn column',
    });
  }
  return ok(layout);
}

/** The sign-in record of one row, or undefined when the row has neither a user id nor a UPN. */
export function signInFromRow(layout: SignInLayout, row: readonly string[]): SignInRecord | undefined {
  const userId = cell(row, layout.userId);
  const upn = cell(row, layout.upn);
  if (userId === undefined && upn === undefined) return undefined;
  return { userId, upn, lastSignInAt: lastSignInFromRow(row, layout) };
}

/** How much a header looks like a sign-in activity file, 0 to 1: keys plus sign-in columns and little else. */
export function scoreEntraSignIns(header: readonly string[]): number {
  const columns = findSignInColumns(header);
  const signIns = [columns.lastSuccessfulSignIn, columns.lastSignIn, columns.lastNonInteractiveSignIn].filter((index) => index >= 0).length;
  const hasKey = findColumn(header, USER_ID_NAMES) >= 0 || findColumn(header, UPN_NAMES) >= 0;
  if (signIns === 0 || !hasKey) return signIns === 0 ? 0 : 0.1;
  // A users export with sign-in columns is a users file: each other user attribute counts against this kind.
  const userAttributes = ENTRA_USERS_SIGNATURE.slice(2).filter((name) => findColumn(header, [name]) >= 0).length;
  return Math.max(0.2, 0.8 + 0.05 * signIns - 0.15 * userAttributes);
}

/**
 * Puts sign-in activity on identities: a record joins by object id first, else by UPN (case-insensitive). A
 * matched identity takes the latest of its records' sign-ins; a record without one leaves the identity as it
 * was. Returns new identities in the same order, and how many records matched no identity.
 */
export function applySignIns(identities: readonly Identity[], signIns: readonly SignInRecord[]): { identities: Identity[]; unmatched: number } {
  const byId = new Map<string, number>();
  const byUpn = new Map<string, number>();
  identities.forEach((identity, index) => {
    byId.set(identity.id.toLowerCase(), index);
    byUpn.set(identity.upn.toLowerCase(), index);
  });
  const found = new Map<number, number | undefined>();
  let unmatched = 0;
  for (const record of signIns) {
    const index =
      (record.userId === undefined ? undefined : byId.get(record.userId.toLowerCase())) ?? (record.upn === undefined ? undefined : byUpn.get(record.upn.toLowerCase()));
    if (index === undefined) {
      unmatched += 1;
      continue;
    }
    const previous = found.get(index);
    const at = record.lastSignInAt;
    found.set(index, previous === undefined ? at : at === undefined ? previous : Math.max(previous, at));
  }
  const updated = identities.map((identity, index) => {
    const at = found.get(index);
    return at === undefined || at === identity.lastSignInAt ? identity : { ...identity, lastSignInAt: at };
  });
  return { identities: updated, unmatched };
}
