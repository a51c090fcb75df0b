/** A person or object in Microsoft Entra ID: the authoritative side of a reconciliation. */
export interface Identity {
  /** Entra object id (`id`, formerly `objectId`). */
  readonly id: string;
  readonly upn: string;
  readonly mail: string | undefined;
  readonly displayName: string | undefined;
  readonly givenName: string | undefined;
  readonly surname: string | undefined;
  readonly accountEnabled: boolean | undefined;
  readonly userType: string | undefined;
}
