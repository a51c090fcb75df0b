/** A user in Microsoft Entra ID: the authoritative side of a reconciliation. Instants are epoch ms, UTC. */
export interface Identity {
  /** Entra object id (`id`, formerly `objectId`). */
  readonly id: string;
  readonly upn: string;
  readonly mail: string | undefined;
  /** proxyAddresses (without the `smtp:` prefix) and otherMails. */
  readonly otherAddresses: readonly string[];
  readonly employeeId: string | undefined;
  readonly displayName: string | undefined;
  readonly givenName: string | undefined;
  readonly surname: string | undefined;
  readonly accountEnabled: boolean | undefined;
  /** `Member` or `Guest`. */
  readonly userType: string | undefined;
  readonly department: string | undefined;
  readonly jobTitle: string | undefined;
  readonly createdAt: number | undefined;
  /**
   * Last sign-in as the design defines it: lastSuccessfulSignInDateTime when the export has it, else the
   * latest of the interactive and non-interactive sign-ins; undefined means never (or unknown).
   */
  readonly lastSignInAt: number | undefined;
  readonly employeeLeaveAt: number | undefined;
  /** True when the identity came from a deleted-users export. */
  readonly deleted: boolean;
  readonly deletedAt: number | undefined;
  /** Every attribute of the export as text, by its column or property name, for scoping filters and drift. */
  readonly attributes: Readonly<Record<string, string>>;
}
