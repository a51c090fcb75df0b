import type { ImportIssue } from '@core/model/import-issue';
import type { ReconcilePhase, ReconciliationCounts } from '@core/engine/reconcile';
import type { ScopingFilter } from '@core/engine/scope';
import type { FindingComparison } from '@core/review/review';
import type { ReviewSettings } from '@core/review/settings-form';

/** What the window asks of the reconciliation worker. */
export interface StartRunMessage {
  readonly type: 'start';
  /** The review's database the worker reads the sources from and stores the run in. */
  readonly database: string;
  readonly asOf: string | undefined;
  readonly staleDays: number | undefined;
  /** Settings to try: the worker runs with them, stores nothing, and compares the findings with the latest run's. */
  readonly preview?: { readonly settings: ReviewSettings; readonly scope: ScopingFilter | undefined };
}

/** What the worker tells the window; closed, so the window handles every case. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly phase: 'load' | ReconcilePhase | 'store'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly runId: string }
  | { readonly type: 'previewed'; readonly comparison: FindingComparison; readonly before: ReconciliationCounts | undefined; readonly after: ReconciliationCounts }
  | { readonly type: 'failed'; readonly error: ImportIssue };
