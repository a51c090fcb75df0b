import { provisioningErrorGuidance } from '../engine/provisioning-errors';
import type { ProvisioningEvent } from '../model/provisioning-event';

/** One provisioning event of an identity, as the compare view lists it. */
export interface TimelineEntry {
  readonly at: string;
  readonly action: string;
  readonly status: ProvisioningEvent['status'];
  readonly errorCode: string | undefined;
  readonly errorReason: string | undefined;
  /** What to do about the error code, from the provisioning logs documentation. */
  readonly guidance: string | undefined;
  readonly changedAttributes: readonly string[];
}

/**
 * An identity's provisioning events, oldest first (ties by event id, so the order never depends on the file's),
 * each error code explained. The latest decides PROVISIONING_ERROR: a later success clears an earlier failure.
 */
export function provisioningTimeline(events: readonly ProvisioningEvent[], identityId: string): TimelineEntry[] {
  return events
    .filter((event) => event.sourceIdentityId === identityId)
    .toSorted((a, b) => a.activityAt - b.activityAt || a.id.localeCompare(b.id))
    .map((event) => ({
      at: new Date(event.activityAt).toISOString(),
      action: event.action,
      status: event.status,
      errorCode: event.errorCode,
      errorReason: event.errorReason,
      guidance: event.errorCode === undefined ? undefined : provisioningErrorGuidance(event.errorCode),
      changedAttributes: event.modifiedProperties ?? [],
    }));
}
