import { useEffect, useId, useRef, useState } from 'react';
import type { Reviewer } from '@core/review/audit-trail';
import { DECISION_KINDS, DECISION_LABELS, decisionProblem, type DecisionKind } from '@core/review/decisions';
import type { Workspace } from '../../workspace/workspace';

export interface DecisionTarget {
  readonly rowKey: string;
  readonly answers: readonly string[];
}

interface Props {
  readonly workspace: Workspace;
  readonly reviewer: Reviewer;
  readonly rows: readonly DecisionTarget[];
  readonly initialKind: DecisionKind;
  readonly onDone: () => void;
}

/** A decision on one row or on every shown row at once, with the justification the audit needs. */
export function DecisionForm({ workspace, reviewer, rows, initialKind, onDone }: Props) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const [kind, setKind] = useState<DecisionKind>(initialKind);
  const [justification, setJustification] = useState('');
  const [approver, setApprover] = useState('');
  const [expires, setExpires] = useState('');
  const [tried, setTried] = useState(false);
  // The day the form opened: an exception must expire after it.
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const draft = { kind, justification, ...(kind === 'exception' ? { approver: approver.trim(), expires } : {}) };
  const problem = decisionProblem(draft, today);

  async function submit(): Promise<void> {
    setTried(true);
    if (problem !== undefined) return;
    await workspace.decide(rows, draft, reviewer, new Date().toISOString());
    onDone();
  }

  return (
    <dialog ref={dialogRef} className="decision-form" aria-labelledby={`${id}-title`} onCancel={onDone}>
      <h3 id={`${id}-title`}>{rows.length === 1 ? `Decide on ${rows[0]!.rowKey}` : `Decide on ${rows.length.toLocaleString('en-US')} rows`}</h3>
      <div className="form-grid">
        <label htmlFor={`${id}-kind`}>Decision</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as DecisionKind)}>
          {DECISION_KINDS.map((option) => (
            <option key={option} value={option}>
              {DECISION_LABELS[option]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-why`}>Justification</label>
        <textarea id={`${id}-why`} rows={3} value={justification} onChange={(event) => setJustification(event.target.value)} />
        {kind === 'exception' && (
          <>
            <label htmlFor={`${id}-approver`}>Approved by</label>
            <input id={`${id}-approver`} value={approver} onChange={(event) => setApprover(event.target.value)} />
            <label htmlFor={`${id}-expires`}>Expires</label>
            <input id={`${id}-expires`} type="date" value={expires} onChange={(event) => setExpires(event.target.value)} />
          </>
        )}
      </div>
      {tried && problem !== undefined && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <p className="hint">
        Recorded as {reviewer.name} ({reviewer.role}) in the audit trail.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void submit()}>
          Record decision
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
