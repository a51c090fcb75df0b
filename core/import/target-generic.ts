import type { Account } from '../model/account';
import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { presentValue } from '../normalise/absent';
import { findColumn } from './header';

/** Where each field sits in a target application's CSV dump that has at least an email column. */
export interface TargetLayout {
  readonly accountId: number;
  readonly login: number;
  readonly email: number;
  readonly displayName: number;
}

const EMAIL_COLUMNS = ['email', 'e-mail', 'email address', 'mail', 'primary email', 'user email', 'emails.value'];

/** Finds the account columns of a generic target CSV; an email column is required. */
export function detectTargetLayout(header: readonly string[]): Result<TargetLayout, ImportIssue> {
  const layout: TargetLayout = {
    accountId: findColumn(header, ['id', 'user id', 'account id', 'sys_id', 'record id']),
    login: findColumn(header, ['username', 'user name', 'login', 'user_name', 'userName']),
    email: findColumn(header, EMAIL_COLUMNS),
    displayName: findColumn(header, ['display name', 'name', 'full name']),
  };
  if (layout.email < 0) {
    return fail({
      code: 'MISSING_COLUMN',
      line: 1,
      message: `no email column found in the header (looked for: ${EMAIL_COLUMNS.join(', ')})`,
    });
  }
  return ok(layout);
}

const cell = (row: readonly string[], index: number): string | undefined =>
  index < 0 ? undefined : presentValue(row[index]);

/**
 * The account of one data row. The record id is the key when the dump has one; otherwise the login, then
 * the email, so the key never depends on the order of rows in the file.
 */
export function accountFromRow(layout: TargetLayout, row: readonly string[], line: number): Account | undefined {
  const email = cell(row, layout.email);
  const login = cell(row, layout.login);
  const accountId = cell(row, layout.accountId) ?? login ?? email;
  if (accountId === undefined) return undefined;
  return { accountId, login, email, displayName: cell(row, layout.displayName), line };
}
