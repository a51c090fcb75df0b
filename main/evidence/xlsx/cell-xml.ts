import type { SharedStrings } from './shared-strings';
import { STYLE } from './styles';
import type { XmlBytes } from './xml-bytes';
import { keepsEdgeSpace, xmlText } from './xml-text';

/**
 * A value as a cell holds it: text (never a formula), a number, an instant (an Excel date), or nothing. A number
 * in a date style is an instant too, in milliseconds since 1970: the rows' instants come that way, as a Date
 * made for every cell of a million rows cost more than the rest of the cell.
 */
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

// What a Date holds of a number: whole milliseconds within ±8.64e15, NaN otherwise (ECMAScript's TimeClip).
const MAX_TIME = 8.64e15;
const timeClip = (ms: number): number => (Math.abs(ms) > MAX_TIME ? Number.NaN : Math.trunc(ms));

/** An instant, in milliseconds since 1970 as a Date would hold them, as Excel's serial day number (UTC; Excel dates have no zone). */
export function excelSerial(ms: number): number {
  return timeClip(ms) / MS_PER_DAY + EPOCH_SERIAL;
}

// What the last piece written leaves open: nothing, a row's start tag (`<row r="7` wants its `">`), or a text or
// value cell (wants its closing tags). Each is closed by the next piece, made once with it: a cell is then two
// pieces, its opening (with whatever the one before left open) and its value.
const OPEN_NOTHING = 0;
const OPEN_ROW = 1;
const OPEN_TEXT = 2;
const OPEN_VALUE = 3;
type Open = typeof OPEN_NOTHING | typeof OPEN_ROW | typeof OPEN_TEXT | typeof OPEN_VALUE;
const CLOSING: readonly string[] = ['', '">', '</t></is></c>', '</v></c>'];

/**
 * A sheet's rows as XML bytes: what the last piece left open for the next to close, the current row's number as
 * digits (written once, copied into each cell that names it), and each column's `<c r="B` made once.
 */
export class SheetXml {
  open: Open = OPEN_NOTHING;
  private readonly digits = new Uint8Array(16);
  private digitCount = 0;
  private current = 0;
  /** By what is open before, then column: a placed cell's start up to its row number. */
  readonly cellStarts: readonly (readonly Uint8Array[])[];

  constructor(readonly out: XmlBytes, columns: number) {
    this.cellStarts = CLOSING.map((closing) => Array.from({ length: columns }, (_, column) => bytes(`${closing}<c r="${columnName(column)}`)));
  }

  set row(row: number) {
    if (row === this.current + 1 && this.digitCount > 0) this.nextRow();
    else this.spell(row);
    this.current = row;
  }

  private spell(row: number): void {
    const text = String(row);
    for (let index = 0; index < text.length; index += 1) this.digits[index] = text.charCodeAt(index);
    this.digitCount = text.length;
  }

  /**
   * The digits of the row after the current one, counted up in place: rows come one after another, and a
   * String() per row (a million distinct numbers, past V8's cache of number texts) cost more than the count.
   */
  private nextRow(): void {
    const digits = this.digits;
    let index = this.digitCount - 1;
    for (; index >= 0 && digits[index] === NINE; index -= 1) digits[index] = ZERO;
    if (index >= 0) {
      digits[index]! += 1;
      return;
    }
    // All nines: one more digit, a 1 and zeros.
    digits[0] = ONE;
    digits[this.digitCount] = ZERO;
    this.digitCount += 1;
  }

  /** The current row's number, room made by the caller. */
  writeRow(): void {
    this.out.bytes(this.digits, this.digitCount);
  }
}

