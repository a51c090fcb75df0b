import type { Account } from '../../model/account';
import type { AccountField } from '../target-generic';
import type { DateOrder } from '../values';

/** Reads one cell of the current row by header name (loosely matched); undefined when absent or empty. */
export type CellByName = (column: string) => string | undefined;

/**
 * A target application's dump format: how to recognise its header and where each account field sits.
 * Profiles are data plus, where the format has conventions of its own (the AWS root row, "Never logged in"),
 * one small `refine` step; everything else is the generic mapping.
 */
export interface TargetProfile {
  /** Stable id used on the command line (`--target-profile aws-iam`) and stored with the import. */
  readonly id: string;
  readonly label: string;
  /** Column names (loosely matched) that together identify the format; detection confidence grows with the share present. */
  readonly signature: readonly string[];
  /** Candidate column names per account field, the first present wins; fields left out fall back to the generic names. */
  readonly columns: Readonly<Partial<Record<AccountField, readonly string[]>>>;
  /** Every column whose name starts with this is a last-login column (Atlassian's `Last seen in <product>`). */
  readonly lastLoginPrefix?: string;
  /** The order of ambiguous numeric dates in this format, when the format fixes it. */
  readonly dateOrder?: DateOrder;
  /** The format's own conventions applied to a mapped account; returns undefined to skip a row that is not an account. */
  readonly refine?: (account: Account, cell: CellByName) => Account | undefined;
}
