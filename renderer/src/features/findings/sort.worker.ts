/// <reference lib="webworker" />
import { textOrder } from '@core/review/findings-table';

// Sorts one text column of the findings table off the window's thread; the order goes back as a transferred buffer.
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<{ column: string; values: readonly string[] }>) => {
  const order = textOrder(event.data.values);
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker posts to its own window only
  scope.postMessage({ column: event.data.column, order }, [order.buffer]);
});
