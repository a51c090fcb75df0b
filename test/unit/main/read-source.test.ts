import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '@core/model/import-issue';
import { ImportFailure } from '../../../main/files/import-failure';
import { readSourceFile, type SourceFile } from '../../../main/files/read-csv-all';
import { readSource, type ReadSourceOptions } from '../../../main/files/read-source';
import { fixture } from '../../support/fixtures';
import { tempFile } from '../../support/temp-files';

const bad = (name: string): string => fixture(`bad/${name}`);

async function read(name: string, options: Partial<ReadSourceOptions> = {}): Promise<SourceFile> {
  if (Object.keys(options).length === 0) return readSourceFile(bad(name), name);
  return collect(bad(name), { fileName: name, ...options });
}

/** Like readSourceFile, with options. */
async function collect(path: string, options: ReadSourceOptions): Promise<SourceFile> {
  const reader = readSource(path, options);
  const first = await reader.next();
  if (first.done || !('header' in first.value)) throw new Error('no head');
  const { header, format, warnings } = first.value;
  const batches = [];
  for (let step = await reader.next(); ; step = await reader.next()) {
    if (step.done) return { header, format, batches, warnings: [...warnings, ...step.value.warnings], end: step.value };
    if ('rows' in step.value) batches.push(step.value);
  }
}

async function failure(path: string, fileName: string): Promise<ImportIssue> {
  try {
    await readSourceFile(path, fileName);
  } catch (error) {
    if (error instanceof ImportFailure) return error.issue;
    throw error;
  }
  throw new Error(`expected ${fileName} to fail`);
}

const rowsOf = (file: SourceFile): readonly (readonly string[])[] => file.batches.flatMap((batch) => batch.rows);
const linesOf = (file: SourceFile): readonly number[] => file.batches.flatMap((batch) => batch.lines);
const USER_HEADER = ['userPrincipalName', 'displayName', 'mail'];

describe('readSource: bad files are refused with code, file, line and a readable reason', () => {
  it.each([
    ['unclosed-quote.csv', 'PARSE_ERROR', 3, /quoted field starting on this line is never closed/],
    ['very-long-field.csv', 'PARSE_ERROR', 3, /never closed: it runs to the end of the file/],
    ['malformed-quote.csv', 'PARSE_ERROR', 2, /closing quote is followed by other characters/],
    ['wrong-column-count.csv', 'WRONG_COLUMN_COUNT', 3, /expected 3 columns as in the header, found 4/],
    ['duplicate-header.csv', 'DUPLICATE_HEADER', 1, /"Mail" appears twice in the header/],
    ['empty.csv', 'EMPTY_FILE', undefined, /empty: no header row/],
    ['only-bom.csv', 'EMPTY_FILE', undefined, /empty: no header row/],
    ['blank-lines-only.csv', 'EMPTY_FILE', undefined, /empty: no header row/],
    ['binary.png', 'BINARY_FILE', undefined, /PNG image, not a CSV or JSON export/],
    ['workbook.xlsx', 'BINARY_FILE', undefined, /Excel workbook .* save it as CSV/],
    ['control-bytes.bin', 'BINARY_FILE', undefined, /binary file/],
    ['nul-in-middle.csv', 'BINARY_FILE', 3, /NUL byte on this line/],
    ['bad-json.json', 'PARSE_ERROR', 3, /invalid JSON: the file ends in the middle of a value: it is truncated \(column \d+\)/],
    ['json-syntax-error.json', 'PARSE_ERROR', 3, /invalid JSON: found "\{" where "," or "\]" was expected \(column 3\)/],
    ['json-not-records.json', 'UNKNOWN_FORMAT', 1, /the JSON document is a number, not a list of records/],
    ['json-string.json', 'UNKNOWN_FORMAT', 1, /the JSON document is a string, not a list of records/],
    ['json-array-of-numbers.json', 'UNKNOWN_FORMAT', 1, /record 1 is a number, not an object/],
    ['json-empty-array.json', 'EMPTY_FILE', undefined, /JSON holds no records/],
  ])('%s → %s', async (name, code, line, message) => {
    const issue = await failure(bad(name), name);
    expect(issue).toMatchObject({ code, file: name, message: expect.stringMatching(message) });
    expect(issue.line).toBe(line);
  });

  it('reports a JSON file cut inside an array (between values) as truncated, on its last line', async () => {
    const issue = await failure(await tempFile('cut.json', '[\n{"id":"1"},\n{"id":"2"},\n'), 'cut.json');
    expect(issue).toMatchObject({ code: 'PARSE_ERROR', line: 4, message: expect.stringContaining('truncated') });
  });

  it('names the line of an unclosed quote that swallows more than 8 MB', async () => {
    const filler = 'x'.repeat(100).concat('\n').repeat(90_000);
    const issue = await failure(await tempFile('swallow.csv', `id,name\n1,a\n2,"open\n${filler}`), 'swallow.csv');
    expect(issue).toMatchObject({ code: 'PARSE_ERROR', line: 3, message: expect.stringContaining('never closed') });
  });

  it('refuses bytes that are not valid UTF-16', async () => {
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n1,', 'utf16le'), Buffer.from([0x00, 0xdc]), Buffer.from('\n', 'utf16le')]);
    const issue = await failure(await tempFile('lone.csv', lone), 'lone.csv');
    expect(issue).toMatchObject({ code: 'ENCODING_ERROR', message: expect.stringContaining('not valid utf-16le') });
  });
});

