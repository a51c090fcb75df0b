import { describe, expect, it } from 'vitest';
import { detectDateOrder, parseBooleanValue, parseInstant, type InstantOptions } from '@core/import/values';

const iso = (text: string, options?: InstantOptions): string | undefined => {
  const parsed = parseInstant(text, options);
  return parsed.kind === 'instant' ? new Date(parsed.ms).toISOString() : undefined;
};
const form = (text: string, options?: InstantOptions): string => {
  const parsed = parseInstant(text, options);
  return parsed.kind === 'instant' ? parsed.form : parsed.kind;
};

describe('parseInstant', () => {
  it.each([
    ['2024-12-10T17:38:26Z', '2024-12-10T17:38:26.000Z', 'iso'],
    ['2024-12-10T17:38:26.1234567Z', '2024-12-10T17:38:26.123Z', 'iso'],
    ['2015-03-13T18:59:04+00:00', '2015-03-13T18:59:04.000Z', 'iso'],
    ['2024-03-14T10:00:00.000+0200', '2024-03-14T08:00:00.000Z', 'iso'],
    ['2024-03-14T10:00:00-05:00', '2024-03-14T15:00:00.000Z', 'iso'],
    ['2024-03-14', '2024-03-14T00:00:00.000Z', 'iso-date'],
    ['2024-03-14 10:05:06', '2024-03-14T10:05:06.000Z', 'ymd-time'],
    ['2024/03/14 10:05', '2024-03-14T10:05:00.000Z', 'ymd-time'],
    ['2/12/2025 1:15:34 PM', '2025-02-12T13:15:34.000Z', 'mdy'],
    ['12/2/2025 12:05:00 AM', '2025-12-02T00:05:00.000Z', 'mdy'],
    ['2/12/2025 12:00:00 PM', '2025-02-12T12:00:00.000Z', 'mdy'],
    ['13/02/2025 09:00', '2025-02-13T09:00:00.000Z', 'dmy'],
    ['14.03.2024', '2024-03-14T00:00:00.000Z', 'dmy'],
    ['14 Dec 2023', '2023-12-14T00:00:00.000Z', 'day-month-name'],
    ['30-Apr-24 9:39:36 AM', '2024-04-30T09:39:36.000Z', 'day-month-name'],
    ['Mar 14, 2024', '2024-03-14T00:00:00.000Z', 'month-name-day'],
    ['September 1, 2024 10:00 PM', '2024-09-01T22:00:00.000Z', 'month-name-day'],
    ['45000', '2023-03-15T00:00:00.000Z', 'excel-serial'],
    ['45000.5', '2023-03-15T12:00:00.000Z', 'excel-serial'],
    ['1', '1900-01-01T00:00:00.000Z', 'excel-serial'],
    ['61', '1900-03-01T00:00:00.000Z', 'excel-serial'],
    ['1710410400', '2024-03-14T10:00:00.000Z', 'epoch-seconds'],
    ['1710410400123', '2024-03-14T10:00:00.123Z', 'epoch-ms'],
  ])('reads %s', (text, expected, expectedForm) => {
    expect(iso(text)).toBe(expected);
    expect(form(text)).toBe(expectedForm);
  });

  it.each(['', '   ', 'N/A', 'no_information', 'not_supported', 'Never logged in', 'Never accessed', 'never', undefined])(
    'reads %s as absent',
    (text) => expect(parseInstant(text)).toEqual({ kind: 'absent' }),
  );

  it.each([
    ['2024-02-30', 'day 30 does not exist'],
    ['2023-02-29', 'day 29 does not exist'],
    ['2024-13-01', 'month 13 does not exist'],
    ['13/13/2024', 'month 13 does not exist'],
    ['2/12/2025 13:15:34 PM', 'hour 13 does not exist with PM'],
    ['2024-03-14T24:00:00Z', 'time of day does not exist'],
    ['32 Dec 2023', 'day 32 does not exist'],
    ['14 Foo 2023', '"Foo" is not a month name'],
    ['60', 'Excel serial 60'],
    ['20240314', 'neither an Excel serial'],
    ['yesterday', 'not a date form'],
  ])('rejects %s saying what is wrong', (text, reason) => {
    const parsed = parseInstant(text);
    expect(parsed).toMatchObject({ kind: 'invalid', reason: expect.stringContaining(reason) });
    expect(parsed).toMatchObject({ reason: expect.stringContaining(text.trim()) });
  });

  it('accepts 29 February in a leap year', () => expect(iso('2/29/2024')).toBe('2024-02-29T00:00:00.000Z'));

  it('follows the date order it is given for ambiguous numeric dates', () => {
    expect(iso('3/4/2024')).toBe('2024-03-04T00:00:00.000Z');
    expect(iso('3/4/2024', { dateOrder: 'DMY' })).toBe('2024-04-03T00:00:00.000Z');
    expect(iso('03.04.2024', { dateOrder: 'MDY' })).toBe('2024-03-04T00:00:00.000Z');
  });

  it('rejects a date that contradicts an explicit order instead of silently swapping', () => {
    expect(parseInstant('13/2/2024', { dateOrder: 'MDY' }).kind).toBe('invalid');
    expect(parseInstant('2/13/2024', { dateOrder: 'DMY' }).kind).toBe('invalid');
  });

  it('applies the exporting machine offset only to values without a zone', () => {
    expect(iso('2/12/2025 1:15:34 PM', { defaultOffsetMinutes: 60 })).toBe('2025-02-12T12:15:34.000Z');
    expect(iso('2025-02-12T13:15:34Z', { defaultOffsetMinutes: 60 })).toBe('2025-02-12T13:15:34.000Z');
  });

  it('refuses bare numbers when numeric dates are not allowed', () => {
    expect(parseInstant('45000', { allowNumeric: false }).kind).toBe('invalid');
  });

  it('does not depend on the local time zone or locale', () => {
    // The same text must give the same instant whatever TZ the process runs in; Date.parse would not.
    const original = process.env['TZ'];
    process.env['TZ'] = 'Pacific/Chatham';
    try {
      expect(iso('2/12/2025 1:15:34 PM')).toBe('2025-02-12T13:15:34.000Z');
    } finally {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    }
  });
});

