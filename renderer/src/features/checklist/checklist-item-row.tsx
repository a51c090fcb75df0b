import { useState } from 'react';
import type { Reviewer } from '@core/review/audit-trail';
import { ACTION_LABELS, canMoveTo, CHECKLIST_STATUSES, isOverdue, STATUS_LABELS, type ChecklistFields, type ChecklistItem, type ChecklistStatus } from '@core/review/checklist';
import type { Workspace } from '../../workspace/workspace';
import { SavedOnBlurInput } from './saved-on-blur-input';

interface Props {
  readonly workspace: Workspace;
  readonly reviewer: Reviewer | undefined;
  readonly item: ChecklistItem;
  readonly today: string;
}

/** One item: what it is about, and its editable fields, each change saved and recorded in the audit trail. */
export function ChecklistItemRow({ workspace, reviewer, item, today }: Props) {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const overdue = isOverdue(item, today);
  const who = item.account || item.identity;
  // Each control says which item it edits: a screen reader hears "Status, mallory: Remove the account".
  const label = (field: string): string => `${field}, ${who}: ${ACTION_LABELS[item.action]}`;
  const disabled = reviewer === undefined;

  function save(changes: Partial<ChecklistFields>): void {
    if (!reviewer) return;
    setProblem(undefined);
    workspace.updateChecklistItem(item, changes, reviewer, new Date().toISOString()).catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }

  return (
    <tr className={overdue ? 'checklist-item overdue' : 'checklist-item'} data-key={item.key} data-status={item.status}>
      <td>
        {item.account && <div>{item.account}</div>}
        {item.identity && <div className="muted">{item.identity}</div>}
        {item.decision && <div className={`decision-${item.decision}`}>decided: {item.decision}</div>}
      </td>
      <td>
        {item.causes.map((cause) => (
          <span key={cause} className="finding">
            {cause}
          </span>
        ))}
        {item.guidance && <div className="guidance">{item.guidance}</div>}
      </td>
      <td className={`severity-${item.severity}`}>{item.severity}</td>
      <td>
        <SavedOnBlurInput label={label('Owner')} value={item.owner} disabled={disabled} onSave={(owner) => save({ owner })} />
      </td>
      <td>
        <SavedOnBlurInput label={label('Due')} type="date" value={item.dueDate} disabled={disabled} onSave={(dueDate) => save({ dueDate })} />
        {overdue && <span className="overdue-tag">overdue</span>}
      </td>
      <td>
        <select aria-label={label('Status')} value={item.status} disabled={disabled} onChange={(event) => save({ status: event.target.value as ChecklistStatus })}>
          {CHECKLIST_STATUSES.filter((status) => status === item.status || canMoveTo(item.status, status)).map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <SavedOnBlurInput label={label('Note')} value={item.note} disabled={disabled} onSave={(note) => save({ note })} />
      </td>
      <td>
        <SavedOnBlurInput label={label('Ticket')} value={item.ticket} disabled={disabled} onSave={(ticket) => save({ ticket })} />
      </td>
      <td>
        <SavedOnBlurInput label={label('Evidence')} value={item.evidence} disabled={disabled} onSave={(evidence) => save({ evidence })} />
        {problem !== undefined && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </td>
    </tr>
  );
}
