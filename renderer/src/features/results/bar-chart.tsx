export interface Bar<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly count: number;
  /** A class naming the bar's colour (a situation or severity). */
  readonly tone?: string;
}

/**
 * A horizontal bar chart whose bars are toggle buttons: pressing one filters the findings table to it.
 * Each count is printed beside its bar, so the chart never depends on colour or length alone.
 */
export function BarChart<K extends string>({ title, testId, bars, selected, onToggle }: { readonly title: string; readonly testId: string; readonly bars: readonly Bar<K>[]; readonly selected: ReadonlySet<K>; readonly onToggle: (key: K) => void }) {
  const most = Math.max(1, ...bars.map((bar) => bar.count));
  return (
    <figure className="bar-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      {bars.length === 0 && <p className="hint">none</p>}
      {bars.map((bar) => (
        <button
          key={bar.key}
          type="button"
          className={`bar ${bar.tone ?? ''}`}
          aria-pressed={selected.has(bar.key)}
          title={`Show only ${bar.label} in the table`}
          onClick={() => onToggle(bar.key)}
        >
          <span className="bar-label">{bar.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(bar.count / most) * 100}%` }} />
          </span>
          <span className="bar-count" data-testid={`${testId}-${bar.key}`}>
            {bar.count.toLocaleString('en-US')}
          </span>
        </button>
      ))}
    </figure>
  );
}
