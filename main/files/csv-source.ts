import Papa from 'papaparse';
import { LAYOUT_RECORDS, detectLayout, type CsvLayout } from '@core/csv/layout';
import { countLineBreaks, lastRecordBoundary } from '@core/csv/record-boundary';
import type { Delimiter } from '@core/csv/sniff';
import { findDuplicateColumn } from '@core/import/header';
import type { ImportWarning } from '@core/model/import-issue';
import { ImportFailure } from './import-failure';
import { SAMPLE_ROWS, type CsvRows, type SourceEnd, type SourceHead } from './source-types';

/** What the CSV reader needs besides the text. */
export interface CsvSourceContext {
  readonly fileName: string;
  readonly batchRows: number;
  readonly delimiter?: Delimiter;
  readonly encoding: string;
  readonly bom: boolean;
  readonly signal?: AbortSignal;
  /** Bytes handed on so far, for the progress of each batch. */
  bytesRead(): number;
  /** Totals once the text is exhausted. */
  end(rowsRead: number, warnings: readonly ImportWarning[]): SourceEnd;
}

// A record longer than this is an unclosed quote swallowing the rest of the file, not a real cell.
const MAX_RECORD_CHARS = 8 * 1024 * 1024;
// Text gathered before the layout is guessed, when the first lines are very long.
const LAYOUT_CHARS = 1 << 20;

/**
 * Streams CSV text (already decoded, BOM cut off): finds separator, preamble and header, yields the head with
 * a sample once 20 rows are known, then batches of rows with the physical line each starts on. Memory holds
 * one chunk and one batch. Problems are thrown as `ImportFailure` naming the file and line.
 */
