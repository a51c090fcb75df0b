import type { SourceDelimiter, SourceEncoding, SourceFormat } from '@core/import/source-format';
import type { ImportWarning } from '@core/model/import-issue';

/** A batch of rows, each with its 1-based line (CSV: physical line where it starts; JSON: record number). */
export interface CsvRows {
  readonly rows: string[][];
  /** 1-based line where each row starts (for JSON, the record number). */
  readonly lines: number[];
  readonly bytesRead: number;
}

/** What a source looks like, yielded once before its rows. */
export interface SourceHead {
  readonly header: readonly string[];
  readonly format: SourceFormat;
  /** The first data rows (at most 20); they are delivered again in the first batch. */
  readonly sample: readonly (readonly string[])[];
  /** Warnings found while reading the head. */
  readonly warnings: readonly ImportWarning[];
}

/** Totals of a finished read. */
export interface SourceEnd {
  readonly rowsRead: number;
  readonly bytesRead: number;
  /** SHA-256 of the raw bytes of the file, whatever its encoding. */
  readonly sha256: string;
  /** Warnings found after the head was yielded. */
  readonly warnings: readonly ImportWarning[];
}

/** How to read a source; overrides beat detection. */
export interface ReadSourceOptions {
  /** The name used in messages; its extension also hints at JSON. */
  readonly fileName: string;
  readonly batchRows?: number;
  readonly signal?: AbortSignal;
  readonly encoding?: SourceEncoding;
  readonly delimiter?: SourceDelimiter;
  /** Forces CSV or JSON reading; `readCsv` forces CSV. */
  readonly container?: 'csv' | 'json';
}

/** Rows of a source, streamed: a head, then batches, then the totals. */
export type SourceReader = AsyncGenerator<SourceHead | CsvRows, SourceEnd>;

/** Rows taken into the sample shown before an import starts. */
export const SAMPLE_ROWS = 20;
