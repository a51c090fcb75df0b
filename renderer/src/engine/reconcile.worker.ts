/// <reference lib="webworker" />
import { Workspace } from '../workspace/workspace';
import { runReconciliation } from './run-reconciliation';
import type { StartRunMessage, WorkerMessage } from './worker-messages';

// One run per worker: the window terminates the worker to cancel, which stops the work at once.
const scope = self as unknown as DedicatedWorkerGlobalScope;
// oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker posts to its own window only
const post = (message: WorkerMessage): void => scope.postMessage(message);

scope.addEventListener('message', (event: MessageEvent<StartRunMessage>) => {
  const { database, asOf, staleDays } = event.data;
  const workspace = new Workspace(database);
  post({ type: 'progress', phase: 'load', done: 0, total: 1 });
  runReconciliation(workspace, {
    ...(asOf === undefined ? {} : { asOf }),
    ...(staleDays === undefined ? {} : { staleDays }),
    onProgress: (phase, done, total) => post({ type: 'progress', phase, done, total }),
  }).then(
    (result) => post(result.ok ? { type: 'done', runId: result.value.id } : { type: 'failed', error: result.error }),
    (error: unknown) => post({ type: 'failed', error: { code: 'PARSE_ERROR', message: error instanceof Error ? error.message : String(error) } }),
  );
});
