import type { StartRunMessage, WorkerMessage } from './worker-messages';

export interface RunHandle {
  readonly done: Promise<WorkerMessage & { type: 'done' | 'failed' | 'previewed' }>;
  cancel(): void;
}

/** Starts a reconciliation in a worker; progress arrives through `onProgress`, cancel terminates it. */
export function startRun(request: Omit<StartRunMessage, 'type'>, onProgress: (message: WorkerMessage & { type: 'progress' }) => void): RunHandle {
  const worker = new Worker(new URL('./reconcile.worker.ts', import.meta.url), { type: 'module' });
  const { promise: done, resolve: settle } = deferred<WorkerMessage & { type: 'done' | 'failed' | 'previewed' }>();
  worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if (message.type === 'progress') return onProgress(message);
    worker.terminate();
    settle(message);
  });
  worker.addEventListener('error', (event) => {
    worker.terminate();
    settle({ type: 'failed', error: { code: 'PARSE_ERROR', message: event.message || 'the reconciliation worker failed' } });
  });
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a Worker has no origin to name
  worker.postMessage({ type: 'start', ...request } satisfies StartRunMessage);
  return {
    done,
    cancel() {
      worker.terminate();
      settle({ type: 'failed', error: { code: 'CANCELLED', message: 'the reconciliation was cancelled' } });
    },
  };
}

// Promise.withResolvers, which the ES2023 library this project targets does not declare yet.
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: ((value: T) => void) | undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  // The executor runs synchronously, so resolve is set by now.
  return { promise, resolve: resolve! };
}
