import { describe, expect, it } from 'vitest';
import { detectEncoding, firstInvalidUtf8, isValidUtf8 } from '@core/csv/encoding';
import { detectLayout } from '@core/csv/layout';
import { lastRecordBoundary } from '@core/csv/record-boundary';
import { detectContainer } from '@core/csv/sniff';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));

describe('detectEncoding (core, bytes only)', () => {
  it.each([
    ['UTF-8 with BOM', bytes(0xef, 0xbb, 0xbf, 0x61), 'utf-8', 3],
    ['UTF-16 LE BOM', bytes(0xff, 0xfe, 0x61, 0), 'utf-16le', 2],
    ['UTF-16 BE BOM', bytes(0xfe, 0xff, 0, 0x61), 'utf-16be', 2],
    ['UTF-16 LE without BOM', utf16le('id,name\n1,x\n'), 'utf-16le', 0],
    ['UTF-16 BE without BOM', new Uint8Array(Buffer.from(utf16le('id,name\n1,x\n')).swap16()), 'utf-16be', 0],
    ['plain ASCII', new TextEncoder().encode('id,name\n'), 'utf-8', 0],
    ['UTF-8 é', new TextEncoder().encode('id,name\n1,René\n'), 'utf-8', 0],
    ['Windows-1252 é', bytes(0x69, 0x64, 0x0a, 0x52, 0xe9, 0x0a), 'windows-1252', 0],
  ])('%s', (_, head, encoding, bomLength) => {
    expect(detectEncoding(head, true)).toEqual({ ok: true, encoding, bomLength });
  });

  it('does not hold a multi-byte character cut at the end of the head against UTF-8, unless the head is the whole file', () => {
    const cut = new TextEncoder().encode('id,name\n1,Zoë').slice(0, -1);
    expect(detectEncoding(cut, false)).toMatchObject({ encoding: 'utf-8' });
    expect(detectEncoding(cut, true)).toMatchObject({ encoding: 'windows-1252' });
  });

  it('refuses binary content with a reason', () => {
    expect(detectEncoding(bytes(0x50, 0x4b, 0x03, 0x04, 0x14), false)).toMatchObject({ ok: false, message: expect.stringContaining('Excel workbook') });
    expect(detectEncoding(bytes(0x61, 0, 0, 0, 0x62, 0, 0, 0, 1, 2, 3), true)).toMatchObject({ ok: false, message: expect.stringContaining('binary') });
  });

  it('finds the first byte that breaks UTF-8 (overlong, surrogate, stray continuation)', () => {
    expect(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xed, 0xa0, 0x80))).toBe(2);
    expect(firstInvalidUtf8(bytes(0x80))).toBe(0);
    expect(isValidUtf8(bytes(0xf0, 0x9f, 0x98, 0x80), true)).toBe(true);
  });
});

describe('detectLayout (core)', () => {
  it('votes the separator over several lines, not the header alone', () => {
    expect(detectLayout('a;b;c\n1;2,5;x\n2;3;y\n', true).delimiter).toBe(';');
    expect(detectLayout('upn,proxy\na,SMTP:a;smtp:b\nb,SMTP:c;smtp:d\n', true).delimiter).toBe(',');
    expect(detectLayout('"x,y"|b|c\n1|2|3\n', true).delimiter).toBe('|');
  });

  it('honours a forced separator', () => {
    expect(detectLayout('a,b;c\n1,2;3\n', true, ';')).toMatchObject({ delimiter: ';', headerLine: 1 });
  });

  it('finds the header after a title, an exported-on line and a blank line', () => {
    const text = 'Report\nExported on 1 May, 2025\n\nid,name,mail\n1,a,b\n2,c,d\n';
    expect(detectLayout(text, true)).toMatchObject({ headerLine: 4, preambleLines: 3, headerOffset: text.indexOf('id,'), preamble: ['Report', 'Exported on 1 May, 2025', ''] });
  });

  it('truncates long preamble lines and keeps at most five', () => {
    const text = `${'t'.repeat(300)}\n2\n3\n4\n5\n6\nid,name\n1,a\n`;
    const layout = detectLayout(text, true);
    expect(layout.preamble).toHaveLength(5);
    expect(layout.preamble[0]).toHaveLength(201);
  });
});

describe('lastRecordBoundary with field-start quotes', () => {
  it('ignores a stray quote inside an unquoted value', () => {
    const text = 'a,5" tall\nb,x\n';
    expect(lastRecordBoundary(text, ',')).toBe(text.length);
  });

  it('keeps a quoted line break and doubled quotes inside a record', () => {
    expect(lastRecordBoundary('a;"x ""y""\nz"\nb;"open\n', ';')).toBe('a;"x ""y""\nz"\n'.length);
  });
});

describe('detectContainer', () => {
  it.each([
    ['users.json', 'id,name', 'json'],
    ['users.jsonl', '', 'json'],
    ['users.txt', '\uFEFF  {"value":[]}', 'json'],
    ['users.csv', '[\n  {', 'json'],
    ['users.csv', '[]', 'json'],
    ['users.csv', '[id],[name]\n1,2', 'csv'],
    ['users.csv', 'id,name', 'csv'],
  ])('%s starting %j is %s', (name, head, container) => {
    expect(detectContainer(name, head)).toBe(container);
  });
});
