import { Tokenizer } from '@streamparser/json';
import { flattenRecord } from '@core/import/flatten';
import type { ImportWarning } from '@core/model/import-issue';
import { ImportFailure } from './import-failure';
import { JsonShapeError, RecordAssembler } from './json-records';
import { SAMPLE_ROWS, type CsvRows, type SourceEnd, type SourceHead } from './source-types';

/** What the JSON reader needs besides the bytes. */
export interface JsonSourceContext {
  readonly fileName: string;
  readonly batchRows: number;
  readonly encoding: string;
  readonly bom: boolean;
  readonly signal?: AbortSignal;
  bytesRead(): number;
  end(rowsRead: number, warnings: readonly ImportWarning[]): SourceEnd;
}

// The header is the union of the keys of the first records: this many, or those in the first bytes.
const HEADER_RECORDS = 1000;
const HEADER_BYTES = 8 * 1024 * 1024;

/**
 * Streams JSON records (UTF-8 bytes, BOM cut off) as rows: the header is the union of the flattened keys of
 * the first 1000 records (or first 8 MB) in first-seen order; a key first seen later is reported once and not
 * imported. The "line" of a row is its 1-based record number. Malformed JSON fails with line and column.
 */
export async function* readJsonBytes(chunks: AsyncIterable<Uint8Array>, context: JsonSourceContext): AsyncGenerator<SourceHead | CsvRows, SourceEnd> {
  const { fileName, batchRows } = context;
  const position = new LineTracker();
  const warnings: ImportWarning[] = [];
  const unseen = new Set<string>();
  let flattened: Map<string, string>[] = [];
  let header: string[] | undefined;
  let columns: Set<string> | undefined;
  let rowsRead = 0;
  let recordNumber = 0;
  let lastPage: Record<string, unknown> | undefined;
  let headYielded = false;
  let batch: { rows: string[][]; lines: number[] } = { rows: [], lines: [] };

  const toRow = (fields: Map<string, string>, record: number): void => {
    const keys = header ?? [];
    for (const key of fields.keys()) {
      if (columns?.has(key) || unseen.has(key)) continue;
      unseen.add(key);
      warnings.push({ file: fileName, line: record, message: `property "${key}" first appears in record ${record} and is not imported` });
    }
    batch.rows.push(keys.map((key) => fields.get(key) ?? ''));
    batch.lines.push(record);
    rowsRead += 1;
  };

  const assembler = new RecordAssembler({
    record(value) {
      recordNumber += 1;
      lastPage = undefined;
      const fields = flattenRecord(value);
      if (header !== undefined) return toRow(fields, recordNumber);
      flattened.push(fields);
      // Fixed at once, mid-chunk: record 1001 must already be measured against the header.
      if (flattened.length >= HEADER_RECORDS) fixHeader();
    },
    page(properties) {
      lastPage = properties;
    },
  });

  const tokenizer = new Tokenizer();
  tokenizer.onToken = ({ token, value, offset }) => assembler.token(token, value, offset);

  const fail = (error: unknown): never => {
    if (error instanceof ImportFailure) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // Only the tokenizer's end-of-input error has no position, and it is at the end.
    const offset = error instanceof JsonShapeError ? error.offset : (absolutePosition(message) ?? position.endOffset);
    const where = position.at(offset);
    const code = error instanceof JsonShapeError && error.notRecords ? 'UNKNOWN_FORMAT' : 'PARSE_ERROR';
    const text = error instanceof JsonShapeError ? error.message : `invalid JSON: ${describeTokenizerError(message)}`;
    throw new ImportFailure({ code, file: fileName, line: where.line, message: code === 'PARSE_ERROR' ? `${text} (column ${where.column})` : text });
  };

  const fixHeader = (): void => {
    const keys = new Map<string, true>();
    for (const fields of flattened) for (const key of fields.keys()) keys.set(key, true);
    header = [...keys.keys()];
    columns = new Set(header);
    const buffered = flattened;
    flattened = [];
    buffered.forEach((fields, index) => toRow(fields, index + 1));
  };

  const head = (): SourceHead => {
    if (header === undefined || header.length === 0) throw new ImportFailure({ code: 'EMPTY_FILE', file: fileName, message: 'the JSON holds no records: nothing to import' });
    headYielded = true;
    const format = { container: 'json' as const, encoding: context.encoding, bom: context.bom, preambleLines: 0, preamble: [], headerLine: 0 };
    return { header, format, sample: batch.rows.slice(0, SAMPLE_ROWS), warnings: warnings.splice(0) };
  };

  const takeBatch = (): CsvRows => {
    if (context.signal?.aborted) throw new ImportFailure({ code: 'CANCELLED', file: fileName, message: 'the import was cancelled' });
    const taken: CsvRows = { rows: batch.rows.slice(0, batchRows), lines: batch.lines.slice(0, batchRows), bytesRead: context.bytesRead() };
    batch = { rows: batch.rows.slice(batchRows), lines: batch.lines.slice(batchRows) };
    return taken;
  };

  for await (const chunk of chunks) {
    position.enter(chunk);
    try {
      tokenizer.write(chunk);
    } catch (error) {
      fail(error);
    }
    if (header === undefined && context.bytesRead() >= HEADER_BYTES) fixHeader();
    if (header !== undefined && !headYielded) yield head();
    if (headYielded) while (batch.rows.length >= batchRows) yield takeBatch();
  }
  try {
    tokenizer.end();
    assembler.end(position.endOffset);
  } catch (error) {
    fail(error);
  }
  if (header === undefined) fixHeader();
  if (!headYielded) yield head();
  while (batch.rows.length > 0) yield takeBatch();
  if (lastPage !== undefined && typeof lastPage['@odata.nextLink'] === 'string') {
    warnings.push({ file: fileName, message: 'the last page still has "@odata.nextLink": later pages were not saved, so the export is incomplete' });
  }
  return context.end(rowsRead, warnings);
}

/** Maps a byte offset of the stream to its line and column, keeping only the current chunk. */
class LineTracker {
  #chunk: Uint8Array = new Uint8Array(0);
  #start = 0;
  #linesBefore = 0;

  /** Call before handing the chunk to the tokenizer. */
  enter(chunk: Uint8Array): void {
    this.#linesBefore += countByte(this.#chunk, 10, this.#chunk.length);
    this.#start += this.#chunk.length;
    this.#chunk = chunk;
  }

  get endOffset(): number {
    return this.#start + this.#chunk.length;
  }

  at(offset: number): { line: number; column: number } {
    const within = Math.min(Math.max(offset - this.#start, 0), this.#chunk.length);
    const line = this.#linesBefore + countByte(this.#chunk, 10, within) + 1;
    const lineStart = within === 0 ? 0 : this.#chunk.lastIndexOf(10, within - 1) + 1;
    return { line, column: within - lineStart + 1 };
  }
}

function countByte(bytes: Uint8Array, byte: number, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(byte); at >= 0 && at < end; at = bytes.indexOf(byte, at + 1)) count += 1;
  return count;
}

function absolutePosition(message: string): number | undefined {
  const match = /absolute position "(\d+)"/.exec(message);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

// The tokenizer's messages name its internal states; a person needs the character and what went wrong.
function describeTokenizerError(message: string): string {
  const unexpected = /^Unexpected "(.*)" at chunk position/s.exec(message);
  if (unexpected) return `unexpected character ${JSON.stringify(unexpected[1])}`;
  if (message.includes('ended in the middle of a token')) return 'the file ends in the middle of a value: it is truncated';
  return message;
}
