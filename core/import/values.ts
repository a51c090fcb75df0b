// Readers for the date and boolean spellings the exports use (see formats.md). Only ISO 8601 text is
// handed to Date.UTC arithmetic directly; every locale form is parsed by hand so that the result never
// depends on the machine's locale or time zone.
import { presentValue } from '../normalise/absent';

/** Which way round the day and month of a numeric date such as `3/4/2024` go. */
export type DateOrder = 'MDY' | 'DMY';

/** The spelling an instant was read from, recorded with the import so that an auditor can check it. */
export type InstantForm =
  | 'iso'
  | 'iso-date'
  | 'ymd-time'
  | 'mdy'
  | 'dmy'
  | 'day-month-name'
  | 'month-name-day'
  | 'excel-serial'
  | 'epoch-seconds'
  | 'epoch-ms';

export type ParsedInstant =
  | { readonly kind: 'instant'; readonly ms: number; readonly form: InstantForm }
  | { readonly kind: 'absent' }
  | { readonly kind: 'invalid'; readonly reason: string };

export interface InstantOptions {
  /** The order of ambiguous numeric dates; default MDY (Entra and PowerShell exports in en-US). */
  readonly dateOrder?: DateOrder;
  /** Offset of the exporting machine for values without a zone, in minutes east of UTC; default 0 (UTC). */
  readonly defaultOffsetMinutes?: number;
  /** Whether bare numbers are read as Excel serials or epoch seconds/milliseconds; default true. */
  readonly allowNumeric?: boolean;
}

// Values that mean "never happened": no sign-in yet, no key used. They are absent, not errors.
const NEVER_MARKERS = new Set(['never', 'never logged in', 'never accessed', 'never used', 'no_information', 'not_supported']);

const ABSENT: ParsedInstant = { kind: 'absent' };

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

// A time of day with optional seconds, fraction, AM/PM and zone: `1:15:34 PM`, `18:59:04.123Z`, `10:00 +02:00`.
const TIME = String.raw`(?:[T ,]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})` + TIME + '$');
const YMD_SLASH = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})` + TIME + '$');
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})` + TIME + '$');
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})` + TIME + '$');
const MONTH_NAME_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})` + TIME + '$');
const NUMBER = /^\d+(?:\.\d+)?$/;

const NO_OPTIONS: InstantOptions = {};

/** Reads an instant from any spelling the supported exports use, as epoch milliseconds in UTC. */
export function parseInstant(text: string | undefined, options: InstantOptions = NO_OPTIONS): ParsedInstant {
  const utc = text === undefined ? undefined : plainUtcInstant(text);
  if (utc !== undefined) return { kind: 'instant', ms: utc, form: 'iso' };
  const portal = text === undefined ? undefined : portalInstant(text, options);
  if (portal !== undefined) return { kind: 'instant', ms: portal, form: portalDayFirst ? 'dmy' : 'mdy' };
  return parseOtherInstant(text, options);
}

/**
 * The instant as epoch milliseconds, undefined when the text is absent or no date: `parseInstant` without its
 * result object, for the date cells of a load (three per row; the objects were a share of the young-generation
 * garbage). The two common spellings are read first, by hand, as in `parseInstant`.
 */
export function instantMs(text: string | undefined, options: InstantOptions = NO_OPTIONS): number | undefined {
  if (text === undefined) return undefined;
  const parsed = plainUtcInstant(text) ?? portalInstant(text, options);
  if (parsed !== undefined) return parsed;
  const other = parseOtherInstant(text, options);
  return other.kind === 'instant' ? other.ms : undefined;
}

