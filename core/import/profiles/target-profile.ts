import type { Account } from '../../model/account';
import type { DateOrder } from '../values';

/** The account fields a column can be mapped to. */
export const ACCOUNT_FIELDS = [
  'accountId',
  'login',
  'email',
  'displayName',
  'givenName',
  'familyName',
  'employeeId',
  'objectId',
  'enabled',
  'lastLogin',
  'created',
  'roles',
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

/** Reads one cell of the current row by header name (loosely matched); undefined when absent or empty. */
export type CellByName = (column: string) => string | undefined;

/** A column of a signature: one name, or the names the same column goes by (field name, report label). */
export type SignatureColumn = string | readonly string[];

/** One header layout of a format (an export, a report, an API dump): the columns a full file has. */
export type Signature = readonly SignatureColumn[];

/**
 * A target application's dump format: how to recognise its header and where each account field sits.
 * Profiles are data plus, where the format has conventions of its own (the AWS root row, status words),
 * one small `refine` step; everything else is the generic mapping.
 */
export interface TargetProfile {
  /** Stable id used on the command line (`--target-profile aws-iam`) and stored with the import. */
  readonly id: string;
  readonly label: string;
  /** The header layouts of the format; detection scores the best-fitting one. Empty for the generic reading. */
  readonly signatures: readonly Signature[];
  /**
   * Candidate column names per account field, every present one in order (one-column fields take the first).
   * When none is present the generic names are tried; an empty list means the format has no such column.
   */
  readonly columns: Readonly<Partial<Record<AccountField, readonly string[]>>>;
  /** Every column whose name starts with this is a last-login column (Atlassian's `Last seen in <product>`). */
  readonly lastLoginPrefix?: string;
  /** Columns always kept as raw attributes, because a reviewer needs them (the AWS `arn`). */
  readonly keepColumns?: readonly string[];
  /** The order of ambiguous numeric dates in this format, when the format fixes it. */
  readonly dateOrder?: DateOrder;
  /** True for a header that resembles the format but is not an export of it (Google's upload template): it scores 0. */
  readonly rejects?: (has: (column: string) => boolean) => boolean;
  /** The format's own conventions applied to a mapped account; returns undefined to skip a row that is not an account. */
  readonly refine?: (account: Account, cell: CellByName) => Account | undefined;
}
