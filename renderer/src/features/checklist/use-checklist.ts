import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { ReconciliationRow } from '@core/model/reconciliation';
import { applyEdits, deriveChecklist, type ChecklistItem } from '@core/review/checklist';
import type { RunRecord, Workspace } from '../../workspace/workspace';

/**
 * A run's checklist, kept current: the run's rows are read once (a run never changes), decisions and the user's
 * edits are live queries, so a decision in the findings table re-derives the items and an edit here is laid over them.
 */
export function useChecklist(workspace: Workspace, run: RunRecord): readonly ChecklistItem[] | undefined {
  const [read, setRead] = useState<{ readonly runId: string; readonly rows: readonly ReconciliationRow[] }>();
  useEffect(() => {
    const reading = { cancelled: false };
    void (async () => {
      const rows = await workspace.rowsOf(run.id);
      if (!reading.cancelled) setRead({ runId: run.id, rows });
    })();
    return () => {
      reading.cancelled = true;
    };
  }, [workspace, run.id]);
  const rows = read?.runId === run.id ? read.rows : undefined;
  const decisions = useLiveQuery(() => workspace.decisions.toArray(), [workspace]);
  const edits = useLiveQuery(() => workspace.checklist.toArray(), [workspace]);
  // Derived once per run and set of decisions; an edit only lays itself over (the costly part is not redone).
  const derived = useMemo(
    () => (rows && decisions ? deriveChecklist(rows, new Map(decisions.map((decision) => [decision.rowKey, decision])), run) : undefined),
    [rows, decisions, run],
  );
  return useMemo(() => (derived && edits ? applyEdits(derived, new Map(edits.map((edit) => [edit.key, edit]))) : undefined), [derived, edits]);
}
