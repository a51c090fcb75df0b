import { useEffect, useState } from 'react';
import type { ProvisioningEvent } from '@core/model/provisioning-event';
import { provisioningTimeline } from '@core/review/provisioning-timeline';
import { readPopulation } from '../../engine/run-reconciliation';
import type { Workspace } from '../../workspace/workspace';

// The mapped events of the review's current provisioning logs, read once per set of sources while the window lives.
const cache = new WeakMap<Workspace, { key: string; events: Promise<readonly ProvisioningEvent[] | string> }>();

async function eventsOf(workspace: Workspace): Promise<readonly ProvisioningEvent[] | string> {
  const provisioning = await workspace.currentSources('entra-provisioning');
  const key = provisioning.map((source) => source.id).join();
  const cached = cache.get(workspace);
  if (cached?.key === key) return cached.events;
  const events = readPopulation(workspace, { users: [], signIns: [], assignments: [], provisioning, target: [] }).then((read) => (read.ok ? (read.value.provisioningEvents ?? []) : read.error.message));
  cache.set(workspace, { key, events });
  return events;
}

/** The identity's provisioning events as a timeline, each error code with what to do about it. */
export function ProvisioningView({ workspace, identityId }: { readonly workspace: Workspace; readonly identityId: string }) {
  const [events, setEvents] = useState<readonly ProvisioningEvent[] | string | undefined>();
  useEffect(() => {
    let live = true;
    void eventsOf(workspace).then((read) => live && setEvents(read));
    return () => {
      live = false;
    };
  }, [workspace]);
  if (events === undefined) return null;
  if (typeof events === 'string') return <p className="error">{events}</p>;
  const timeline = provisioningTimeline(events, identityId);
  return (
    <section className="provisioning-timeline" aria-label="Provisioning events">
      <h4>Provisioning</h4>
      {events.length === 0 ? (
        <p className="hint">No provisioning logs imported for this review.</p>
      ) : timeline.length === 0 ? (
        <p className="hint">No provisioning event for this identity in the imported logs.</p>
      ) : (
        <ol>
          {timeline.map((entry, index) => (
            // oxlint-disable-next-line react/no-array-index-key -- events of one identity in time order; two may share a time
            <li key={index} className={`event-${entry.status}`}>
              <time dateTime={entry.at}>{entry.at.slice(0, 16).replace('T', ' ')} UTC</time> <strong>{entry.action}</strong> {entry.status}
              {entry.changedAttributes.length > 0 && <span className="muted"> ({entry.changedAttributes.join(', ')})</span>}
              {entry.errorCode !== undefined && (
                <p className="event-error">
                  <code>{entry.errorCode}</code>
                  {entry.errorReason && `: ${entry.errorReason}`}
                  <br />
                  {entry.guidance}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