/** `parseInstant` for the spellings the two fast readers leave: the general path, by regular expressions. */
function parseOtherInstant(text: string | undefined, options: InstantOptions): ParsedInstant {
  const value = presentValue(text);
  if (value === undefined || NEVER_MARKERS.has(value.toLowerCase())) return ABSENT;

  let match = ISO.exec(value);
  if (match) {
    const hasTime = match[4] !== undefined;
    const hasZone = match[9] !== undefined;
    return build(options, num(match[1]), num(match[2]), num(match[3]), match, 4, hasTime ? (hasZone ? 'iso' : 'ymd-time') : 'iso-date');
  }
  match = YMD_SLASH.exec(value);
  if (match) return build(options, num(match[1]), num(match[2]), num(match[3]), match, 4, 'ymd-time');

  match = NUMERIC_DATE.exec(value);
  if (match) return numericDate(value, match, options);

  match = DAY_MONTH_NAME.exec(value);
  if (match) {
    const month = MONTHS[(match[2] ?? '').toLowerCase()];
    if (month === undefined) return invalid(value, `"${match[2]}" is not a month name`);
    return build(options, fullYear(match[3] ?? ''), month, num(match[1]), match, 4, 'day-month-name');
  }
  match = MONTH_NAME_DAY.exec(value);
  if (match) {
    const month = MONTHS[(match[1] ?? '').toLowerCase()];
    if (month === undefined) return invalid(value, `"${match[1]}" is not a month name`);
    return build(options, num(match[3]), month, num(match[2]), match, 4, 'month-name-day');
  }

  if (NUMBER.test(value)) return options.allowNumeric === false ? invalid(value, 'a bare number is not a date here') : numericInstant(value);
  return invalid(value, 'not a date form Recondesk reads (ISO 8601, M/D/YYYY, D/M/YYYY, "14 Dec 2023", "Mar 14, 2024", Excel serial or epoch)');
}

const ZERO = 48;
const NINE = 57;
// `YYYY-MM-DDTHH:MM:SSZ`, each 0 standing for any digit; every other character must be there as it is.
const PLAIN_UTC_PATTERN = '0000-00-00T00:00:00Z';

// Module level, not a closure per call: the TypeScript loader names every closure it creates, at a cost per value.
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at += 1) value = value * 10 + text.charCodeAt(at) - ZERO;
  return value;
}

/**
 * The commonest spelling, `2024-03-14T18:59:04Z`, read by hand: a dump has millions of them, and the general
 * path's regular expression and allocations were a large share of reading one. Undefined for anything else,
 * including an impossible date or time, which the general path then reports.
 */
