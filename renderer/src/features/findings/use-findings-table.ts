import { useEffect, useState } from 'react';
import { FindingsTableBuilder, type FindingsTable } from '@core/review/findings-table';
import type { Workspace } from '../../workspace/workspace';

export interface LoadedTable {
  readonly table: FindingsTable;
  /** Rows read so far; equal to the run's row count when complete. */
  readonly loaded: number;
  readonly complete: boolean;
}

// Blocks read per step: big enough to be quick, small enough that the window stays responsive between steps.
const BLOCKS_PER_STEP = 20;

/**
 * Reads a run's rows into the columnar table: the first block at once (so the first rows show within a frame or
 * two), then the rest in steps, dropping each block once its columns are read.
 */
export function useFindingsTable(workspace: Workspace, runId: string, rowCount: number): LoadedTable | undefined {
  const [state, setState] = useState<LoadedTable & { runId: string }>();
  useEffect(() => {
    const reading = { cancelled: false };
    void (async () => {
      const builder = new FindingsTableBuilder();
      let loaded = 0;
      for (let seq = 0, step = 1; !reading.cancelled; seq += step, step = BLOCKS_PER_STEP) {
        const blocks = await workspace.runRows.where('[runId+seq]').between([runId, seq], [runId, seq + step], true, false).toArray();
        for (const block of blocks) {
          builder.add(block.rows);
          loaded += block.rows.length;
        }
        const complete = blocks.length < step || loaded >= rowCount;
        // The first step shows at once; later steps only when done, since a partial sort or filter would mislead.
        if (!reading.cancelled && (seq === 0 || complete)) setState({ runId, table: builder.build(), loaded, complete });
        if (complete) return;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    })();
    return () => {
      reading.cancelled = true;
    };
  }, [workspace, runId, rowCount]);
  return state?.runId === runId ? state : undefined;
}
