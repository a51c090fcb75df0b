/**
 * Worker-thread entry: runs one evidence job (export or verify) and reports back. The app runs them here because
 * re-performing a large run holds the thread for tens of seconds, which main's own thread (windows, dialogs, IPC)
 * cannot spare. A cancel stops the thread from inside (see `inWorker` for why it is never terminated mid-job).
 */
import { parentPort } from 'node:worker_threads';
import { Cancelled } from './cancelled';
import { relayProgress, runJob, type ToWorker, type WorkerJob, type WorkerMessage } from './evidence-runner';

if (parentPort === null) throw new Error('evidence-worker runs only as a worker thread');
const port = parentPort;
const post = (message: WorkerMessage): void => port.postMessage(message);

const onMessage = (message: ToWorker): void => {
  // Handled between tasks: no code of the job's is half-way through anything.
  if (message.kind === 'cancel') process.exit(0);
  else start(message.work, message.stop);
};
port.on('message', onMessage);

function start(work: WorkerJob, stop: Int32Array): void {
  runJob(work, relayProgress(stop, post))
    .then((result) => post({ kind: 'result', result }))
    .catch((error: unknown) => {
      if (error instanceof Cancelled) process.exit(0);
      post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    })
    // Answered: with no listener left the thread ends once its last write is out.
    .finally(() => port.off('message', onMessage));
}
