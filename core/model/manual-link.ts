/** A reviewer's correction of a correlation; it overrides every rule and is re-applied on each run. */
export interface ManualLink {
  readonly accountId: string;
  readonly identityId: string;
  readonly action: 'link' | 'unlink';
  readonly justification: string;
  readonly by: string;
  /** ISO 8601 instant the reviewer made it. */
  readonly at: string;
}
