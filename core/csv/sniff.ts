/** Text encodings recognised from a byte-order mark (see `detectEncoding` in ./encoding for the full guess). */
export type SniffedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte-order mark announces; UTF-8 when there is none. */
export function sniffEncoding(head: Uint8Array): SniffedEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** True when the bytes hold a NUL, which no text export of a UTF-8 or single-byte encoding contains. */
export function looksBinary(head: Uint8Array, encoding: SniffedEncoding): boolean {
  return encoding === 'utf-8' && head.includes(0);
}

/** The separators a CSV export uses, in the order that wins a tie. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The separator used by a header line: whichever candidate occurs most often outside quotes (`,` on a tie). */
export function detectDelimiter(headerLine: string): Delimiter {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = unquoted.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Whether a file holds JSON or CSV. */
export type Container = 'csv' | 'json';

const JSON_EXTENSIONS = /\.(json|jsonl|ndjson)$/i;

/**
 * JSON when the name says so, or when the text (after any BOM) opens an object, or an array whose first
 * item is an object, array or its end: a CSV header such as `[id],[name]` also starts with a bracket.
 */
export function detectContainer(fileName: string, headText: string): Container {
  if (JSON_EXTENSIONS.test(fileName)) return 'json';
  const text = headText.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) return 'json';
  if (/^\[\s*(?:[[{\]]|$)/.test(text)) return 'json';
  return 'csv';
}
