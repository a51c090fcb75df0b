import { describe, expect, it } from 'vitest';
import { excelSerial } from '../../../main/evidence/xlsx/cell-xml';
import { SharedStrings } from '../../../main/evidence/xlsx/shared-strings';
import { writeSheet, type SheetContent } from '../../../main/evidence/xlsx/sheet-writer';
import { STYLE, type StyleId } from '../../../main/evidence/xlsx/styles';
import type { ZipEntryWriter } from '../../../main/evidence/zip/zip-writer';

/** The sheet's XML as written, with the parts around `<sheetData>` cut away. */
async function sheetData(
  rows: readonly (readonly (string | number | Date | undefined)[])[],
  header?: readonly string[],
  style: SheetContent['style'] = dateStyled,
  shared?: { readonly columns: readonly boolean[]; readonly strings: SharedStrings },
): Promise<string> {
  const chunks: string[] = [];
  const entry: ZipEntryWriter = {
    write: async (chunk) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    },
    end: async () => undefined,
  };
  const widths = Array.from({ length: 4 }, () => 10);
  await writeSheet(entry, { widths, ...(header ? { header } : {}), rows, rowCount: rows.length, style, ...(shared ? { shared: shared.columns } : {}) }, false, undefined, shared?.strings);
  const xml = chunks.join('');
  return xml.slice(xml.indexOf('<sheetData>') + '<sheetData>'.length, xml.indexOf('</sheetData>'));
}

const dateStyled = (value: unknown): StyleId => (value instanceof Date ? STYLE.date : STYLE.plain);
const firstColumnDated = (_value: unknown, column: number): StyleId => (column === 0 ? STYLE.date : STYLE.plain);
const secondColumnHigh = (_value: unknown, column: number): StyleId => (column === 1 ? STYLE.high : STYLE.plain);

describe('the sheet writer', () => {
  it('writes r on a row\'s first cell and after a gap, text inline, numbers and dates as values', async () => {
    const xml = await sheetData(
      [
        ['a', 1, undefined, new Date('2026-11-22T12:00:00Z')],
        [],
        [undefined, ' keep ', Number.POSITIVE_INFINITY, new Date('1899-12-31T00:00:00Z')],
        ['=1+1', '<&>"', '', 'x\u0001y'],
      ],
      ['One', 'Two'],
    );
    expect(xml).toBe(
      '<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>One</t></is></c><c r="B1" s="1" t="inlineStr"><is><t>Two</t></is></c></row>'
      + '<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c><c r="D2" s="2"><v>46348.5</v></c></row>'
      + '<row r="3"></row>'
      + '<row r="4"><c r="B4" t="inlineStr"><is><t xml:space="preserve"> keep </t></is></c><c t="inlineStr"><is><t>Infinity</t></is></c><c t="inlineStr"><is><t>1899-12-31T00:00:00.000Z</t></is></c></row>'
      + '<row r="5"><c r="A5" t="inlineStr"><is><t>=1+1</t></is></c><c t="inlineStr"><is><t>&lt;&amp;&gt;&quot;</t></is></c><c r="D5" t="inlineStr"><is><t>xy</t></is></c></row>',
    );
  });

  it('writes a number in a date style as the instant of those milliseconds, as a Date holding them is written', async () => {
    const instants = [Date.UTC(2026, 10, 22, 12), 1.7e12 + 0.6, -0.4, Number.NaN, 9e15, Number.POSITIVE_INFINITY, Date.UTC(1899, 11, 31), Date.UTC(1900, 2, 1)];
    const asNumbers = await sheetData(instants.map((ms) => [ms, 'x']), undefined, firstColumnDated);
    const asDates = await sheetData(instants.map((ms) => [new Date(ms), 'x']), undefined, firstColumnDated);
    expect(asNumbers).toBe(asDates);
    expect(asNumbers.slice(0, asNumbers.indexOf('</row>'))).toBe('<row r="1"><c r="A1" s="2"><v>46348.5</v></c><c t="inlineStr"><is><t>x</t></is></c>');
  });

  it('writes an instant with a time of day as String() writes its serial, when another day shares the time of day', async () => {
    // Logins to the second and to the millisecond, 1990 to 2079, each time of day on several days: the serial's
    // digits after the point are kept by time of day, so any day must read them back as its own serial's.
    const instants = Array.from({ length: 2000 }, (_, index) => Date.UTC(1990 + (index % 90), index % 12, 1 + (index % 28)) + ((index * 7919) % 86_400) * 1000 + (index % 3 === 0 ? index % 1000 : 0));
    const times = instants.flatMap((ms) => [ms, ms + 86_400_000 * 365]);
    const xml = await sheetData(times.map((ms) => [ms]), undefined, firstColumnDated);
    expect(xml.match(/<v>[^<]*<\/v>/g)).toEqual(times.map((ms) => `<v>${excelSerial(ms)}</v>`));
  });

  it('numbers rows one after another, across each change in the number of digits', async () => {
    const rows = Array.from({ length: 1001 }, () => ['x']);
    const xml = await sheetData(rows, ['H']);
    expect(xml.match(/<row r="\d+"/g)).toEqual(Array.from({ length: 1002 }, (_, index) => `<row r="${index + 1}"`));
  });

  it('writes a value repeated down a column the same way each time', async () => {
    const rows = [['<a>', ' b', '', 'c'], ['<a>', ' b', '', 'c'], ['<a>', 'b', '', 'c\u0000'], ['<a>', ' b', '', 'c']];
    const xml = await sheetData(rows);
    expect(xml).toBe([repeatedRowCells(' xml:space="preserve"> b', 'c'), repeatedRowCells(' xml:space="preserve"> b', 'c'), repeatedRowCells('>b', 'c'), repeatedRowCells(' xml:space="preserve"> b', 'c')].map((row, index) => `<row r="${index + 1}">${row.replaceAll('_', String(index + 1))}</row>`).join(''));
  });

  it('hands the XML over in chunks that join to the whole sheet', async () => {
    const rows = Array.from({ length: 3000 }, (_, index) => [`row ${index}`, index, `€ ${index}`]);
    const xml = await sheetData(rows);
    expect([xml.startsWith('<row r="1"><c r="A1" t="inlineStr"><is><t>row 0</t></is></c><c><v>0</v></c><c t="inlineStr"><is><t>€ 0</t></is></c></row>'), xml.endsWith('<row r="3000"><c r="A3000" t="inlineStr"><is><t>row 2999</t></is></c><c><v>2999</v></c><c t="inlineStr"><is><t>€ 2999</t></is></c></row>')]).toEqual([true, true]);
    expect(xml.match(/<row /g)?.length).toBe(3000);
  });
});

