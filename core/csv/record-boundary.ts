/**
 * The offset just past the last line break that ends a CSV record, or 0 when the text holds no complete
 * record. `text` must start at a record start. A line break inside a quoted field does not end a record.
 * As in the parser, a quote opens a quoted field only at the start of a field, so a stray quote inside an
 * unquoted value (`ab"c`) is literal and cannot swallow the records after it; `""` inside quotes is a quote.
 */
export function lastRecordBoundary(text: string, delimiter = ','): number {
  // A plain character loop: indexOf-hopping over a concatenated string proved a hundred times slower.
  const separator = delimiter.charCodeAt(0);
  let inQuotes = false;
  let last = -1;
  let previous = NEWLINE;
  for (let position = 0; position < text.length; position += 1) {
    const code = text.charCodeAt(position);
    if (inQuotes) {
      if (code === QUOTE) {
        if (text.charCodeAt(position + 1) === QUOTE) position += 1;
        else inQuotes = false;
      }
    } else if (code === NEWLINE) {
      last = position;
    } else if (code === QUOTE && (previous === separator || previous === NEWLINE)) {
      inQuotes = true;
    }
    previous = code;
  }
  return last + 1;
}

const QUOTE = 34;
const NEWLINE = 10;

/** How many `\n` lie in `text` between `start` (inclusive) and `end` (exclusive). */
export function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let position = start; position < end; position += 1) if (text.charCodeAt(position) === NEWLINE) count += 1;
  return count;
}
