import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import Papa from 'papaparse';
import { findDuplicateColumn } from '@core/import/header';
import { countLineBreaks, lastRecordBoundary } from '@core/csv/record-boundary';
import { detectDelimiter, looksBinary, sniffEncoding, type Delimiter } from '@core/csv/sniff';
import { ImportFailure } from './import-failure';

export interface CsvHeader {
  readonly header: readonly string[];
  readonly delimiter: Delimiter;
  readonly encoding: string;
}

export interface CsvRows {
  readonly rows: string[][];
  /** 1-based line where each row starts. */
  readonly lines: number[];
  readonly bytesRead: number;
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

// A record longer than this is an unclosed quote swallowing the rest of the file, not a real cell.
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/**
 * Streams a CSV file: first its header, then batches of rows with the line each starts on, then the totals
 * and the SHA-256 of the bytes read. Memory holds one chunk and one batch, whatever the file size. Problems
 * with the input are thrown as `ImportFailure` naming the file and line.
 */
export async function* readCsv(path: string, options: ReadCsvOptions): AsyncGenerator<CsvHeader | CsvRows, CsvEnd> {
  const { fileName, batchRows = 5000, signal } = options;
  const failAt = (line: number | undefined, code: ImportFailure['issue']['code'], message: string): never => {
    throw new ImportFailure(line === undefined ? { code, file: fileName, message } : { code, file: fileName, line, message });
  };

  const hash = createHash('sha256');
  let decoder: TextDecoder | undefined;
  let pending = '';
  let pendingLine = 1;
  let bytesRead = 0;
  let rowsRead = 0;
  let header: string[] | undefined;
  let delimiter: Delimiter = ',';
  // Detected once from the first line: guessing it again for every segment costs a third of the parse.
  let newline: '\n' | '\r\n' = '\n';
  let batch: CsvRows = { rows: [], lines: [], bytesRead: 0 };

  const acceptRow = (row: string[], rowLine: number): void => {
    // A file with mixed line endings leaves a CR on the last cell of its CRLF lines.
    const last = row.length - 1;
    if (row[last]?.endsWith('\r')) row[last] = row[last].slice(0, -1);
    if (row.length === 1 && row[0] === '') return; // a blank line
    if (header === undefined) {
      header = row.map((name) => name.trim());
      const duplicate = findDuplicateColumn(header);
      if (duplicate !== undefined) failAt(rowLine, 'DUPLICATE_HEADER', `the column "${duplicate}" appears twice in the header`);
      return;
    }
    if (row.length !== header.length) {
      failAt(rowLine, 'WRONG_COLUMN_COUNT', `expected ${header.length} columns as in the header, found ${row.length}`);
    }
    batch.rows.push(row);
    batch.lines.push(rowLine);
    rowsRead += 1;
  };

  const takeRecords = (text: string, final: boolean): void => {
    let line = pendingLine;
    let rowStart = 0;
    // Step mode: measured faster here than collecting the whole segment, and it gives each row's cursor.
    Papa.parse<string[]>(text, {
      delimiter,
      newline,
      step(result) {
        const rowLine = line;
        const cursor = result.meta.cursor;
        line += countLineBreaks(text, rowStart, cursor);
        rowStart = cursor;
        const quoteError = result.errors.find((error) => error.type === 'Quotes');
        if (quoteError) failAt(rowLine, 'PARSE_ERROR', quoteProblem(final, quoteError.message));
        acceptRow(result.data, rowLine);
      },
    });
    pendingLine = line;
  };

  try {
    const stream = createReadStream(path, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytesRead += chunk.length;
      if (decoder === undefined) {
        const encoding = sniffEncoding(chunk);
        if (looksBinary(chunk.subarray(0, 8192), encoding)) failAt(undefined, 'PARSE_ERROR', 'this is a binary file, not a CSV export');
        decoder = new TextDecoder(encoding, { fatal: true });
      }
      pending += decodeChunk(decoder, chunk, fileName);
      const boundary = lastRecordBoundary(pending);
      if (boundary === 0) {
        if (pending.length > MAX_RECORD_CHARS) failAt(pendingLine, 'PARSE_ERROR', 'a quoted field is never closed');
        continue;
      }
      const hadHeader = header !== undefined;
      if (!hadHeader) ({ delimiter, newline } = detectLayout(pending));
      takeRecords(pending.slice(0, boundary), false);
      pending = pending.slice(boundary);
      if (!hadHeader && header !== undefined) yield { header, delimiter, encoding: decoder.encoding };
      while (batch.rows.length >= batchRows) yield takeBatch(batchRows);
    }
    if (decoder !== undefined) pending += decodeChunk(decoder, undefined, fileName);
    if (pending.length > 0) {
      const hadHeader = header !== undefined;
      if (!hadHeader) ({ delimiter, newline } = detectLayout(pending));
      takeRecords(pending, true);
      if (!hadHeader && header !== undefined) yield { header, delimiter, encoding: decoder?.encoding ?? 'utf-8' };
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') failAt(undefined, 'CANCELLED', 'the import was cancelled');
    if (error instanceof ImportFailure) throw error;
    const message = error instanceof Error ? error.message : String(error);
    failAt(undefined, 'FILE_UNREADABLE', `cannot read the file: ${message}`);
  }
  if (header === undefined) failAt(undefined, 'EMPTY_FILE', 'the file is empty: no header row');
  while (batch.rows.length > 0) yield takeBatch(batchRows);
  return { rowsRead, bytesRead, sha256: hash.digest('hex') };

  function takeBatch(size: number): CsvRows {
    const taken: CsvRows = { rows: batch.rows.slice(0, size), lines: batch.lines.slice(0, size), bytesRead };
    batch = { rows: batch.rows.slice(size), lines: batch.lines.slice(size), bytesRead };
    return taken;
  }
}

/** Separator and line ending, from the first line of the text. */
function detectLayout(text: string): { delimiter: Delimiter; newline: '\n' | '\r\n' } {
  const end = text.indexOf('\n');
  const firstLine = end < 0 ? text : text.slice(0, end);
  return { delimiter: detectDelimiter(firstLine), newline: firstLine.endsWith('\r') ? '\r\n' : '\n' };
}

function decodeChunk(decoder: TextDecoder, chunk: Buffer | undefined, fileName: string): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch {
    throw new ImportFailure({ code: 'PARSE_ERROR', file: fileName, message: `the file is not valid ${decoder.encoding} text` });
  }
}

function quoteProblem(final: boolean, message: string): string {
  return final ? 'a quoted field is never closed' : `malformed quotes: ${message}`;
}
