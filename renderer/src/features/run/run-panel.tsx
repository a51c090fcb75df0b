import { useRef, useState } from 'react';
import { describeIssue } from '@core/model/import-issue';
import { startRun, type RunHandle } from '../../engine/start-run';
import type { WorkerMessage } from '../../engine/worker-messages';

type Progress = WorkerMessage & { type: 'progress' };

const PHASE_LABELS: Record<Progress['phase'], string> = {
  load: 'Loading sources',
  sort: 'Sorting identities and accounts',
  keys: 'Indexing identity keys',
  match: 'Correlating accounts',
  names: 'Indexing identity names for the name rule',
  classify: 'Classifying findings',
  store: 'Storing results',
};

/** The run's as-of (the rest is the review's Settings), the button that starts it in a worker, its progress and cancel. */
export function RunPanel({ hasCurrentRun, database, reviewAsOf, onDone }: { readonly hasCurrentRun: boolean; readonly database: string; readonly reviewAsOf: string; readonly onDone?: () => void }) {
  // The review's as-of is the run's unless the user picks another day for this run.
  const [asOfDate, setAsOfDate] = useState(reviewAsOf);
  const [progress, setProgress] = useState<Progress | undefined>();
  const [error, setError] = useState<string | undefined>();
  const handle = useRef<RunHandle | undefined>(undefined);

  async function run(): Promise<void> {
    setError(undefined);
    setProgress({ type: 'progress', phase: 'load', done: 0, total: 1 });
    handle.current = startRun({ database, asOf: asOfDate === '' ? undefined : `${asOfDate}T00:00:00.000Z`, staleDays: undefined }, setProgress);
    const outcome = await handle.current.done;
    handle.current = undefined;
    setProgress(undefined);
    if (outcome.type === 'failed') setError(describeIssue(outcome.error));
    else onDone?.();
  }

  return (
    <section className="run-panel" aria-label="Reconciliation run">
      <label>
        As of
        <input type="date" value={asOfDate} onChange={(event) => setAsOfDate(event.target.value)} aria-describedby="as-of-hint" />
      </label>
      <span id="as-of-hint" className="hint">
        the review's as-of ({reviewAsOf}); empty: the import time
      </span>
      <span className="hint">the other settings are on the Settings screen</span>
      {progress ? (
        <div className="run-progress">
          <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label="Reconciliation progress" />
          <span>
            {PHASE_LABELS[progress.phase]} {progress.total > 1 ? `${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')}` : ''}
          </span>
          <button type="button" onClick={() => handle.current?.cancel()}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => void run()}>
          {hasCurrentRun ? 'Run again' : 'Run reconciliation'}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
