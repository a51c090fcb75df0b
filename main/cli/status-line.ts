import type { ReconcilePhase, ReconcileProgress } from '@core/engine/reconcile';
import type { Output } from './output';

// A terminal is redrawn at most this often: a million accounts report twenty times a second at most anyway.
const REDRAW_MS = 100;
// A stage without counts (writing the workbook: 18 s at a million rows) shows its seconds, so it is seen to move.
const TICK_MS = 1000;

const PHASES: Readonly<Record<ReconcilePhase, string>> = {
  match: 'Matching accounts to identities',
  names: 'Indexing identity names for the name rule',
  classify: 'Classifying accounts and raising findings',
};

/** What a long command shows on its status line while it works; nothing where the output has no status line. */
export interface StatusLine {
  /** A stage without counts, shown with the seconds it has taken so far. */
  stage(text: string): void;
  /** The engine's progress, as it reports it. */
  readonly progress: ReconcileProgress;
  /** Clears the line, before the command prints or when it ends. */
  clear(): void;
}

export function statusLine(output: Output): StatusLine {
  const show = output.status;
  if (show === undefined) return { stage: () => undefined, progress: () => undefined, clear: () => undefined };
  let drawnAt = Number.NEGATIVE_INFINITY;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    clearInterval(ticker);
    ticker = undefined;
  };
  return {
    stage(text) {
      stop();
      const started = Date.now();
      show(`${text}…`);
      ticker = setInterval(() => show(`${text}… ${Math.round((Date.now() - started) / 1000)} s`), TICK_MS);
      // The ticker never keeps the command alive.
      ticker.unref();
    },
    progress(phase, done, total) {
      stop();
      const now = Date.now();
      if (done < total && now - drawnAt < REDRAW_MS) return;
      drawnAt = now;
      show(`${PHASES[phase]}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
    },
    clear() {
      stop();
      show(undefined);
    },
  };
}
