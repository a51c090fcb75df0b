import type { RowBatch } from '@core/import/map-rows';
import { readCsv, type CsvEnd } from './read-csv';

export interface CsvFile {
  readonly header: readonly string[];
  readonly batches: readonly RowBatch[];
  readonly end: CsvEnd;
}

/** Reads a whole CSV file into batches, for the command line, which holds its inputs in memory. */
export async function readCsvFile(path: string, fileName: string): Promise<CsvFile> {
  const reader = readCsv(path, { fileName });
  let header: readonly string[] = [];
  const batches: RowBatch[] = [];
  for (;;) {
    const step = await reader.next();
    if (step.done) return { header, batches, end: step.value };
    if ('header' in step.value) header = step.value.header;
    else batches.push(step.value);
  }
}