export async function* readCsvText(texts: AsyncIterable<string>, context: CsvSourceContext): AsyncGenerator<SourceHead | CsvRows, SourceEnd> {
  const { fileName, batchRows } = context;
  const failAt = (line: number | undefined, code: ImportFailure['issue']['code'], message: string): never => {
    throw new ImportFailure(line === undefined ? { code, file: fileName, message } : { code, file: fileName, line, message });
  };

  let pending = '';
  let pendingLine = 1;
  let rowsRead = 0;
  let layout: CsvLayout | undefined;
  let header: string[] | undefined;
  let headYielded = false;
  const headWarnings: ImportWarning[] = [];
  const laterWarnings: ImportWarning[] = [];
  let strayBomWarned = false;
  let batch: { rows: string[][]; lines: number[] } = { rows: [], lines: [] };

  const warn = (warning: ImportWarning): void => {
    (headYielded ? laterWarnings : headWarnings).push(warning);
  };

  const acceptHeader = (row: string[], rowLine: number): void => {
    header = row.map((name) => name.trim());
    const duplicate = findDuplicateColumn(header);
    if (duplicate !== undefined) failAt(rowLine, 'DUPLICATE_HEADER', `the column "${duplicate}" appears twice in the header`);
    const blank = header.flatMap((name, index) => (name === '' ? [index + 1] : []));
    if (blank.length > 0) {
      warn({ file: fileName, line: rowLine, message: `column${blank.length === 1 ? '' : 's'} ${blank.join(', ')} of the header ha${blank.length === 1 ? 's' : 've'} no name` });
    }
  };

  const acceptRow = (row: string[], rowLine: number): void => {
    // With `\n` as the break, a CRLF line leaves its CR on the last cell; quoted cells lose it in the parser.
    const last = row.length - 1;
    if (row[last]?.endsWith('\r')) row[last] = row[last].slice(0, -1);
    if (row[0] === '' && row.every((cell) => cell === '')) return; // a blank line, or one Excel padded with separators
    if (row[0]?.charCodeAt(0) === 0xfeff) {
      // A byte-order mark inside the text: two exports were joined with `cat` or `copy /b`.
      row[0] = row[0].slice(1);
      if (!strayBomWarned) warn({ file: fileName, line: rowLine, message: 'a byte-order mark starts this line: the file looks like two exports joined together' });
      strayBomWarned = true;
    }
    if (header === undefined) return acceptHeader(row, rowLine);
    if (row.length !== header.length) {
      failAt(rowLine, 'WRONG_COLUMN_COUNT', `expected ${header.length} columns as in the header, found ${row.length}`);
    }
    batch.rows.push(row);
    batch.lines.push(rowLine);
    rowsRead += 1;
  };

  const takeRecords = (text: string, final: boolean, delimiter: Delimiter): void => {
    let line = pendingLine;
    let rowStart = 0;
    // Step mode: measured faster here than collecting the whole segment, and it gives each row's cursor.
    Papa.parse<string[]>(text, {
      delimiter,
      // Always `\n`: a file with CRLF and LF lines mixed still splits on every line.
      newline: '\n',
      step(result) {
        const rowLine = line;
        const cursor = result.meta.cursor;
        line += countLineBreaks(text, rowStart, cursor);
        rowStart = cursor;
        // Most rows have no error: no search (and no closure) per row.
        const quoteError = result.errors.length === 0 ? undefined : result.errors.find(isQuoteError);
        if (quoteError) failAt(rowLine, 'PARSE_ERROR', quoteProblem(final, quoteError.code));
        acceptRow(result.data, rowLine);
      },
    });
    pendingLine = line;
  };

  const findLayout = (final: boolean): CsvLayout => {
    const found = detectLayout(pending, final, context.delimiter);
    pending = pending.slice(found.headerOffset);
    pendingLine = found.headerLine;
    return found;
  };

  const head = (): SourceHead => {
    if (header === undefined || layout === undefined) return failAt(undefined, 'EMPTY_FILE', 'the file is empty: no header row');
    headYielded = true;
    const format = {
      container: 'csv' as const,
      encoding: context.encoding,
      bom: context.bom,
      delimiter: layout.delimiter,
      preambleLines: layout.preambleLines,
      preamble: layout.preamble,
      headerLine: layout.headerLine,
    };
    return { header, format, sample: batch.rows.slice(0, SAMPLE_ROWS), warnings: headWarnings };
  };

  const takeBatch = (size: number): CsvRows => {
    if (context.signal?.aborted) failAt(undefined, 'CANCELLED', 'the import was cancelled');
    const taken: CsvRows = { rows: batch.rows.slice(0, size), lines: batch.lines.slice(0, size), bytesRead: context.bytesRead() };
    batch = { rows: batch.rows.slice(size), lines: batch.lines.slice(size) };
    return taken;
  };

  /**
   * The text left to read once the record cut at the end of the last chunk is completed from this chunk's first
   * line and parsed on its own. Joining the leftover with the whole chunk made V8 copy the chunk when the boundary
   * search flattened it: a second large string per chunk, garbage for the old generation. The rest of the chunk
   * is read as a view of it. When the record does not end on that line (a quoted value with line breaks), the
   * two are joined as before.
   */
  const completeCutRecord = (text: string, delimiter: Delimiter): string => {
    const firstBreak = text.indexOf('\n');
    if (pending.length === 0 || firstBreak < 0) return pending + text;
    const record = pending + text.slice(0, firstBreak + 1);
    if (lastRecordBoundary(record, delimiter) !== record.length) return pending + text;
    takeRecords(record, false, delimiter);
    return text.slice(firstBreak + 1);
  };

  for await (const text of texts) {
    if (layout === undefined) {
      pending += text;
      if (pending.length < LAYOUT_CHARS && !hasLines(pending, LAYOUT_RECORDS + 1)) continue;
      layout = findLayout(false);
    } else pending = completeCutRecord(text, layout.delimiter);
    const boundary = lastRecordBoundary(pending, layout.delimiter);
    if (boundary === 0) {
      if (pending.length > MAX_RECORD_CHARS) failAt(pendingLine, 'PARSE_ERROR', 'a quoted field starting on this line is never closed: more than 8 MB of text without its closing quote');
      continue;
    }
    takeRecords(pending.slice(0, boundary), false, layout.delimiter);
    pending = pending.slice(boundary);
    if (!headYielded && header !== undefined && batch.rows.length >= SAMPLE_ROWS) yield head();
    if (headYielded) while (batch.rows.length >= batchRows) yield takeBatch(batchRows);
  }
  layout ??= findLayout(true);
  if (pending.length > 0) takeRecords(pending, true, layout.delimiter);
  if (!headYielded) yield head();
  while (batch.rows.length > 0) yield takeBatch(batchRows);
  return context.end(rowsRead, laterWarnings);
}

const isQuoteError = (error: Papa.ParseError): boolean => error.type === 'Quotes';

function hasLines(text: string, count: number): boolean {
  let found = 0;
  for (let at = text.indexOf('\n'); at >= 0 && found < count; at = text.indexOf('\n', at + 1)) found += 1;
  return found >= count;
}

function quoteProblem(final: boolean, code: string | undefined): string {
  if (final && code === 'MissingQuotes') return 'a quoted field starting on this line is never closed: it runs to the end of the file';
  return 'a closing quote is followed by other characters in this row: a value with quotes must be wholly quoted, with inner quotes doubled ("")';
}