function plainUtcInstant(text: string): number | undefined {
  if (text.length !== PLAIN_UTC_PATTERN.length) return undefined;
  // Character codes only: `text[at]` and the destructured pairs of a table cost more than the date arithmetic.
  for (let at = 0; at < PLAIN_UTC_PATTERN.length; at += 1) {
    const wanted = PLAIN_UTC_PATTERN.charCodeAt(at);
    const code = text.charCodeAt(at);
    if (wanted === ZERO ? code < ZERO || code > NINE : code !== wanted) return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = digitsAt(text, 17, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return Date.UTC(year, month - 1, day, hours, minutes, seconds, 0);
}

// Where `portalInstant` has read to; module level, so that reading a number needs no object per call.
let cursor = 0;
// Whether the last date `portalInstant` read had its day first, for the form `parseInstant` records.
let portalDayFirst = false;

/** One or two digits at the cursor as a number, the cursor moved past them; -1 when there is no digit. */
function oneOrTwoDigits(text: string): number {
  const first = text.charCodeAt(cursor) - ZERO;
  if (!(first >= 0 && first <= 9)) return -1;
  const second = text.charCodeAt(cursor + 1) - ZERO;
  if (second >= 0 && second <= 9) {
    cursor += 2;
    return first * 10 + second;
  }
  cursor += 1;
  return first;
}

/** Exactly `count` digits at the cursor as a number, the cursor moved past them; -1 otherwise. */
function exactDigits(text: string, count: number): number {
  let value = 0;
  const end = cursor + count;
  for (; cursor < end; cursor += 1) {
    const digit = text.charCodeAt(cursor) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const isChar = (text: string, char: number): boolean => text.charCodeAt(cursor++) === char;
const SLASH = 47;
const COLON = 58;
const SPACE = 32;

/**
 * `2/23/2020 12:44:48 PM`, the Entra admin center's download form, read by hand: a users export has a million
 * of them, and the general path tries three regular expressions before its own. Read exactly as the general
 * path reads it (slashes, so month first unless the options say otherwise or the first number cannot be a
 * month); undefined for any other spelling and for an impossible date or time, which the general path reports.
 * Epoch milliseconds, not a result object (see `instantMs`); the order it read is left in `portalDayFirst`.
 */
function portalInstant(text: string, options: InstantOptions): number | undefined {
  if (text.length < 19 || text.length > 22) return undefined;
  cursor = 0;
  const first = oneOrTwoDigits(text);
  if (first < 0 || !isChar(text, SLASH)) return undefined;
  const second = oneOrTwoDigits(text);
  if (second < 0 || !isChar(text, SLASH)) return undefined;
  const year = exactDigits(text, 4);
  if (year < 0 || !isChar(text, SPACE)) return undefined;
  const hours = oneOrTwoDigits(text);
  if (hours < 0 || !isChar(text, COLON)) return undefined;
  const minutes = exactDigits(text, 2);
  if (minutes < 0 || !isChar(text, COLON)) return undefined;
  const seconds = exactDigits(text, 2);
  if (seconds < 0 || !isChar(text, SPACE) || cursor !== text.length - 2) return undefined;
  const meridiem = text.slice(cursor).toUpperCase();
  if (meridiem !== 'AM' && meridiem !== 'PM') return undefined;
  // As numericDate decides for a slashed date.
  const chosen = options.dateOrder;
  const dayFirst = chosen === undefined ? first > 12 && second <= 12 : chosen === 'DMY';
  const month = dayFirst ? second : first;
  const day = dayFirst ? first : second;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hours < 1 || hours > 12 || minutes > 59 || seconds > 59) return undefined;
  portalDayFirst = dayFirst;
  return Date.UTC(year, month - 1, day, (hours % 12) + (meridiem === 'PM' ? 12 : 0), minutes, seconds, 0) - (options.defaultOffsetMinutes ?? 0) * 60_000;
}

/** Reads a boolean in the spellings the exports use (`True`, `TRUE`, `yes`, `Y`, `on`, `1`, …); undefined when it is none. */
export function parseBooleanValue(text: string | undefined): boolean | undefined {
  const value = presentValue(text);
  if (value === undefined) return undefined;
  return BOOLEAN_SPELLINGS.get(value) ?? BOOLEAN_WORDS[value.toLowerCase()];
}

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true, t: true, yes: true, y: true, on: true, '1': true,
  false: false, f: false, no: false, n: false, off: false, '0': false,
};

// The words as exports write them (`true`, `True`, `TRUE`), looked up before lower-casing: a users export has
// a million `True` cells, and lower-casing each one allocated a string.
const BOOLEAN_SPELLINGS: ReadonlyMap<string, boolean> = new Map(
  Object.entries(BOOLEAN_WORDS).flatMap(([word, value]) => [word, word.toUpperCase(), word.charAt(0).toUpperCase() + word.slice(1)].map((spelling) => [spelling, value] as const)),
);

/**
 * The day/month order a column of numeric dates proves: a first number above 12 proves DMY, a second above 12
 * proves MDY. Undefined when no value decides it, or when the values contradict each other.
 */
export function detectDateOrder(values: Iterable<string>): DateOrder | undefined {
  return readDateOrder(values).order;
}

/** What a column of dates says about day/month order, with a value that proves it, for the user to see. */
export interface DateOrderEvidence {
  readonly order: DateOrder | undefined;
  /** A value only one order can read (25/03/2024), when the order is decided. */
  readonly proof: string | undefined;
  /** A numeric day/month date, when there is one: undecided evidence still shows what the dates look like. */
  readonly example: string | undefined;
  /** Values prove both orders: the column mixes them. */
  readonly contradictory: boolean;
}

export function readDateOrder(values: Iterable<string>): DateOrderEvidence {
  let dayFirst: string | undefined;
  let monthFirst: string | undefined;
  let example: string | undefined;
  for (const raw of values) {
    const value = raw.trim();
    const match = NUMERIC_DATE.exec(value);
    if (!match) continue;
    example ??= value;
    if (num(match[1]) > 12) dayFirst ??= value;
    if (num(match[3]) > 12) monthFirst ??= value;
  }
  const contradictory = dayFirst !== undefined && monthFirst !== undefined;
  if (contradictory || (dayFirst === undefined && monthFirst === undefined)) return { order: undefined, proof: undefined, example, contradictory };
  return dayFirst === undefined ? { order: 'MDY', proof: monthFirst, example, contradictory } : { order: 'DMY', proof: dayFirst, example, contradictory };
}

function numericDate(value: string, match: RegExpExecArray, options: InstantOptions): ParsedInstant {
  const first = num(match[1]);
  const second = num(match[3]);
  const year = fullYear(match[4] ?? '');
  // A dotted date (14.03.2024) is European by convention; otherwise the caller's order, MDY by default.
  const order = options.dateOrder ?? (match[2] === '.' ? 'DMY' : 'MDY');
  if (order === 'MDY' && first > 12 && second <= 12 && options.dateOrder === undefined) {
    return build(options, year, second, first, match, 5, 'dmy');
  }
  if (order === 'MDY') return build(options, year, first, second, match, 5, 'mdy');
  if (second > 12 && first <= 12 && options.dateOrder === undefined) return build(options, year, first, second, match, 5, 'mdy');
  return build(options, year, second, first, match, 5, 'dmy');
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const MAX_EXCEL_SERIAL = 2_958_465; // 9999-12-31

function numericInstant(value: string): ParsedInstant {
  const number = Number(value);
  const integerDigits = value.split('.')[0]?.length ?? 0;
  if (integerDigits === 13) return { kind: 'instant', ms: Math.trunc(number), form: 'epoch-ms' };
  if (integerDigits === 9 || integerDigits === 10) return { kind: 'instant', ms: Math.round(number * 1000), form: 'epoch-seconds' };
  if (number >= 1 && number <= MAX_EXCEL_SERIAL && integerDigits <= 7) {
    // Excel's serial 60 is 29 Feb 1900, a day that never existed (the Lotus 1-2-3 leap-year bug).
    if (Math.floor(number) === 60) return invalid(value, 'Excel serial 60 is 29 Feb 1900, a date that does not exist');
    const days = number < 60 ? number + 1 : number;
    return { kind: 'instant', ms: Math.round(EXCEL_EPOCH_MS + days * DAY_MS), form: 'excel-serial' };
  }
  return invalid(value, 'a number that is neither an Excel serial date nor epoch seconds or milliseconds');
}

function build(
  options: InstantOptions,
  year: number,
  month: number,
  day: number,
  match: RegExpExecArray,
  timeAt: number,
  form: InstantForm,
): ParsedInstant {
  const text = match[0];
  if (month < 1 || month > 12) return invalid(text, `month ${month} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) return invalid(text, `day ${day} does not exist in ${year}-${pad(month)}`);

  let hours = match[timeAt] === undefined ? 0 : num(match[timeAt]);
  const minutes = match[timeAt + 1] === undefined ? 0 : num(match[timeAt + 1]);
  const seconds = match[timeAt + 2] === undefined ? 0 : num(match[timeAt + 2]);
  const fraction = match[timeAt + 3] ?? '';
  const meridiem = match[timeAt + 4]?.toUpperCase();
  const zone = match[timeAt + 5];

  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return invalid(text, `hour ${hours} does not exist with ${meridiem}`);
    hours = (hours % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return invalid(text, 'the time of day does not exist');

  const millis = fraction === '' ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const offset = zone === undefined ? (options.defaultOffsetMinutes ?? 0) : zoneOffsetMinutes(zone);
  const ms = Date.UTC(year, month - 1, day, hours, minutes, seconds, millis) - offset * 60_000;
  return { kind: 'instant', ms, form };
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (num(digits.slice(0, 2)) * 60 + (digits.length > 2 ? num(digits.slice(2, 4)) : 0));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar; arithmetic, not a Date per value (millions of cells). */
function daysInMonth(year: number, month: number): number {
  // As Date.UTC reads it: years 0 to 99 are 1900 to 1999.
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

// Two-digit years pivot at 70, as spreadsheets do: 24 → 2024, 85 → 1985.
function fullYear(text: string): number {
  const year = num(text);
  if (text.length !== 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

function invalid(value: string, why: string): ParsedInstant {
  return { kind: 'invalid', reason: `"${value}" is not a date: ${why}` };
}

const num = (text: string | undefined): number => Number(text ?? 'NaN');
const pad = (value: number): string => String(value).padStart(2, '0');
