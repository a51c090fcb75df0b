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

const styled = (style: number): string => (style === 0 ? '' : ` s="${style}"`);
// `r` is optional on a cell that directly follows the previous one; leaving it out saves about a quarter of the XML.
const at = (reference: string | undefined): string => (reference === undefined ? '' : ` r="${reference}"`);

/**
 * One `<c>` element. Text is an inline string (`t="inlineStr"`), so nothing a value holds is ever read as a
 * formula; a number is a number; a date is a serial number with a date style. Nothing for an empty cell.
 * `reference` (e.g. "B7") may be left out only when the cell directly follows the one written before it.
 */
export function cellXml(reference: string | undefined, value: XlsxValue, style: number): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return textCell(reference, value, style);
  if (typeof value === 'number') return Number.isFinite(value) ? `<c${at(reference)}${styled(style)}><v>${value}</v></c>` : textCell(reference, String(value), style);
  const serial = excelSerial(value);
  if (Number.isNaN(serial)) return '';
  if (serial < FIRST_SAFE_SERIAL) return textCell(reference, value.toISOString(), 0);
  return `<c${at(reference)}${styled(style)}><v>${serial}</v></c>`;
}

function textCell(reference: string | undefined, value: string, style: number): string {
  const text = xmlText(value);
  if (text === '') return '';
  // XML parsers drop leading and trailing white space unless told to keep it.
  const keep = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 ? ' xml:space="preserve"' : '';
  return `<c${at(reference)}${styled(style)} t="inlineStr"><is><t${keep}>${text}</t></is></c>`;
}