const ZERO = 0x30;
const ONE = 0x31;
const NINE = 0x39;
const bytes = (text: string): Uint8Array => Buffer.from(text, 'latin1');
const STYLE_COUNT = 16;
const styleAttribute = (style: number): string => (style === 0 ? '' : ` s="${style}"`);
interface Openings {
  /** By what is open before, then style: the cell's whole opening, `r` left out. */
  readonly bare: readonly (readonly Uint8Array[])[];
  /** By style: the rest of the opening after `<c r="B7`. */
  readonly placed: readonly Uint8Array[];
  readonly leaves: Open;
}
const openings = (rest: string, leaves: Open): Openings => ({
  bare: CLOSING.map((closing) => Array.from({ length: STYLE_COUNT }, (_, style) => bytes(`${closing}<c${styleAttribute(style)}${rest}`))),
  placed: Array.from({ length: STYLE_COUNT }, (_, style) => bytes(`"${styleAttribute(style)}${rest}`)),
  leaves,
});
const TEXT = openings(' t="inlineStr"><is><t>', OPEN_TEXT);
// XML parsers drop leading and trailing white space unless told to keep it.
const TEXT_KEEP = openings(' t="inlineStr"><is><t xml:space="preserve">', OPEN_TEXT);
const VALUE = openings('><v>', OPEN_VALUE);
const SHARED = openings(' t="s"><v>', OPEN_VALUE);
const ROW_START = CLOSING.map((closing) => bytes(`${closing}<row r="`));
const ROW_END = CLOSING.map((closing) => bytes(`${closing}</row>`));
// Room for a cell's markup around its value: the longest opening, a column's letters and a row's digits.
const MARKUP_ROOM = 128;
// Room for a serial's text: at most 17 significant digits, a point and an exponent.
const SERIAL_CHARS = 24;

/** Opens row `row`; its cells follow, then `endRow`. */
export function startRow(xml: SheetXml, row: number): void {
  xml.row = row;
  xml.out.room(MARKUP_ROOM);
  xml.out.bytes(ROW_START[xml.open]!);
  xml.writeRow();
  xml.open = OPEN_ROW;
}

export function endRow(xml: SheetXml): void {
  xml.out.room(MARKUP_ROOM);
  xml.out.bytes(ROW_END[xml.open]!);
  xml.open = OPEN_NOTHING;
}

/**
 * Adds one `<c>` element; false (nothing added) for an empty cell. Text is an inline string (`t="inlineStr"`),
 * so nothing a value holds is ever read as a formula; a number is a number; a date, or a number given a date
 * style (its milliseconds since 1970), is a serial number with that style. The cell's reference is `column` (0 for A) and the row's number; `column` may be left out only when
 * the cell directly follows the one written before it: `r` is optional there, and leaving it out saves about a
 * quarter of the XML.
 */
export function addCell(xml: SheetXml, column: number | undefined, value: XlsxValue, style: number): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return addText(xml, column, value, style);
  if (typeof value !== 'number') return addInstant(xml, column, value.getTime(), style);
  if (style === STYLE.date || style === STYLE.dateSeconds) return addInstant(xml, column, value, style);
  return Number.isFinite(value) ? addValue(xml, column, String(value), style) : addText(xml, column, String(value), style);
}

/**
 * Adds a text cell that names its text in the shared strings, as `addCell` adds a text (false, nothing added,
 * for an empty one); inline when the table cannot share it.
 */
export function addSharedText(xml: SheetXml, column: number | undefined, value: string, style: number, strings: SharedStrings): boolean {
  if (value === '') return false;
  const digits = strings.digitsOf(value);
  if (digits === undefined) return addText(xml, column, value, style);
  xml.out.room(MARKUP_ROOM + digits.length);
  addOpening(xml, column, SHARED, style);
  xml.out.bytes(digits, digits.length);
  return true;
}

