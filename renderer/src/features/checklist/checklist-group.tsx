import { useId, useState } from 'react';
import type { Reviewer } from '@core/review/audit-trail';
import { ACTION_LABELS, type ChecklistGroup } from '@core/review/checklist';
import type { Workspace } from '../../workspace/workspace';
import { ChecklistItemRow } from './checklist-item-row';
import { ProgressLine } from './progress-line';

/** Items drawn per step: a group of 50,000 items is read a page at a time, never drawn whole. */
const PAGE = 50;

interface Props {
  readonly workspace: Workspace;
  readonly reviewer: Reviewer | undefined;
  readonly group: ChecklistGroup;
  readonly today: string;
  readonly openByDefault: boolean;
}

/** One action for one owner: its progress, and its items once opened. */
export function ChecklistGroupView({ workspace, reviewer, group, today, openByDefault }: Props) {
  const id = useId();
  const [open, setOpen] = useState(openByDefault);
  const [limit, setLimit] = useState(PAGE);
  const title = `${ACTION_LABELS[group.action]} · ${group.owner}`;
  const shown = group.items.slice(0, limit);
  return (
    <section className="checklist-group" aria-label={title}>
      <h3>
        <button type="button" aria-expanded={open} aria-controls={`${id}-items`} onClick={() => setOpen((current) => !current)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {title}
        </button>
      </h3>
      <ProgressLine label={`Progress of ${title}`} progress={group} />
      {open && (
        <div id={`${id}-items`}>
          <table className="checklist-items">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Cause</th>
                <th scope="col">Severity</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Note</th>
                <th scope="col">Ticket</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <ChecklistItemRow key={item.key} workspace={workspace} reviewer={reviewer} item={item} today={today} />
              ))}
            </tbody>
          </table>
          {group.items.length > limit && (
            <button type="button" onClick={() => setLimit((current) => current + PAGE)}>
              Show {Math.min(PAGE, group.items.length - limit)} more of {(group.items.length - limit).toLocaleString('en-US')} left
            </button>
          )}
        </div>
      )}
    </section>
  );
}
