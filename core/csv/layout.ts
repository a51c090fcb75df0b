import { DELIMITERS, type Delimiter } from './sniff';

/** Where the header of a CSV text is and how its records are separated. */
export interface CsvLayout {
  readonly delimiter: Delimiter;
  /** Offset in the text where the header record starts. */
  readonly headerOffset: number;
  /** 1-based physical line of the header. */
  readonly headerLine: number;
  /** Physical lines before the header (PowerShell `#TYPE`, report titles, blank lines). */
  readonly preambleLines: number;
  /** The first few of those lines, truncated, so a caller can recognise e.g. an Entra bulk-create template. */
  readonly preamble: readonly string[];
}

/** Records looked at: the header must be among the first ones, and separators must agree across them. */
export const LAYOUT_RECORDS = 40;
const MAX_PREAMBLE_RECORDS = 20;
const PREAMBLE_KEPT = 5;
const PREAMBLE_CHARS = 200;

interface HeadRecord {
  readonly offset: number;
  readonly line: number;
  readonly text: string;
}

/**
 * Finds separator, header and preamble from the first records of a CSV text. The separator is the
 * candidate whose most common field count (> 1) is shared by the most records; the header is the first
 * record having that count that is not a padded title (only its first cell filled). A forced delimiter
 * skips the vote. `complete` says the text is the whole file, so its last line counts even without a break.
 */
export function detectLayout(text: string, complete: boolean, forced?: Delimiter): CsvLayout {
  const records = headRecords(text, complete);
  const nonBlank = records.filter((record) => record.text.trim() !== '');
  const choice = forced === undefined ? voteDelimiter(nonBlank) : { delimiter: forced, count: modalCount(nonBlank, forced).count };
  const header = findHeader(records, choice.delimiter, choice.count);
  const headerOffset = header?.offset ?? 0;
  const headerLine = header?.line ?? 1;
  // The text before the header, split on line breaks; the piece after the last break is the header itself.
  const skipped = headerOffset === 0 ? [] : text.slice(0, headerOffset).split('\n').slice(0, -1);
  return {
    delimiter: choice.delimiter,
    headerOffset,
    headerLine,
    preambleLines: headerLine - 1,
    preamble: skipped.slice(0, PREAMBLE_KEPT).map((line) => truncate(line.replace(/\r$/, ''))),
  };
}

function voteDelimiter(records: readonly HeadRecord[]): { delimiter: Delimiter; count: number } {
  let best: { delimiter: Delimiter; count: number; support: number; headerIndex: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const { count, support } = modalCount(records, delimiter);
    if (count < 2) continue;
    const headerIndex = records.findIndex((record) => fieldCount(record.text, delimiter) === count);
    // More records agreeing wins; then a header nearer the top; then more columns. A separator that
    // also occurs inside values (`;` in proxy addresses) agrees on fewer records or only below the header.
    if (best === undefined || support > best.support || (support === best.support && (headerIndex < best.headerIndex || (headerIndex === best.headerIndex && count > best.count)))) {
      best = { delimiter, count, support, headerIndex };
    }
  }
  return best === undefined ? { delimiter: ',', count: 1 } : best;
}

/**
 * The most frequent field count above 1 among the records, and how many records have it (larger count on a
 * tie); 1 when no record splits. One-field lines (titles) are left out, or a long preamble would outvote the data.
 */
function modalCount(records: readonly HeadRecord[], delimiter: Delimiter): { count: number; support: number } {
  const tally = new Map<number, number>();
  for (const record of records) {
    const count = fieldCount(record.text, delimiter);
    if (count > 1) tally.set(count, (tally.get(count) ?? 0) + 1);
  }
  let count = 1;
  let support = 0;
  for (const [candidate, seen] of tally) {
    if (seen > support || (seen === support && candidate > count)) {
      count = candidate;
      support = seen;
    }
  }
  return { count, support };
}

function findHeader(records: readonly HeadRecord[], delimiter: Delimiter, count: number): HeadRecord | undefined {
  const candidates = records.slice(0, MAX_PREAMBLE_RECORDS + 1);
  const isPreamble = (record: HeadRecord): boolean => {
    const trimmed = record.text.trim();
    if (trimmed === '' || /^#TYPE\s/i.test(trimmed)) return true;
    const cells = splitFields(record.text, delimiter);
    // Excel pads every row of a re-saved CSV to the widest one: a title row then has only its first cell filled.
    return count > 1 && cells.slice(1).every((cell) => cell.trim() === '');
  };
  if (count > 1) {
    const header = candidates.find((record) => !isPreamble(record) && fieldCount(record.text, delimiter) === count);
    if (header !== undefined) return header;
  }
  return candidates.find((record) => !isPreamble(record)) ?? records.find((record) => record.text.trim() !== '');
}

function headRecords(text: string, complete: boolean): HeadRecord[] {
  const records: HeadRecord[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let inQuotes = false;
  for (let position = 0; position < text.length && records.length < LAYOUT_RECORDS; position += 1) {
    const code = text.charCodeAt(position);
    if (code === QUOTE) inQuotes = !inQuotes;
    else if (code === NEWLINE) {
      line += 1;
      if (!inQuotes) {
        records.push({ offset: start, line: startLine, text: text.slice(start, position).replace(/\r$/, '') });
        start = position + 1;
        startLine = line;
      }
    }
  }
  if (complete && start < text.length && records.length < LAYOUT_RECORDS) records.push({ offset: start, line: startLine, text: text.slice(start) });
  return records;
}

/** Fields in one record, quotes respected; quotes are kept, as only the count and emptiness matter here. */
function splitFields(record: string, delimiter: Delimiter): string[] {
  const fields: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let position = 0; position < record.length; position += 1) {
    const char = record[position];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) {
      fields.push(record.slice(start, position));
      start = position + 1;
    }
  }
  fields.push(record.slice(start));
  return fields;
}

/** How many fields a record has with this separator, quotes respected. */
export function fieldCount(record: string, delimiter: Delimiter): number {
  return splitFields(record, delimiter).length;
}

const truncate = (line: string): string => (line.length > PREAMBLE_CHARS ? `${line.slice(0, PREAMBLE_CHARS)}…` : line);

const QUOTE = 34;
const NEWLINE = 10;
