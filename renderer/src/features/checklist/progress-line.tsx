import type { Progress } from '@core/review/checklist';

/** A progress bar with its counts in words, so the figure does not rest on the bar alone. */
export function ProgressLine({ label, progress, testId }: { readonly label: string; readonly progress: Progress; readonly testId?: string }) {
  const { finished, total, overdue } = progress;
  const percent = total === 0 ? 100 : Math.floor((finished / total) * 100);
  return (
    <div className="progress-line">
      <progress max={Math.max(total, 1)} value={finished} aria-label={label} />
      <span data-testid={testId}>
        {finished.toLocaleString('en-US')} of {total.toLocaleString('en-US')} done ({percent}%)
        {overdue > 0 && <strong className="overdue-count"> · {overdue.toLocaleString('en-US')} overdue</strong>}
      </span>
    </div>
  );
}