describe('readSource: awkward but valid files', () => {
  const users = [
    ['a@x.com', 'Ann', 'a@x.com'],
    ['b@x.com', 'Bob', 'b@x.com'],
  ];

  it.each([
    ['utf-16le-tabs.csv', 'utf-16le', true, '\t', [['zoë@x.com', 'Zoë Müller', 'zoe@x.com']]],
    ['utf-16be-bom.csv', 'utf-16be', true, ',', [['zoë@x.com', 'Zoë', 'zoe@x.com']]],
    ['utf-16le-no-bom.csv', 'utf-16le', false, ',', [['zoë@x.com', 'Zoë', 'zoe@x.com']]],
    ['utf-16be-no-bom.csv', 'utf-16be', false, ',', [['zoë@x.com', 'Zoë', 'zoe@x.com']]],
    ['utf-8-bom.csv', 'utf-8', true, ',', [['zoë@x.com', 'Zoë', 'zoe@x.com']]],
    ['windows-1252.csv', 'windows-1252', false, ',', [['rene@x.com', 'René Groß', 'rene@x.com'], ['uwe@x.com', 'Uwe Müller', 'uwe@x.com'], ['anna@x.com', 'Anna 5€', 'anna@x.com']]],
    ['pipe.csv', 'utf-8', false, '|', users],
    ['tab.tsv', 'utf-8', false, '\t', [['a@x.com', 'Ann, Smith', 'a@x.com'], users[1]]],
    ['crlf.csv', 'utf-8', false, ',', [users[0], ['b@x.com', 'Bob "B"', 'b@x.com']]],
    ['stray-quote.csv', 'utf-8', false, ',', [['a@x.com', 'Ann 5" tall', 'a@x.com'], users[1]]],
    ['formula-cells.csv', 'utf-8', false, ',', [['=1+3', '=1+3 MSOBB', '@SUM(A1)'], ['+49 170', '-x', 'a@x.com']]],
  ])('%s: %s, BOM %s, separator %j', async (name, encoding, bom, delimiter, rows) => {
    const file = await read(name);
    expect(file.header).toEqual(USER_HEADER);
    expect(file.format).toMatchObject({ container: 'csv', encoding, bom, delimiter, preambleLines: 0, headerLine: 1 });
    expect(rowsOf(file)).toEqual(rows);
    expect(linesOf(file)).toEqual(rows.map((_, index) => index + 2));
  });

  it('takes a semicolon file with decimal commas and commas in values', async () => {
    const file = await read('semicolon.csv');
    expect(file.format.delimiter).toBe(';');
    expect(file.header).toEqual(['userPrincipalName', 'displayName', 'costCentre']);
    expect(rowsOf(file)[0]).toEqual(['a@x.com', 'Ann, Sales', '1,5']);
  });

  it('keeps a comma file whose values hold semicolons (proxy addresses) comma-separated', async () => {
    const file = await read('proxy-addresses.csv');
    expect(file.format).toMatchObject({ delimiter: ',', preambleLines: 0 });
    expect(rowsOf(file)[1]).toEqual(['b@x.com', 'SMTP:b@x.com;smtp:bob@x.com', 'b@x.com']);
  });

  it('reads a header-only file as valid, with no rows', async () => {
    const file = await read('header-only.csv');
    expect(file.header).toEqual(USER_HEADER);
    expect(file.end.rowsRead).toBe(0);
    expect(file.batches).toEqual([]);
  });

  it('reads a single-column file', async () => {
    const file = await read('single-column.csv');
    expect(file.header).toEqual(['userPrincipalName']);
    expect(rowsOf(file)).toEqual([['a@x.com'], ['b@x.com']]);
  });

  it('skips the PowerShell #TYPE line and reports it', async () => {
    const file = await read('powershell-type-line.csv');
    expect(file.header).toEqual(['AccountEnabled', 'DisplayName', 'Id', 'UserPrincipalName']);
    expect(file.format).toMatchObject({ preambleLines: 1, headerLine: 2, preamble: ['#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphUser'] });
    expect(linesOf(file)).toEqual([3, 4]);
  });

  it('skips report titles, an "exported on" row and a blank line, counting them in line numbers', async () => {
    const file = await read('title-rows.csv');
    expect(file.header).toEqual(USER_HEADER);
    expect(file.format).toMatchObject({ preambleLines: 3, headerLine: 4, preamble: ['All users report', 'Exported on 2025-03-01 by admin@x.com', ''] });
    expect(rowsOf(file)).toEqual(users);
    expect(linesOf(file)).toEqual([5, 6]);
  });

  it('skips title rows that Excel padded with separators', async () => {
    const file = await read('excel-padded-title.csv');
    expect(file.header).toEqual(USER_HEADER);
    expect(file.format).toMatchObject({ preambleLines: 2, headerLine: 3 });
  });

  it('keeps the version line of an Entra bulk-create template as preamble text for the mapper to refuse', async () => {
    const file = await read('entra-bulk-template.csv');
    expect(file.format).toMatchObject({ preambleLines: 1, headerLine: 2, preamble: ['version:v1.0'] });
    expect(file.header[1]).toBe('User name [userPrincipalName] Required');
  });

  it('splits mixed CRLF and LF lines alike', async () => {
    const file = await read('mixed-line-endings.csv');
    expect(rowsOf(file)).toEqual([users[0], users[1], ['c@x.com', 'Cy', 'c@x.com'], ['d@x.com', 'Di', 'd@x.com']]);
    expect(linesOf(file)).toEqual([2, 3, 4, 5]);
  });

  it('ignores trailing blank lines, also ones Excel filled with separators', async () => {
    const file = await read('trailing-blank-lines.csv');
    expect(rowsOf(file)).toEqual([users[0]]);
  });

  it('keeps line breaks inside quoted values and numbers rows by their first physical line', async () => {
    const file = await read('quoted-newlines.csv');
    expect(rowsOf(file).map((row) => row[1])).toEqual(['Ann\nSmith', 'Bob\r\n\r\nJones', 'Cy']);
    expect(linesOf(file)).toEqual([2, 4, 7]);
  });

  it('keeps header columns without a name and warns about them', async () => {
    const file = await read('header-with-blank-names.csv');
    expect(file.header).toEqual(['userPrincipalName', '', 'mail', '']);
    expect(file.warnings).toEqual([{ file: 'header-with-blank-names.csv', line: 1, message: 'columns 2, 4 of the header have no name' }]);
  });

  it('strips a byte-order mark in the middle of the text and warns that files were joined', async () => {
    const file = await read('bom-in-middle.csv');
    expect(rowsOf(file)[1]).toEqual(['b@x.com', 'Bob', 'b@x.com']);
    expect(file.warnings).toMatchObject([{ line: 3, message: expect.stringContaining('two exports joined') }]);
  });

  it('lets the user force encoding and separator over detection', async () => {
    const file = await read('windows-1252.csv', { encoding: 'windows-1252', delimiter: ';' });
    expect(file.format).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(file.header).toEqual(['userPrincipalName,displayName,mail']);
    const forcedUtf16 = await read('utf-16le-tabs.csv', { encoding: 'utf-16le' });
    expect(forcedUtf16.format).toMatchObject({ encoding: 'utf-16le', bom: true, delimiter: '\t' });
  });

  it('hashes the raw bytes of every fixture, whatever the encoding', async () => {
    for (const name of ['utf-16le-tabs.csv', 'windows-1252.csv', 'utf-8-bom.csv', 'title-rows.csv', 'graph-pages.json', 'json-utf-16le.json']) {
      const bytes = await readFile(bad(name));
      const file = await read(name);
      expect(file.end).toMatchObject({ bytesRead: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  });
});

describe('readSource: JSON records', () => {
  const header = ['id', 'userPrincipalName', 'accountEnabled', 'signInActivity.lastSignInDateTime', 'proxyAddresses', 'manager'];
  const rows = [
    ['1', 'a@x.com', 'true', '2024-12-10T17:38:26Z', '', ''],
    ['2', 'b@x.com', 'false', '', 'SMTP:b@x.com;smtp:bob@x.com', ''],
  ];

  it.each(['graph-page.json', 'graph-pages.json', 'concatenated-pages.json', 'json-lines.jsonl', 'json-utf-16le.json'])('reads %s as flattened records numbered 1, 2', async (name) => {
    const file = await read(name);
    expect(file.header).toEqual(header);
    expect(file.format).toMatchObject({ container: 'json', preambleLines: 0, preamble: [] });
    expect(file.format.delimiter).toBeUndefined();
    expect(rowsOf(file)).toEqual(rows);
    expect(linesOf(file)).toEqual([1, 2]);
    expect(file.warnings).toEqual([]);
  });

  it('detects JSON by content whatever the file name, and UTF-16 from its BOM', async () => {
    const file = await collect(bad('json-utf-16le.json'), { fileName: 'export.txt' });
    expect(file.format).toMatchObject({ container: 'json', encoding: 'utf-16le', bom: true });
  });

  it('warns when the last saved Graph page still links to a next one', async () => {
    const file = await read('graph-page-incomplete.json');
    expect(file.warnings).toMatchObject([{ message: expect.stringContaining('@odata.nextLink') }]);
  });

  it('builds the header from the first 1000 records and reports a key first seen later, once', async () => {
    const records = Array.from({ length: 1500 }, (_, index) => (index >= 1200 ? { id: String(index + 1), late: index } : { id: String(index + 1) }));
    const file = await collect(await tempFile('late.json', JSON.stringify(records)), { fileName: 'late.json', batchRows: 400 });
    expect(file.header).toEqual(['id']);
    expect(file.end.rowsRead).toBe(1500);
    expect(linesOf(file)).toEqual(records.map((_, index) => index + 1));
    expect(file.warnings).toEqual([{ file: 'late.json', line: 1201, message: 'property "late" first appears in record 1201 and is not imported' }]);
  });

  it('streams a Graph page too big to hold, in order', async () => {
    const value = Array.from({ length: 60_000 }, (_, index) => ({ id: `id-${index}`, userPrincipalName: `u${index}@x.com`, accountEnabled: index % 2 === 0 }));
    const path = await tempFile('big.json', JSON.stringify({ '@odata.context': 'x', value }));
    const file = await collect(path, { fileName: 'big.json', batchRows: 7000 });
    expect(file.end.rowsRead).toBe(60_000);
    expect(file.batches.every((batch) => batch.rows.length <= 7000)).toBe(true);
    expect(rowsOf(file)[59_999]).toEqual(['id-59999', 'u59999@x.com', 'false']);
  });
});

describe('readSource: streaming', () => {
  it('delivers the sample in the head and again in the first batch', async () => {
    const rows = Array.from({ length: 50 }, (_, index) => `${index},u${index}@x.com`);
    const reader = readSource(await tempFile('s.csv', `id,email\n${rows.join('\n')}\n`), { fileName: 's.csv', batchRows: 10 });
    const head = await reader.next();
    const first = await reader.next();
    if (head.done || !('header' in head.value) || first.done || !('rows' in first.value)) throw new Error('unexpected order');
    expect(head.value.sample).toHaveLength(20);
    expect(head.value.sample[0]).toEqual(['0', 'u0@x.com']);
    expect(first.value.rows).toEqual(head.value.sample.slice(0, 10));
    await reader.return({ rowsRead: 0, bytesRead: 0, sha256: '', warnings: [] });
  });

  it('keeps batches in order and line numbers exact over 200k rows with a preamble and quoted breaks', async () => {
    const lines = ['Users report', ''];
    lines.push('id;name;mail');
    const expectedLines: number[] = [];
    let line = 4;
    for (let index = 0; index < 200_000; index += 1) {
      expectedLines.push(line);
      if (index % 1000 === 0) {
        lines.push(`${index};"two\nlines";u${index}@x.com`);
        line += 2;
      } else {
        lines.push(`${index};User ${index};u${index}@x.com`);
        line += 1;
      }
    }
    const content = `${lines.join('\r\n')}\r\n`;
    const path = await tempFile('big.csv', content);
    const reader = readSource(path, { fileName: 'big.csv', batchRows: 3000 });
    const ids: string[] = [];
    const seenLines: number[] = [];
    let previousBytes = 0;
    let head;
    let end;
    for (let step = await reader.next(); ; step = await reader.next()) {
      if (step.done) {
        end = step.value;
        break;
      }
      if ('header' in step.value) {
        head = step.value;
        continue;
      }
      expect(step.value.rows.length).toBeLessThanOrEqual(3000);
      expect(step.value.bytesRead).toBeGreaterThanOrEqual(previousBytes);
      previousBytes = step.value.bytesRead;
      for (const row of step.value.rows) ids.push(row[0] ?? '');
      seenLines.push(...step.value.lines);
    }
    expect(ids).toEqual(expectedLines.map((_, index) => String(index)));
    expect(seenLines).toEqual(expectedLines);
    expect(end).toMatchObject({ rowsRead: 200_000, bytesRead: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') });
    expect(head?.format).toMatchObject({ delimiter: ';', preambleLines: 2, headerLine: 3 });
  }, 30_000);

  it('reads records cut between chunks alike, whether or not the first line of the next chunk ends them', async () => {
    // Every third value spans three lines, so chunks (256 KB) end inside such values and inside plain records.
    const expectedLines: number[] = [];
    const lines = ['id,note,mail'];
    let line = 2;
    for (let index = 0; index < 60_000; index += 1) {
      expectedLines.push(line);
      const quoted = index % 3 === 0;
      lines.push(quoted ? `${index},"one, ""a""\ntwo\nthree",u${index}@x.com` : `${index},plain ${index},u${index}@x.com`);
      line += quoted ? 3 : 1;
    }
    const path = await tempFile('cut.csv', `${lines.join('\n')}\n`);
    const { batches } = await collect(path, { fileName: 'cut.csv', batchRows: 5000 });
    const rows = batches.flatMap((batch) => batch.rows);
    expect(rows.map((row) => row[0])).toEqual(expectedLines.map((_, index) => String(index)));
    expect(rows.filter((row) => row[1] === 'one, "a"\ntwo\nthree')).toHaveLength(20_000);
    expect(batches.flatMap((batch) => batch.lines)).toEqual(expectedLines);
  }, 30_000);

  it('stops with CANCELLED when aborted mid-file', async () => {
    const rows = Array.from({ length: 300_000 }, (_, index) => `${index},u${index}@x.com`).join('\n');
    const abort = new AbortController();
    const reader = readSource(await tempFile('big.csv', `id,email\n${rows}\n`), { fileName: 'big.csv', batchRows: 1000, signal: abort.signal });
    await reader.next();
    await reader.next();
    abort.abort();
    let rowsAfterAbort = 0;
    const drain = async (): Promise<void> => {
      for (let step = await reader.next(); !step.done; step = await reader.next()) if ('rows' in step.value) rowsAfterAbort += step.value.rows.length;
    };
    await expect(drain()).rejects.toMatchObject({ issue: { code: 'CANCELLED', file: 'big.csv' } });
    expect(rowsAfterAbort).toBeLessThan(300_000);
  });

  it('reports a missing file as unreadable', async () => {
    expect(await failure('/nonexistent/recondesk/input.csv', 'input.csv')).toMatchObject({ code: 'FILE_UNREADABLE', file: 'input.csv' });
  });
});
