/** A user record in one target application's dump. Instants are epoch ms, UTC. */
export interface Account {
  /** The application's own key for the record (the `user` of an AWS credential report row). */
  readonly accountId: string;
  readonly login: string | undefined;
  readonly email: string | undefined;
  readonly displayName: string | undefined;
  readonly givenName: string | undefined;
  readonly familyName: string | undefined;
  readonly employeeId: string | undefined;
  /** A column holding the Entra object id (SCIM externalId, Salesforce FederationIdentifier, SAML NameID). */
  readonly objectId: string | undefined;
  /** Enabled in the application; undefined when the dump does not say, which counts as active. */
  readonly enabled: boolean | undefined;
  readonly lastLoginAt: number | undefined;
  readonly createdAt: number | undefined;
  /** Roles, profiles or groups. */
  readonly roles: readonly string[];
  /** Why the source format itself says the account is not a person (AWS root, key-only AWS user), if it does. */
  readonly nonHumanReason: string | undefined;
  /** Why the source format itself says the account is privileged (AWS root), if it does. */
  readonly privilegedReason: string | undefined;
  /** 1-based line of the record in its source file, for messages that point back at the input. */
  readonly line: number;
  /** Every column of the dump as text, by header name, for drift on user-mapped attributes. */
  readonly attributes: Readonly<Record<string, string>>;
}