describe('shared strings', () => {
  it('names the texts of shared columns by number, first met first, across sheets; other columns stay inline', async () => {
    const strings = new SharedStrings();
    const columns = [true, false, true];
    const first = await sheetData([['MATCHED', 'MATCHED', 'yes'], ['ORPHAN', 'x', ''], [undefined, 'y', 'yes'], ['MATCHED', 'z', 'no']], ['Situation'], dateStyled, { columns, strings });
    const second = await sheetData([['no', 'MATCHED', 'ORPHAN']], undefined, dateStyled, { columns, strings });
    expect(first).toBe(
      // A header is never shared: it is written by itself, before the rows.
      '<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>Situation</t></is></c></row>'
      + '<row r="2"><c r="A2" t="s"><v>0</v></c><c t="inlineStr"><is><t>MATCHED</t></is></c><c t="s"><v>1</v></c></row>'
      + '<row r="3"><c r="A3" t="s"><v>2</v></c><c t="inlineStr"><is><t>x</t></is></c></row>'
      + '<row r="4"><c r="B4" t="inlineStr"><is><t>y</t></is></c><c t="s"><v>1</v></c></row>'
      + '<row r="5"><c r="A5" t="s"><v>0</v></c><c t="inlineStr"><is><t>z</t></is></c><c t="s"><v>3</v></c></row>',
    );
    expect(second).toBe('<row r="1"><c r="A1" t="s"><v>3</v></c><c t="inlineStr"><is><t>MATCHED</t></is></c><c t="s"><v>2</v></c></row>');
    expect(strings.xml()).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="8" uniqueCount="4">'
      + '<si><t>MATCHED</t></si><si><t>yes</t></si><si><t>ORPHAN</t></si><si><t>no</t></si></sst>',
    );
  });

  it('keeps a shared text\'s spaces, escapes its markup, drops what XML cannot hold, and keeps the cell\'s style', async () => {
    const strings = new SharedStrings();
    const xml = await sheetData([[' a ', 'high', '<&>', '\u0001']], undefined, secondColumnHigh, { columns: [true, true, true, true], strings });
    // Text of forbidden characters alone is no text: no cell, as inline.
    expect(xml).toBe(`<row r="1"><c r="A1" t="s"><v>0</v></c><c s="${STYLE.high}" t="s"><v>1</v></c><c t="s"><v>2</v></c></row>`);
    expect(strings.xml()).toContain('uniqueCount="3"><si><t xml:space="preserve"> a </t></si><si><t>high</t></si><si><t>&lt;&amp;&gt;</t></si></sst>');
  });

  it('writes texts inline once the table is full, so a column of distinct values cannot grow it without end', async () => {
    const strings = new SharedStrings();
    const rows = Array.from({ length: 65_537 }, (_, index) => [`v${index}`]);
    const xml = await sheetData(rows, undefined, dateStyled, { columns: [true], strings });
    expect(xml.endsWith('<row r="65536"><c r="A65536" t="s"><v>65535</v></c></row><row r="65537"><c r="A65537" t="inlineStr"><is><t>v65536</t></is></c></row>')).toBe(true);
    // A text already in the table is still named by number.
    expect(await sheetData([['v7']], undefined, dateStyled, { columns: [true], strings })).toBe('<row r="1"><c r="A1" t="s"><v>7</v></c></row>');
  });
});

/** One row of the repeated-values test: `_` stands for the row number. */
function repeatedRowCells(second: string, fourth: string): string {
  return `<c r="A_" t="inlineStr"><is><t>&lt;a&gt;</t></is></c><c t="inlineStr"><is><t${second}</t></is></c><c r="D_" t="inlineStr"><is><t>${fourth}</t></is></c>`;
}
