export type ProvisioningStatus = 'success' | 'failure' | 'skipped' | 'warning' | 'other';

/** One Entra provisioning log entry for the application. */
export interface ProvisioningEvent {
  readonly id: string;
  readonly activityAt: number;
  /** Entra object id of the source identity. */
  readonly sourceIdentityId: string | undefined;
  readonly sourceIdentityName: string | undefined;
  readonly targetIdentityId: string | undefined;
  /** create, update, delete, disable, stagedDelete, other. */
  readonly action: string;
  readonly status: ProvisioningStatus;
  readonly errorCode: string | undefined;
  readonly errorReason: string | undefined;
  readonly changeId: string | undefined;
  /** Names of the attributes the event changed (modifiedProperties), when the log carries them. */
  readonly modifiedProperties?: readonly string[];
}
