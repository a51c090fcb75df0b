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
  /** What the last piece left open, for the next piece to close (see `startRow`, `addCell`, `endRow`). */
  open: Open = OPEN_NOTHING;

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

// What the last piece added leaves open: nothing, a row's start tag (`<row r="7` wants its `">`), or a text or
// value cell (wants its closing tags). Each is closed by the next piece, made once with it: a cell is then two
// pieces, its opening (with whatever the one before left open) and its value.
const OPEN_NOTHING = 0;
const OPEN_ROW = 1;
const OPEN_TEXT = 2;
const OPEN_VALUE = 3;
type Open = typeof OPEN_NOTHING | typeof OPEN_ROW | typeof OPEN_TEXT | typeof OPEN_VALUE;
const CLOSING: readonly string[] = ['', '">', '</t></is></c>', '</v></c>'];

const STYLE_COUNT = 16;
const styleAttribute = (style: number): string => (style === 0 ? '' : ` s="${style}"`);
interface Openings {
  /** By what is open before, then style: the cell's whole opening, `r` left out. */
  readonly bare: readonly (readonly string[])[];
  /** By style: the rest of the opening after `<c r="B7`. */
  readonly placed: readonly string[];
  readonly leaves: Open;
}
const openings = (rest: string, leaves: Open): Openings => ({
  bare: CLOSING.map((closing) => Array.from({ length: STYLE_COUNT }, (_, style) => `${closing}<c${styleAttribute(style)}${rest}`)),
  placed: Array.from({ length: STYLE_COUNT }, (_, style) => `"${styleAttribute(style)}${rest}`),
  leaves,
});
const TEXT = openings(' t="inlineStr"><is><t>', OPEN_TEXT);
// XML parsers drop leading and trailing white space unless told to keep it.
const TEXT_KEEP = openings(' t="inlineStr"><is><t xml:space="preserve">', OPEN_TEXT);
const VALUE = openings('><v>', OPEN_VALUE);
const PLACED_START = CLOSING.map((closing) => `${closing}<c r="`);
const ROW_START = CLOSING.map((closing) => `${closing}<row r="`);
const ROW_END = CLOSING.map((closing) => `${closing}</row>`);

/** Opens row `row` (its number as text); its cells follow, then `endRow`. */
export function startRow(out: XmlPieces, row: string): void {
  out.add(ROW_START[out.open]!);
  out.add(row);
  out.open = OPEN_ROW;
}

export function endRow(out: XmlPieces): void {
  out.add(ROW_END[out.open]!);
  out.open = OPEN_NOTHING;
}

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
  if (typeof value === 'number') return Number.isFinite(value) ? addPiece(out, column, row, VALUE, String(value), style) : addText(out, column, row, String(value), style);
  const serial = excelSerial(value);
  if (Number.isNaN(serial)) return false;
  if (serial < FIRST_SAFE_SERIAL) return addText(out, column, row, value.toISOString(), 0);
  return addPiece(out, column, row, VALUE, String(serial), style);
}

function addText(out: XmlPieces, column: string | undefined, row: string, value: string, style: number): boolean {
  const text = xmlText(value);
  if (text === '') return false;
  const keep = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
  return addPiece(out, column, row, keep ? TEXT_KEEP : TEXT, text, style);
}

function addPiece(out: XmlPieces, column: string | undefined, row: string, opening: Openings, content: string, style: number): boolean {
  if (column === undefined) {
    out.add(opening.bare[out.open]![style]!);
  } else {
    out.add(PLACED_START[out.open]!);
    out.add(column);
    out.add(row);
    out.add(opening.placed[style]!);
  }
  out.add(content);
  out.open = opening.leaves;
  return true;
}
