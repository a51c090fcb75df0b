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

// Every opening piece a cell can need, made once: a cell is then a handful of references pushed to an array
// (joined once per chunk), not a chain of small concatenated strings the garbage collector has to walk.
const STYLE_COUNT = 16;
const styleAttribute = (style: number): string => (style === 0 ? '' : ` s="${style}"`);
const TEXT_OPEN = Array.from({ length: STYLE_COUNT }, (_, style) => `${styleAttribute(style)} t="inlineStr"><is><t>`);
// XML parsers drop leading and trailing white space unless told to keep it.
const TEXT_OPEN_KEEP = Array.from({ length: STYLE_COUNT }, (_, style) => `${styleAttribute(style)} t="inlineStr"><is><t xml:space="preserve">`);
const VALUE_OPEN = Array.from({ length: STYLE_COUNT }, (_, style) => `${styleAttribute(style)}><v>`);
const TEXT_CLOSE = '</t></is></c>';
const VALUE_CLOSE = '</v></c>';

/**
 * Appends one `<c>` element to `out`; false (nothing appended) for an empty cell. Text is an inline string
 * (`t="inlineStr"`), so nothing a value holds is ever read as a formula; a number is a number; a date is a
 * serial number with a date style. `reference` (e.g. "B7") may be left out only when the cell directly follows
 * the one written before it: `r` is optional there, and leaving it out saves about a quarter of the XML.
 */
export function pushCell(out: string[], reference: string | undefined, value: XlsxValue, style: number): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return pushText(out, reference, value, style);
  if (typeof value === 'number') return Number.isFinite(value) ? pushValue(out, reference, String(value), style) : pushText(out, reference, String(value), style);
  const serial = excelSerial(value);
  if (Number.isNaN(serial)) return false;
  if (serial < FIRST_SAFE_SERIAL) return pushText(out, reference, value.toISOString(), 0);
  return pushValue(out, reference, String(serial), style);
}

const opening = (reference: string | undefined): string => (reference === undefined ? '<c' : `<c r="${reference}"`);

function pushValue(out: string[], reference: string | undefined, value: string, style: number): boolean {
  out.push(opening(reference), VALUE_OPEN[style]!, value, VALUE_CLOSE);
  return true;
}

function pushText(out: string[], reference: string | undefined, value: string, style: number): boolean {
  const text = xmlText(value);
  if (text === '') return false;
  const keep = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
  out.push(opening(reference), (keep ? TEXT_OPEN_KEEP : TEXT_OPEN)[style]!, text, TEXT_CLOSE);
  return true;
}
