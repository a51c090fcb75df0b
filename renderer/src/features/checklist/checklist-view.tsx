import { useId, useMemo, useState } from 'react';
import type { Reviewer } from '@core/review/audit-trail';
import { ACTION_LABELS, CHECKLIST_STATUSES, filterChecklist, groupChecklist, progressOf, STATUS_LABELS, type ChecklistStatus } from '@core/review/checklist';
import type { RunRecord, Workspace } from '../../workspace/workspace';
import { ChecklistGroupView } from './checklist-group';
import { ProgressLine } from './progress-line';
import { useChecklist } from './use-checklist';

interface Props {
  readonly workspace: Workspace;
  readonly run: RunRecord;
  /** Edits are recorded under the reviewer's name; without one the checklist is shown but not editable. */
  readonly reviewer: Reviewer | undefined;
}

/** Up to this many items every group opens by default; above it groups start collapsed, so 100,000 items draw as a few dozen headers. */
const OPEN_ALL_UP_TO = 100;

/** The remediation checklist of a run: grouped by action and owner, with progress, filters and overdue items marked. */
export function ChecklistView({ workspace, run, reviewer }: Props) {
  const id = useId();
  const items = useChecklist(workspace, run);
  // The day the view opened: overdue is judged against today, not the run's as-of.
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const [statuses, setStatuses] = useState<ReadonlySet<ChecklistStatus>>(new Set(CHECKLIST_STATUSES));
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [group, setGroup] = useState<string | undefined>(undefined);
  const allGroups = useMemo(() => (items ? groupChecklist(items, today) : []), [items, today]);
  const isFiltered = statuses.size < CHECKLIST_STATUSES.length || overdueOnly || group !== undefined;
  // Unfiltered, the shown groups are all of them: at 100,000 items grouping twice per edit is a visible wait.
  const shown = useMemo(
    () => (items && isFiltered ? groupChecklist(filterChecklist(items, { statuses, overdueOnly, group }, today), today) : allGroups),
    [items, isFiltered, statuses, overdueOnly, group, today, allGroups],
  );

  const overall = useMemo(() => (items ? progressOf(items, today) : undefined), [items, today]);

  if (!items || !overall) {
    return (
      <section className="checklist" aria-label="Remediation checklist">
        <h2>Remediation checklist</h2>
        <p className="hint">Reading the run…</p>
      </section>
    );
  }
  return (
    <section className="checklist" aria-label="Remediation checklist">
      <h2>Remediation checklist</h2>
      <ProgressLine label="Overall progress" progress={overall} testId="checklist-overall" />
      {!reviewer && <p className="hint">Say who is reviewing (above) to update the checklist.</p>}
      <div className="checklist-filters">
        <fieldset className="toggles">
          <legend>Status</legend>
          {CHECKLIST_STATUSES.map((status) => (
            <label key={status} className={statuses.has(status) ? 'on' : undefined}>
              <input type="checkbox" checked={statuses.has(status)} onChange={() => setStatuses((current) => toggled(current, status))} />
              {STATUS_LABELS[status]}
            </label>
          ))}
        </fieldset>
        <label className="checklist-overdue-filter">
          <input type="checkbox" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.target.checked)} /> Overdue only
        </label>
        <label htmlFor={`${id}-group`}>Group</label>
        <select id={`${id}-group`} value={group ?? ''} onChange={(event) => setGroup(event.target.value || undefined)}>
          <option value="">All groups</option>
          {allGroups.map((option) => (
            <option key={option.key} value={option.key}>
              {ACTION_LABELS[option.action]} · {option.owner} ({option.total.toLocaleString('en-US')})
            </option>
          ))}
        </select>
      </div>
      <p className="table-status" aria-live="polite" data-testid="checklist-status">
        {shown.reduce((sum, shownGroup) => sum + shownGroup.total, 0).toLocaleString('en-US')} of {items.length.toLocaleString('en-US')} items in {shown.length} groups
      </p>
      {shown.map((shownGroup) => (
        <ChecklistGroupView key={shownGroup.key} workspace={workspace} reviewer={reviewer} group={shownGroup} today={today} openByDefault={items.length <= OPEN_ALL_UP_TO} />
      ))}
    </section>
  );
}

function toggled<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
