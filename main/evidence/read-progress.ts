import { stat } from 'node:fs/promises';
import type { ProgressPhase } from '@core/api/contract';
import type { ReadProgress } from '../cli/load-sources';

// Reports while reading: one each time another 1/200 of the bytes is read, so a million-row pair sends a few
// hundred messages to the window, not one per batch of rows.
const STEPS = 200;

/**
 * Reading a run's inputs again as one bar, in bytes of all of them (`phase` is the screen's label for it): at a
 * million rows it takes seconds, which a step per file showed as a bar standing still. The first report (none
 * read) is made at once.
 */
export async function inputBytesProgress<Phase extends ProgressPhase>(paths: readonly string[], phase: Phase, report: (phase: Phase, done: number, total: number) => void): Promise<ReadProgress> {
  const unique = [...new Set(paths)];
  // A file that cannot be read counts as empty here: reading it fails next, with a message naming it.
  const sizes = await Promise.all(unique.map(async (path) => stat(path).then((found) => found.size, () => 0)));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const latest = new Map<string, number>();
  let done = 0;
  let reported = 0;
  report(phase, 0, total);
  return (_fileName, _rows, bytesRead, path) => {
    done += bytesRead - (latest.get(path) ?? 0);
    latest.set(path, bytesRead);
    // A file that grew since it was measured must not take the bar past its end.
    const shown = Math.min(done, total);
    if (shown - reported < total / STEPS && shown < total) return;
    if (shown === reported) return;
    reported = shown;
    report(phase, shown, total);
  };
}
