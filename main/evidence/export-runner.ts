import { Worker } from 'node:worker_threads';
import type { ApiResult, ProgressPhase } from '@core/api/contract';
import { fail } from '@core/model/result';
import { runExportJob, type ExportJob, type ExportJobDone, type ExportJobProgress } from './export-job';

/** Runs an export job; `signal` cancels it, which resolves as CANCELLED once nothing more will be written. */
export type ExportRunner = (job: ExportJob, progress: ExportJobProgress, signal: AbortSignal) => Promise<ApiResult<ExportJobDone>>;

/** What the worker thread sends back: progress, then one result or error. */
export type WorkerMessage =
  | { readonly kind: 'progress'; readonly phase: ProgressPhase; readonly done: number; readonly total: number }
  | { readonly kind: 'result'; readonly result: ApiResult<ExportJobDone> }
  | { readonly kind: 'error'; readonly message: string };

const cancelled = (): ApiResult<never> => fail({ code: 'CANCELLED', message: 'the export was cancelled; nothing was written' });

class Cancelled extends Error {}

/**
 * On this thread, for the command line's tests and the browser harness: cancelling takes effect at the next
 * progress report (between inputs, every 50,000 accounts, between the pack's parts).
 */
export const inThisThread: ExportRunner = async (job, progress, signal) => {
  try {
    return await runExportJob(job, (phase, done, total) => {
      if (signal.aborted) throw new Cancelled();
      progress(phase, done, total);
    });
  } catch (error) {
    if (error instanceof Cancelled) return cancelled();
    throw error;
  }
};

/**
 * In a worker thread started from `entry` (the built export-worker.js): main's thread stays free for windows and
 * IPC while a large run is re-performed, and cancelling stops the work at once (the worker is terminated).
 */
export function inWorker(entry: URL | string, options: { readonly execArgv?: string[]; readonly env?: NodeJS.ProcessEnv } = {}): ExportRunner {
  return (job, progress, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) {
        resolve(cancelled());
        return;
      }
      const worker = new Worker(entry, { execArgv: options.execArgv, env: options.env ?? process.env });
      let settled = false;
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        finish();
      };
      // Resolved only once the thread has stopped: after that it cannot write another byte into the staging folder.
      const onAbort = (): void => void worker.terminate().then(() => settle(() => resolve(cancelled())), reject);
      signal.addEventListener('abort', onAbort);
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'progress') progress(message.phase, message.done, message.total);
        else if (message.kind === 'result') settle(() => resolve(message.result));
        else settle(() => reject(new Error(message.message)));
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => settle(() => reject(new Error(`the export worker stopped (exit ${code}) before it answered`))));
      // oxlint-disable-next-line require-post-message-target-origin -- a Node worker thread, not a window: there is no origin
      worker.postMessage(job);
    });
}