/** An instant (milliseconds since 1970) as a date cell, written as a Date holding it would be. */
function addInstant(xml: SheetXml, column: number | undefined, ms: number, style: number): boolean {
  const serial = excelSerial(ms);
  if (Number.isNaN(serial)) return false;
  if (serial < FIRST_SAFE_SERIAL) return addText(xml, column, new Date(ms).toISOString(), 0);
  const day = Math.floor(serial);
  const fraction = serial - day;
  if (fraction === 0 || serial < SAME_SPACING_FROM || serial >= SAME_SPACING_UNTIL) return addValue(xml, column, String(serial), style);
  const digits = fractionDigits(serial, fraction);
  xml.out.room(MARKUP_ROOM + SERIAL_CHARS);
  addOpening(xml, column, VALUE, style);
  // A whole number's text is cached by V8; a time of day's digits by `fractionDigits`.
  xml.out.ascii(String(day));
  xml.out.ascii(digits);
  return true;
}

// Serials from 32,768 to 65,535 (1989-09-17 to 2079-06-06: every date an audit shows) share one exponent, so
// doubles there are spaced 2^-37 apart whatever the day: the shortest text that reads back as the serial is
// the day's digits, then digits that depend on the fraction alone (checked against String() for 20 million
// instants). Formatting a double cost 2.6 s of a million-row audit; logins to the second have at most 86,400
// fractions, so each fraction's digits are kept in the slot of its second of the day (a Map keyed by the
// fraction cost 0.45 s a 300,000-row workbook in its lookups alone). An instant with milliseconds may find its
// slot taken by another fraction: it is formatted and takes the slot.
const SAME_SPACING_FROM = 32_768;
const SAME_SPACING_UNTIL = 65_536;
const SECONDS_PER_DAY = 86_400;
const slotFractions = new Float64Array(SECONDS_PER_DAY + 1).fill(Number.NaN);
const slotDigits: string[] = Array.from({ length: SECONDS_PER_DAY + 1 }, () => '');

/** `.` and the digits after it of String(serial), for a serial in the shared-spacing range with a fraction. */
function fractionDigits(serial: number, fraction: number): string {
  const slot = Math.round(fraction * SECONDS_PER_DAY);
  if (slotFractions[slot] === fraction) return slotDigits[slot]!;
  const text = String(serial);
  const digits = text.slice(text.indexOf('.'));
  slotFractions[slot] = fraction;
  slotDigits[slot] = digits;
  return digits;
}

function addValue(xml: SheetXml, column: number | undefined, digits: string, style: number): boolean {
  xml.out.room(MARKUP_ROOM + digits.length);
  addOpening(xml, column, VALUE, style);
  xml.out.ascii(digits);
  return true;
}

function addText(xml: SheetXml, column: number | undefined, value: string, style: number): boolean {
  if (value === '') return false;
  const { out } = xml;
  // Nearly every value is plain ASCII, written as it is: its first and last characters decide the opening.
  out.room(MARKUP_ROOM + value.length);
  const mark = out.mark;
  const keep = value.charCodeAt(0) === 32 || value.charCodeAt(value.length - 1) === 32;
  const open = xml.open;
  addOpening(xml, column, keep ? TEXT_KEEP : TEXT, style);
  if (out.plain(value)) return true;
  // Something to escape, or beyond ASCII: written again from the mark, escaped and encoded.
  out.rewind(mark);
  xml.open = open;
  const text = xmlText(value);
  if (text === '') return false;
  out.room(MARKUP_ROOM + text.length * 3);
  addOpening(xml, column, keepsEdgeSpace(text) ? TEXT_KEEP : TEXT, style);
  out.utf8(text);
  return true;
}

/** A cell's opening, closing what the piece before left open; room made by the caller. */
function addOpening(xml: SheetXml, column: number | undefined, opening: Openings, style: number): void {
  const { out } = xml;
  // A column past the sheet's widths has no letters: its cell is written without `r`, as one that follows.
  const start = column === undefined ? undefined : xml.cellStarts[xml.open]![column];
  if (start === undefined) {
    out.bytes(opening.bare[xml.open]![style]!);
  } else {
    out.bytes(start);
    xml.writeRow();
    out.bytes(opening.placed[style]!);
  }
  xml.open = opening.leaves;
}
