import type { Delimiter } from '@core/csv/sniff';
import { readSource } from './read-source';
import type { CsvRows, SourceEnd } from './source-types';

export type { CsvRows } from './source-types';

export interface CsvHeader {
  readonly header: readonly string[];
  readonly delimiter: Delimiter;
  readonly encoding: string;
}

export interface CsvEnd {
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly sha256: string;
}

export interface ReadCsvOptions {
  /** The name used in messages. */
  readonly fileName: string;
  readonly batchRows?: number;
  readonly signal?: AbortSignal;
}

/**
 * Streams a CSV file: first its header, then batches of rows with the line each starts on, then the totals
 * and the SHA-256 of the bytes read. The older face of `readSource`, kept for callers that only take CSV:
 * same detection (encoding, separator, preamble), always read as CSV, warnings dropped.
 */
export async function* readCsv(path: string, options: ReadCsvOptions): AsyncGenerator<CsvHeader | CsvRows, CsvEnd> {
  const reader = readSource(path, { ...options, container: 'csv' });
  for (let step = await reader.next(); ; step = await reader.next()) {
    if (step.done) return csvEnd(step.value);
    const value = step.value;
    if ('rows' in value) yield value;
    else yield { header: value.header, delimiter: (value.format.delimiter ?? ',') as Delimiter, encoding: value.format.encoding };
  }
}

const csvEnd = ({ rowsRead, bytesRead, sha256 }: SourceEnd): CsvEnd => ({ rowsRead, bytesRead, sha256 });
