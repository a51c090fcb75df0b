/** Text encodings recognised from the bytes of a file. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What the first bytes say: an encoding and the length of its byte-order mark, or why the file is not text. */
export type EncodingGuess =
  | { readonly ok: true; readonly encoding: TextEncodingName; readonly bomLength: number }
  | { readonly ok: false; readonly message: string };

// Bytes looked at for the NUL pattern of BOM-less UTF-16 and for control bytes.
const PROBE_BYTES = 4096;

/**
 * Guesses the encoding of a text file from its head: a byte-order mark wins; then the NUL pattern of
 * BOM-less UTF-16; then UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what Excel's "CSV" save
 * writes on western Windows). Binary files (NULs, control bytes, known magic numbers) are refused.
 * `complete` says the head is the whole file, so a multi-byte sequence cut at its end is an error.
 */
export function detectEncoding(head: Uint8Array, complete: boolean): EncodingGuess {
  const magic = knownBinary(head);
  if (magic !== undefined) return { ok: false, message: magic };
  const bom = byteOrderMark(head);
  if (bom !== undefined) return { ok: true, ...bom };
  const probe = head.subarray(0, PROBE_BYTES);
  const utf16 = utf16WithoutBom(probe);
  if (utf16 !== undefined) return { ok: true, encoding: utf16, bomLength: 0 };
  // A stray NUL in a text file is left to the reader, which names its line; many of them mean binary.
  if (countOf(probe, 0) > Math.max(2, probe.length / 100) || controlBytes(probe) > Math.max(2, probe.length / 200)) {
    return { ok: false, message: `this is a binary file (it holds NUL or control bytes), ${NOT_EXPORT}` };
  }
  return { ok: true, encoding: isValidUtf8(head, complete) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** The encoding a byte-order mark announces, with the mark's length; undefined when there is none. */
export function byteOrderMark(head: Uint8Array): { encoding: TextEncodingName; bomLength: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return undefined;
}

/** The BOM length to skip when the user forces an encoding: only a mark that belongs to that encoding. */
export function bomLengthFor(head: Uint8Array, encoding: TextEncodingName): number {
  const bom = byteOrderMark(head);
  return bom !== undefined && bom.encoding === encoding ? bom.bomLength : 0;
}

// Text in Latin script saved as UTF-16 without a mark has a NUL in every other byte; which half says the order.
function utf16WithoutBom(probe: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(probe.length / 2);
  if (pairs < 2) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index + 1 < probe.length; index += 2) {
    if (probe[index] === 0) evenNuls += 1;
    if (probe[index + 1] === 0) oddNuls += 1;
  }
  if (oddNuls >= pairs * 0.4 && evenNuls <= pairs * 0.05) return 'utf-16le';
  if (evenNuls >= pairs * 0.4 && oddNuls <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

function countOf(bytes: Uint8Array, wanted: number): number {
  let found = 0;
  for (const byte of bytes) if (byte === wanted) found += 1;
  return found;
}

// Tab, LF, VT, FF, CR and SUB (the old end-of-file mark some tools still append) occur in real text files.
function controlBytes(probe: Uint8Array): number {
  let count = 0;
  for (const byte of probe) if (byte !== 0 && byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1a) count += 1;
  return count;
}

const NOT_EXPORT = 'not a CSV or JSON export';
const MAGIC: readonly (readonly [readonly number[], string])[] = [
  [[0x50, 0x4b, 0x03, 0x04], `this is an Excel workbook (.xlsx) or a ZIP archive, ${NOT_EXPORT}: open it in Excel and save it as CSV`],
  [[0xd0, 0xcf, 0x11, 0xe0], `this is an old Excel workbook (.xls), ${NOT_EXPORT}: open it in Excel and save it as CSV`],
  [[0x89, 0x50, 0x4e, 0x47], `this is a PNG image, ${NOT_EXPORT}`],
  [[0xff, 0xd8, 0xff], `this is a JPEG image, ${NOT_EXPORT}`],
  [[0x25, 0x50, 0x44, 0x46], `this is a PDF document, ${NOT_EXPORT}`],
  [[0x1f, 0x8b], `this is a gzip-compressed file, ${NOT_EXPORT}: unpack it first`],
];

function knownBinary(head: Uint8Array): string | undefined {
  return MAGIC.find(([bytes]) => bytes.every((byte, index) => head[index] === byte))?.[1];
}

/**
 * Whether the bytes are valid UTF-8. When `complete` is false the bytes are only the head of the file, so a
 * multi-byte sequence cut by the end of the head is not held against it.
 */
export function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
  return firstInvalidUtf8(bytes, complete) === bytes.length;
}

/** Offset of the first byte that breaks UTF-8, or the length when there is none (see `isValidUtf8` for `complete`). */
export function firstInvalidUtf8(bytes: Uint8Array, complete = false): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x80) {
      index += 1;
      continue;
    }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    if (index + length > bytes.length) return !complete && continuationsValid(bytes, index, bytes.length, byte) ? bytes.length : index;
    if (!continuationsValid(bytes, index, index + length, byte)) return index;
    index += length;
  }
  return bytes.length;
}

// The second byte's range depends on the lead byte: this refuses overlong forms, surrogates and values past U+10FFFF.
function continuationsValid(bytes: Uint8Array, start: number, end: number, lead: number): boolean {
  for (let index = start + 1; index < end; index += 1) {
    const byte = bytes[index] ?? 0;
    let low = 0x80;
    let high = 0xbf;
    if (index === start + 1) {
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
      else if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    }
    if (byte < low || byte > high) return false;
  }
  return true;
}
