/**
 * The offset just past the last line break that ends a CSV record, or 0 when the text holds no complete
 * record. A line break inside a quoted field does not end a record; `""` toggles twice, so it is neutral.
 */
export function lastRecordBoundary(text: string): number {
  let inQuotes = false;
  let last = -1;
  let position = 0;
  let nextQuote = text.indexOf('"');
  for (;;) {
    const nextBreak = text.indexOf('\n', position);
    if (nextBreak < 0) break;
    if (nextQuote >= 0 && nextQuote < nextBreak) {
      inQuotes = !inQuotes;
      position = nextQuote + 1;
      nextQuote = text.indexOf('"', position);
      continue;
    }
    if (!inQuotes) last = nextBreak;
    position = nextBreak + 1;
  }
  return last + 1;
}

/** How many `\n` lie in `text` between `start` (inclusive) and `end` (exclusive). */
export function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', start); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}