describe('detectDateOrder', () => {
  it('finds the order a column proves', () => {
    expect(detectDateOrder(['1/2/2024', '3/25/2024'])).toBe('MDY');
    expect(detectDateOrder(['1/2/2024', '25/3/2024 10:00'])).toBe('DMY');
  });
  it('says nothing when no value decides it or values contradict each other', () => {
    expect(detectDateOrder(['1/2/2024', '3/4/2024', '2024-05-01'])).toBeUndefined();
    expect(detectDateOrder(['25/3/2024', '3/25/2024'])).toBeUndefined();
  });
});

describe('parseBooleanValue', () => {
  it.each([
    ['True', true], ['TRUE', true], ['true', true], ['yes', true], ['Y', true], ['on', true], ['1', true],
    ['False', false], ['FALSE', false], ['no', false], ['N', false], ['off', false], ['0', false],
  ])('reads %s', (text, expected) => expect(parseBooleanValue(text)).toBe(expected));

  it.each(['', 'N/A', 'maybe', undefined])('leaves %s undecided', (text) => expect(parseBooleanValue(text)).toBeUndefined());
});

describe('parseInstant on plain UTC instants (read without the general pattern)', () => {
  it.each([
    ['2024-03-14T18:59:04Z', Date.UTC(2024, 2, 14, 18, 59, 4)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['1999-12-31T23:59:59Z', Date.UTC(1999, 11, 31, 23, 59, 59)],
  ])('%s', (text, ms) => expect(parseInstant(text)).toEqual({ kind: 'instant', ms, form: 'iso' }));

  it.each([
    ['2023-02-29T00:00:00Z', 'day 29 does not exist in 2023-02'],
    ['1900-02-29T00:00:00Z', 'day 29 does not exist in 1900-02'],
    ['2024-13-01T00:00:00Z', 'month 13 does not exist'],
    ['2024-01-01T24:00:00Z', 'the time of day does not exist'],
  ])('%s is refused with the general reason', (text, why) => expect(parseInstant(text)).toEqual({ kind: 'invalid', reason: `"${text}" is not a date: ${why}` }));

  it('still reads other spellings of nearly the same length', () => {
    expect(parseInstant('2024-03-14 18:59:04Z')).toEqual({ kind: 'instant', ms: Date.UTC(2024, 2, 14, 18, 59, 4), form: 'iso' });
    expect(parseInstant('2000-02-29T12:00:00+01:00')).toEqual({ kind: 'instant', ms: Date.UTC(2000, 1, 29, 11), form: 'iso' });
  });
});

// A leading space keeps a value off the hand-read path (the general path trims it), so both paths meet here.
const viaGeneralPath = (text: string, options?: InstantOptions) => parseInstant(` ${text}`, options);

/** Deterministic values in and around the admin center's `M/D/YYYY h:mm:ss AM` form, impossible ones included. */
function portalSpellings(): string[] {
  const values: string[] = [];
  let seed = 7;
  const next = (below: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % below;
  };
  for (let count = 0; count < 3000; count += 1) {
    const first = next(34);
    const second = next(34);
    const year = ['2024', '2023', '1900', '2000', '0024', '24'][next(6)]!;
    const hours = next(14);
    const minutes = String(next(62)).padStart(2, '0');
    const seconds = String(next(62)).padStart(next(2) === 0 ? 2 : 1, '0');
    const meridiem = ['AM', 'PM', 'am', 'pm', 'Pm', 'XM', ''][next(7)]!;
    values.push(`${first}/${second}/${year} ${hours}:${minutes}:${seconds} ${meridiem}`.trimEnd());
  }
  return values;
}

describe('parseInstant on the admin center form (read without the general pattern)', () => {
  it('reads 2/23/2020 12:44:48 PM as the general path does', () => {
    expect(parseInstant('2/23/2020 12:44:48 PM')).toEqual({ kind: 'instant', ms: Date.UTC(2020, 1, 23, 12, 44, 48), form: 'mdy' });
    expect(parseInstant('23/2/2020 12:44:48 AM')).toEqual({ kind: 'instant', ms: Date.UTC(2020, 1, 23, 0, 44, 48), form: 'dmy' });
  });

  it.each<[string, InstantOptions | undefined]>([
    ['no options', undefined],
    ['day first', { dateOrder: 'DMY' }],
    ['month first', { dateOrder: 'MDY' }],
    ['an offset', { defaultOffsetMinutes: 120 }],
  ])('gives what the general path gives for 3,000 values, valid and not, with %s', (_name, options) => {
    const values = portalSpellings();
    expect(values.map((text) => parseInstant(text, options))).toEqual(values.map((text) => viaGeneralPath(text, options)));
  });
});
