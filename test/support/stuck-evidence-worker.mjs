// A worker that takes its job, reports once, then never yields: what a cancel must still stop.
import { parentPort } from 'node:worker_threads';

parentPort.once('message', () => {
  // oxlint-disable-next-line require-post-message-target-origin -- a Node worker thread, not a window: there is no origin
  parentPort.postMessage({ kind: 'progress', phase: 'match', done: 0, total: 1 });
  for (;;);
});
