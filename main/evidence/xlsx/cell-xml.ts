import { xmlText } from './xml-text';

/** A value as a cell holds it: text (never a formula), a number, an instant (an Excel date), or nothing. */
export type XlsxValue = string | number | Date | undefined;

const MS_PER_DAY = 86_400_000;
// 1970-01-01 is day 25,569 in Excel's 1900 date system.
const EPOCH_SERIAL = 25_569;
// Before 1900-03-01 Excel's serials are off by its phantom 1900-02-29; such instants are written as text.
const FIRST_SAFE_SERIAL = 61;

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** An instant as Excel's serial day number (UTC; Excel dates have no zone). */
export function excelSerial(at: Date): number {
  return at.getTime() / MS_PER_DAY + EPOCH_SERIAL;
}

/**
 * XML in pieces, joined once per chunk. The array is made once, at a chunk's size (and a row's room past it), and
 * filled in place: a chunk costs the garbage collector its joined string and little else (an array grown anew per
 * chunk allocated some three times the XML's own size, and the young collections that go with it).
 */
export class XmlPieces {
  private readonly parts: string[];
  private count = 0;

  constructor(capacity: number) {
    this.parts = Array.from({ length: capacity }, () => '');
  }

  /** Pieces added since the last `take`. */
  get size(): number {
    return this.count;
  }

  add(piece: string): void {
    this.parts[this.count++] = piece;
  }

  /** Everything added since the last `take`, as one string; the pieces start again empty. */
  take(): string {
    const text = this.parts.join('');
    // Emptied at once: a piece left in the array would outlive its chunk, copied by every young collection.
    this.parts.fill('', 0, this.count);
    this.count = 0;
    return text;
  }
}

// Every opening piece a cell can need, made once: a cell is then a handful of references added to the pieces
// (joined once per chunk), not a chain of small concatenated strings the garbage collector has to walk.
const STYLE_COUNT = 16;
const styleAttribute = (style: number): string => (style === 0 ? '' : ` s="${style}"`);
const openings = (rest: (style: number) => string): { readonly bare: readonly string[]; readonly placed: readonly string[] } => ({
  bare: Array.from({ length: STYLE_COUNT }, (_, style) => `<c${styleAttribute(style)}${rest(style)}`),
  placed: Array.from({ length: STYLE_COUNT }, (_, style) => `"${styleAttribute(style)}${rest(style)}`),
});
const TEXT_OPEN = openings(() => ' t="inlineStr"><is><t>');
// XML parsers drop leading and trailing white space unless told to keep it.
const TEXT_OPEN_KEEP = openings(() => ' t="inlineStr"><is><t xml:space="preserve">');
const VALUE_OPEN = openings(() => '><v>');
const TEXT_CLOSE = '</t></is></c>';
const VALUE_CLOSE = '</v></c>';

/**
 * Adds one `<c>` element; false (nothing added) for an empty cell. Text is an inline string (`t="inlineStr"`),
 * so nothing a value holds is ever read as a formula; a number is a number; a date is a serial number with a
 * date style. The cell's reference is `column` + `row` (e.g. "B" and "7"); `column` may be left out only when
 * the cell directly follows the one written before it: `r` is optional there, and leaving it out saves about a
 * quarter of the XML.
 */
export function addCell(out: XmlPieces, column: string | undefined, row: string, value: XlsxValue, style: number): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return addText(out, column, row, value, style);
  if (typeof value === 'number') return Number.isFinite(value) ? addValue(out, column, row, String(value), style) : addText(out, column, row, String(value), style);
  const serial = excelSerial(value);
  if (Number.isNaN(serial)) return false;
  if (serial < FIRST_SAFE_SERIAL) return addText(out, column, row, value.toISOString(), 0);
  return addValue(out, column, row, String(serial), style);
}

function open(out: XmlPieces, column: string | undefined, row: string, opening: { readonly bare: readonly string[]; readonly placed: readonly string[] }, style: number): void {
  if (column === undefined) {
    out.add(opening.bare[style]!);
    return;
  }
  out.add('<c r="');
  out.add(column);
  out.add(row);
  out.add(opening.placed[style]!);
}

function addValue(out: XmlPieces, column: string | undefined, row: string, value: string, style: number): boolean {
  open(out, column, row, VALUE_OPEN, style);
  out.add(value);
  out.add(VALUE_CLOSE);
  return true;
}

function addText(out: XmlPieces, column: string | undefined, row: string, value: string, style: number): boolean {
  const text = xmlText(value);
  if (text === '') return false;
  const keep = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
  open(out, column, row, keep ? TEXT_OPEN_KEEP : TEXT_OPEN, style);
  out.add(text);
  out.add(TEXT_CLOSE);
  return true;
}
