/**
 * Worker-thread entry: runs one evidence job (export or verify) and reports back. The app runs them here because
 * re-performing a large run holds the thread for tens of seconds, which main's own thread (windows, dialogs, IPC)
 * cannot spare; cancelling is terminating the worker.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type WorkerJob, type WorkerMessage } from './evidence-runner';

const port = parentPort;
if (port === null) throw new Error('evidence-worker runs only as a worker thread');
const post = (message: WorkerMessage): void => port.postMessage(message);

port.once('message', (work: WorkerJob) => {
  runJob(work, (phase, done, total) => post({ kind: 'progress', phase, done, total }))
    .then((result) => post({ kind: 'result', result }))
    .catch((error: unknown) => post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
});
