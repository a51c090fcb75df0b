import type { ReconcilePhase, ReconcileProgress } from '@core/engine/reconcile';
import type { Output } from './output';

// A terminal is redrawn at most this often: a million accounts report twenty times a second at most anyway.
const REDRAW_MS = 100;
// A stage without counts (writing the workbook: 18 s at a million rows) shows its seconds, so it is seen to move.
const TICK_MS = 1000;

const PHASES: Readonly<Record<ReconcilePhase, string>> = {
  sort: 'Sorting identities and accounts',
  keys: 'Indexing identity keys',
  match: 'Matching accounts to identities',
  names: 'Indexing identity names for the name rule',
  classify: 'Classifying accounts and raising findings',
};

/** What a long command shows on its status line while it works; nothing where the output has no status line. */
export interface StatusLine {
  /** A stage without counts, shown with the seconds it has taken so far. */
  stage(text: string): void;
  /** The rows read so far of a file the current stage reads, with the stage's seconds. */
  readonly read: (fileName: string, rows: number) => void;
  /** A share of a known whole (files checked, bytes read) as a percentage, with the seconds since `label` came. */
  readonly part: (label: string, done: number, total: number) => void;
  /** The engine's progress, as it reports it. */
  readonly progress: ReconcileProgress;
  /** Clears the line, before the command prints or when it ends. */
  clear(): void;
}

export function statusLine(output: Output): StatusLine {
  const show = output.status;
  if (show === undefined) return { stage: () => undefined, read: () => undefined, part: () => undefined, progress: () => undefined, clear: () => undefined };
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawnPhase: ReconcilePhase | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  // The current stage: when it started, and what it shows before its seconds (rows read replace its name).
  let started = 0;
  let text = '';
  // The label of the part being shown, if one is: a new label starts a stage of its own.
  let partLabel: string | undefined;
  const withSeconds = (): string => `${text} ${Math.round((Date.now() - started) / 1000)} s`;
  const stop = (): void => {
    clearInterval(ticker);
    ticker = undefined;
    partLabel = undefined;
  };
  const stage = (name: string): void => {
    stop();
    started = Date.now();
    text = `${name}…`;
    show(text);
    // Each second the latest text too: rows read since the last drawing are shown then.
    ticker = setInterval(() => show(withSeconds()), TICK_MS);
    // The ticker never keeps the command alive.
    ticker.unref();
  };
  const drawThrottled = (): void => {
    const now = Date.now();
    if (now - drawnAt < REDRAW_MS) return;
    drawnAt = now;
    show(withSeconds());
  };
  return {
    stage,
    read(fileName, rows) {
      text = `Reading ${fileName}: ${rows.toLocaleString('en-US')} rows ·`;
      drawThrottled();
    },
    part(label, done, total) {
      if (label !== partLabel) {
        stage(label);
        partLabel = label;
      }
      text = `${label}: ${total > 0 ? Math.floor((done / total) * 100) : 100}% ·`;
      drawThrottled();
    },
    progress(phase, done, total) {
      stop();
      const now = Date.now();
      // A phase's first report is drawn at once: it may be all a step shows for a second (the sort starting).
      if (done < total && phase === drawnPhase && now - drawnAt < REDRAW_MS) return;
      drawnAt = now;
      drawnPhase = phase;
      show(`${PHASES[phase]}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
    },
    clear() {
      stop();
      show(undefined);
    },
  };
}
