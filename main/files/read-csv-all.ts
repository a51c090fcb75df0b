import type { RowBatch } from '@core/import/map-rows';
import type { ImportWarning } from '@core/model/import-issue';
import type { SourceFormat } from '@core/import/source-format';
import { readCsv, type CsvEnd } from './read-csv';
import { readSource } from './read-source';
import type { SourceEnd } from './source-types';

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

/** A whole source file (CSV or JSON) with its detected format and every warning, head and end alike. */
export interface SourceFile {
  readonly header: readonly string[];
  readonly format: SourceFormat;
  readonly batches: readonly RowBatch[];
  readonly warnings: readonly ImportWarning[];
  readonly end: SourceEnd;
}

/** Reads a whole source file (any format `readSource` takes) into memory, for the command line. */
export async function readSourceFile(path: string, fileName: string): Promise<SourceFile> {
  const reader = readSource(path, { fileName });
  const first = await reader.next();
  // readSource yields a head before anything else, or throws.
  if (first.done || !('header' in first.value)) throw new Error('readSource ended without a head');
  const { header, format, warnings } = first.value;
  const batches: RowBatch[] = [];
  for (;;) {
    const step = await reader.next();
    if (step.done) return { header, format, batches, warnings: [...warnings, ...step.value.warnings], end: step.value };
    if ('rows' in step.value) batches.push(step.value);
  }
}
