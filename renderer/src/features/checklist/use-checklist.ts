import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { ReconciliationRow } from '@core/model/reconciliation';
import { buildChecklist, type ChecklistItem } from '@core/review/checklist';
import type { RunRecord, Workspace } from '../../workspace/workspace';

/**
 * A run's checklist, kept current: the run's rows are read once (a run never changes), decisions and the user's
 * edits are live queries, so a decision in the findings table or an edit here re-derives the items.
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
  return useMemo(() => {
    if (!rows || !decisions || !edits) return undefined;
    return buildChecklist(rows, new Map(decisions.map((decision) => [decision.rowKey, decision])), new Map(edits.map((edit) => [edit.key, edit])), run);
  }, [rows, decisions, edits, run]);
}
