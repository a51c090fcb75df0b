/**
 * The offset just past the last line break that ends a CSV record, or 0 when the text holds no complete
 * record. `text` must start at a record start. A line break inside a quoted field does not end a record.
 * As in the parser, a quote opens a quoted field only at the start of a field, so a stray quote inside an
 * unquoted value (`ab"c`) is literal and cannot swallow the records after it; `""` inside quotes is a quote.
 */
export function lastRecordBoundary(text: string, delimiter = ','): number {
  // Hops from quote to quote with the native search: only quotes change the state, and a plain character
  // loop over every character of a million-row file cost seconds (measured 5 to 20 times slower).
  const separator = delimiter.charCodeAt(0);
  // Where the current stretch outside quotes began, and the last line break seen outside quotes before it.
  let outsideFrom = 0;
  let lastOutside = -1;
  for (let from = 0; ; ) {
    const quote = text.indexOf('"', from);
    if (quote < 0) break;
    const before = quote === 0 ? NEWLINE : text.charCodeAt(quote - 1);
    if (before !== separator && before !== NEWLINE) {
      from = quote + 1; // a literal quote inside an unquoted value
      continue;
    }
    const newline = text.lastIndexOf('\n', quote - 1);
    if (newline >= outsideFrom) lastOutside = newline;
    let at = quote + 1;
    for (;;) {
      const close = text.indexOf('"', at);
      if (close < 0) return lastOutside + 1; // the text ends inside this quoted field
      if (text.charCodeAt(close + 1) === QUOTE) {
        at = close + 2;
        continue;
      }
      from = close + 1;
      break;
    }
    outsideFrom = from;
  }
  const newline = text.lastIndexOf('\n');
  return (newline >= outsideFrom ? newline : lastOutside) + 1;
}

const QUOTE = 34;
const NEWLINE = 10;

/** How many `\n` lie in `text` between `start` (inclusive) and `end` (exclusive). */
export function countLineBreaks(text: string, start: number, end: number): number {
  // The native search, not a loop over every character: called once per record, over the whole file.
  let count = 0;
  for (let at = text.indexOf('\n', start); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}
