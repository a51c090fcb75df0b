import { useEffect, useState } from 'react';
import { SORTED_TEXT_COLUMNS, type FindingsTable, type TableColumn } from '@core/review/findings-table';

export interface PreparedOrders {
  readonly orders: ReadonlyMap<TableColumn, Uint32Array>;
  /** Every text column is sorted: any sort from now on is a pass over the filter mask. */
  readonly ready: boolean;
}

/**
 * Sorts the text columns in a worker once the table is complete, one after the other, so the first click on a
 * column header finds its order ready instead of sorting a million strings on the window's thread.
 */
export function useColumnOrders(table: FindingsTable, complete: boolean): PreparedOrders {
  const [prepared, setPrepared] = useState<PreparedOrders & { readonly table: FindingsTable }>();
  useEffect(() => {
    if (!complete) return undefined;
    const worker = new Worker(new URL('./sort.worker.ts', import.meta.url), { type: 'module' });
    const orders = new Map<TableColumn, Uint32Array>();
    let next = 0;
    const ask = (): void => {
      const column = SORTED_TEXT_COLUMNS[next];
      // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a Worker has no origin to name
      if (column !== undefined) worker.postMessage({ column, values: table.text[column] });
    };
    worker.addEventListener('message', (event: MessageEvent<{ column: TableColumn; order: Uint32Array }>) => {
      orders.set(event.data.column, event.data.order);
      next += 1;
      setPrepared({ table, orders: new Map(orders), ready: next === SORTED_TEXT_COLUMNS.length });
      ask();
    });
    ask();
    return () => worker.terminate();
  }, [table, complete]);
  return prepared?.table === table ? prepared : { orders: new Map(), ready: false };
}
