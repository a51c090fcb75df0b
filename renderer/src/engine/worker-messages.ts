import type { ImportIssue } from '@core/model/import-issue';

/** What the window asks of the reconciliation worker. */
export interface StartRunMessage {
  readonly type: 'start';
  /** The review's database the worker reads the sources from and stores the run in. */
  readonly database: string;
  readonly asOf: string | undefined;
  readonly staleDays: number | undefined;
}

/** What the worker tells the window; closed, so the window handles every case. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly phase: 'load' | 'match' | 'classify' | 'store'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly runId: string }
  | { readonly type: 'failed'; readonly error: ImportIssue };
