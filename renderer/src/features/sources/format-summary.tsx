import { describeFormat, type SourceFormat } from '@core/import/source-format';

export { describeFormat };

/** How a file was read, with the skipped lines shown as text (never as markup). */
export function FormatSummary({ format }: { readonly format: SourceFormat }) {
  return (
    <div className="format-summary">
      <span data-testid="detected-format">{describeFormat(format)}</span>
      {format.preamble.length > 0 && (
        <details>
          <summary>Skipped lines</summary>
          <pre>{format.preamble.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
