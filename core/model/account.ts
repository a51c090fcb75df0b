/** A user record in one target application's dump. */
export interface Account {
  /** The application's own key for the record. */
  readonly accountId: string;
  readonly login: string | undefined;
  readonly email: string | undefined;
  readonly displayName: string | undefined;
  /** 1-based line of the record in its source file, for messages that point back at the input. */
  readonly line: number;
}
