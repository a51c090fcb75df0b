import { Worker } from 'node:worker_threads';
import type { ApiResult, ProgressPhase } from '@core/api/contract';
import { fail, ok } from '@core/model/result';
import { Cancelled } from './cancelled';
import { runExportJob, type ExportJob, type ExportJobDone, type JobProgress } from './export-job';
import { reperformFromManifest } from './reperform';
import type { PackVerification } from './verify-pack';
import { verifyEvidence } from './verify-pack-zip';

/**
 * Where evidence work runs: writing an app review's pack, and verifying a pack. Both re-perform a whole run, tens
 * of seconds at a million rows. `signal` cancels; a cancelled job resolves as CANCELLED once it can write no more.
 */
export interface EvidenceRunner {
  exportPack(job: ExportJob, progress: JobProgress, signal: AbortSignal): Promise<ApiResult<ExportJobDone>>;
  verify(path: string, progress: JobProgress, signal: AbortSignal): Promise<ApiResult<PackVerification>>;
}

/** One job for a worker. */
export type WorkerJob = { readonly kind: 'export'; readonly job: ExportJob } | { readonly kind: 'verify'; readonly path: string };

/**
 * What main sends a worker: the job with a flag main raises to cancel it (shared memory, so the worker sees it
 * inside synchronous work), then perhaps a cancel message (seen between tasks, while zlib or the disk works).
 */
export type ToWorker = { readonly kind: 'start'; readonly work: WorkerJob; readonly stop: Int32Array } | { readonly kind: 'cancel' };

/** What the worker sends back: progress, then one result or error. */
export type WorkerMessage =
  | { readonly kind: 'progress'; readonly phase: ProgressPhase; readonly done: number; readonly total: number }
  | { readonly kind: 'result'; readonly result: JobResult }
  | { readonly kind: 'error'; readonly message: string };

const CANCELLED_MESSAGES = { export: 'the export was cancelled; nothing was written', verify: 'the verification was cancelled: nothing was checked to the end' } as const;
/** What a cancelled job answers. */
export const cancelled = (kind: WorkerJob['kind']): ApiResult<never> => fail({ code: 'CANCELLED', message: CANCELLED_MESSAGES[kind] });

type JobResult = ApiResult<ExportJobDone> | ApiResult<PackVerification>;

/**
 * The worker's progress relay: the first report after main raised `stop` throws Cancelled, which unwinds the
 * job (reconcile, for one, holds the thread for seconds between reports it makes every 50,000 accounts).
 */
export function relayProgress(stop: Int32Array, post: (message: WorkerMessage) => void): JobProgress {
  return (phase, done, total) => {
    if (Atomics.load(stop, 0) !== 0) throw new Cancelled();
    post({ kind: 'progress', phase, done, total });
  };
}

/** Runs one job on the calling thread: what the worker does with the job it is sent. */
export async function runJob(work: WorkerJob, progress: JobProgress): Promise<JobResult> {
  return work.kind === 'export' ? runExportJob(work.job, progress) : verifyJob(work.path, progress);
}

const verifyJob = async (path: string, progress: JobProgress): Promise<ApiResult<PackVerification>> => ok(await verifyEvidence(path, reperformFromManifest, progress));

/**
 * On this thread, for tests and the browser harness's quick paths: cancelling takes effect at the next progress
 * report (between files, every 50,000 accounts, between the pack's parts).
 */
export const inThisThread: EvidenceRunner = {
  exportPack: async (job, progress, signal) => runCancellable('export', signal, progress, (report) => runExportJob(job, report)),
  verify: async (path, progress, signal) => runCancellable('verify', signal, progress, (report) => verifyJob(path, report)),
};

async function runCancellable<T>(kind: WorkerJob['kind'], signal: AbortSignal, progress: JobProgress, work: (report: JobProgress) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  try {
    return await work((phase, done, total) => {
      if (signal.aborted) throw new Cancelled();
      progress(phase, done, total);
    });
  } catch (error) {
    if (error instanceof Cancelled) return cancelled(kind);
    throw error;
  }
}

// How long a cancelled worker has to stop by itself before it is terminated: it stops within a progress report or
// a turn of its event loop, so only a worker stuck in synchronous work waits this long.
const FORCED_STOP_MS = 10_000;

/**
 * In a worker thread per job, started from `entry` (the built evidence-worker.js): main's thread stays free for
 * windows and IPC. A cancel asks the worker to stop itself rather than terminating it: terminating a thread while
 * it is creating a zlib stream (every zip entry read, every deflate) aborts the whole process in Node's zlib
 * cleanup ("close before init"); it did so in CI, and once in a thousand terminations of a thread inflating in a
 * loop. A worker that stops itself does so only between tasks or by unwinding, never mid-way through that.
 */
export function inWorker(entry: URL | string, options: { readonly env?: NodeJS.ProcessEnv; readonly forcedStopMs?: number } = {}): EvidenceRunner {
  const run = (work: WorkerJob, progress: JobProgress, signal: AbortSignal): Promise<JobResult> =>
    new Promise((resolve, reject) => {
      if (signal.aborted) {
        resolve(cancelled(work.kind));
        return;
      }
      const worker = new Worker(entry, { env: options.env ?? process.env });
      const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
      // oxlint-disable-next-line require-post-message-target-origin -- a Node worker thread, not a window: there is no origin
      const send = (message: ToWorker): void => worker.postMessage(message);
      let forced: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        finish();
      };
      const onAbort = (): void => {
        Atomics.store(stop, 0, 1);
        send({ kind: 'cancel' });
        forced = setTimeout(() => void worker.terminate(), options.forcedStopMs ?? FORCED_STOP_MS);
      };
      signal.addEventListener('abort', onAbort);
      // A cancelled job settles on 'exit', once the thread has stopped: after that it cannot write another byte.
      worker.on('message', (message: WorkerMessage) => {
        if (signal.aborted) return;
        if (message.kind === 'progress') progress(message.phase, message.done, message.total);
        else if (message.kind === 'result') settle(() => resolve(message.result));
        else settle(() => reject(new Error(message.message)));
      });
      worker.on('error', (error) => {
        if (!signal.aborted) settle(() => reject(error));
      });
      worker.on('exit', (code) => {
        clearTimeout(forced);
        settle(() => (signal.aborted ? resolve(cancelled(work.kind)) : reject(new Error(`the evidence worker stopped (exit ${code}) before it answered`))));
      });
      send({ kind: 'start', work, stop });
    });
  return {
    exportPack: (job, progress, signal) => run({ kind: 'export', job }, progress, signal) as Promise<ApiResult<ExportJobDone>>,
    verify: (path, progress, signal) => run({ kind: 'verify', path }, progress, signal) as Promise<ApiResult<PackVerification>>,
  };
}
