/// <reference lib="webworker" />
import { Workspace } from '../workspace/workspace';
import type { ReconcileProgress } from '@core/engine/reconcile';
import { compareFindings, findingsByRow } from '@core/review/review';
import { computeRun, runReconciliation } from './run-reconciliation';
import type { StartRunMessage, WorkerMessage } from './worker-messages';

// One run per worker: the window terminates the worker to cancel, which stops the work at once.
const scope = self as unknown as DedicatedWorkerGlobalScope;
// oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker posts to its own window only
const post = (message: WorkerMessage): void => scope.postMessage(message);

scope.addEventListener('message', (event: MessageEvent<StartRunMessage>) => {
  const { database, asOf, staleDays, preview } = event.data;
  const workspace = new Workspace(database);
  post({ type: 'progress', phase: 'load', done: 0, total: 1 });
  const onProgress: ReconcileProgress = (phase, done, total) => post({ type: 'progress', phase, done, total });
  if (preview) {
    void previewRun(workspace, asOf, preview, onProgress).then(post, (error: unknown) => post({ type: 'failed', error: { code: 'PARSE_ERROR', message: error instanceof Error ? error.message : String(error) } }));
    return;
  }
  runReconciliation(workspace, {
    ...(asOf === undefined ? {} : { asOf }),
    ...(staleDays === undefined ? {} : { staleDays }),
    onProgress,
  }).then(
    (result) => post(result.ok ? { type: 'done', runId: result.value.id } : { type: 'failed', error: result.error }),
    (error: unknown) => post({ type: 'failed', error: { code: 'PARSE_ERROR', message: error instanceof Error ? error.message : String(error) } }),
  );
});

/** A run with settings being tried, compared with the latest stored run; nothing is written. */
async function previewRun(workspace: Workspace, asOf: string | undefined, override: NonNullable<StartRunMessage['preview']>, onProgress: ReconcileProgress): Promise<WorkerMessage> {
  const computed = await computeRun(workspace, { ...(asOf === undefined ? {} : { asOf }), override, onProgress });
  if (!computed.ok) return { type: 'failed', error: computed.error };
  const latest = await workspace.latestRun();
  const before = latest ? findingsByRow(await workspace.rowsOf(latest.id)) : new Map<string, readonly string[]>();
  const { result } = computed.value;
  return { type: 'previewed', comparison: compareFindings(before, findingsByRow(result.rows)), before: latest?.counts, after: result.counts };
}
