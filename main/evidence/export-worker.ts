/**
 * Worker-thread entry: runs one export job and reports back. The app runs exports here because re-performing a
 * large run holds the thread for tens of seconds, which main's own thread (windows, dialogs, IPC) cannot spare;
 * cancelling is terminating the worker.
 */
import { parentPort } from 'node:worker_threads';
import { runExportJob, type ExportJob } from './export-job';
import type { WorkerMessage } from './export-runner';

const port = parentPort;
if (port === null) throw new Error('export-worker runs only as a worker thread');
const post = (message: WorkerMessage): void => port.postMessage(message);

port.once('message', (job: ExportJob) => {
  runExportJob(job, (phase, done, total) => post({ kind: 'progress', phase, done, total }))
    .then((result) => post({ kind: 'result', result }))
    .catch((error: unknown) => post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
});
