import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ImportFailure } from '../../../main/files/import-failure';
import { readCsv, type CsvRows } from '../../../main/files/read-csv';
import { readCsvFile } from '../../../main/files/read-csv-all';
import { tempFile } from '../../support/temp-files';

async function failureOf(path: string): Promise<ImportFailure['issue']> {
  try {
    await readCsvFile(path, 'input.csv');
  } catch (error) {
    if (error instanceof ImportFailure) return error.issue;
    throw error;
  }
  throw new Error('expected the read to fail');
}

describe('readCsv', () => {
  it('streams the header, rows with their lines, and the SHA-256 of the bytes', async () => {
    const content = 'id,email\n1,a@x.com\n2,"multi\nline"\n\n3,c@x.com\n';
    const path = await tempFile('input.csv', content);
    const file = await readCsvFile(path, 'input.csv');
    expect(file.header).toEqual(['id', 'email']);
    expect(file.batches.flatMap((batch) => batch.rows)).toEqual([
      ['1', 'a@x.com'],
      ['2', 'multi\nline'],
      ['3', 'c@x.com'],
    ]);
    expect(file.batches.flatMap((batch) => batch.lines)).toEqual([2, 3, 6]);
    expect(file.end).toEqual({
      rowsRead: 3,
      bytesRead: Buffer.byteLength(content),
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  });

  it('splits large files into batches and keeps every row across chunk borders', async () => {
    const rows = Array.from({ length: 30_000 }, (_, index) => `${index},"user ${index}, with comma",u${index}@x.com`);
    const path = await tempFile('big.csv', `id,name,email\n${rows.join('\r\n')}\r\n`);
    const reader = readCsv(path, { fileName: 'big.csv', batchRows: 5000 });
    const batches: CsvRows[] = [];
    for (let step = await reader.next(); !step.done; step = await reader.next()) {
      if ('rows' in step.value) batches.push(step.value);
    }
    expect(batches.every((batch) => batch.rows.length <= 5000)).toBe(true);
    const all = batches.flatMap((batch) => batch.rows);
    expect(all).toHaveLength(30_000);
    expect(all[29_999]).toEqual(['29999', 'user 29999, with comma', 'u29999@x.com']);
    expect(batches.flatMap((batch) => batch.lines)[29_999]).toBe(30_001);
  });

  it('strips a UTF-8 byte-order mark and reads UTF-16 LE with tabs', async () => {
    const bom = await readCsvFile(await tempFile('bom.csv', '\uFEFFid,email\n1,a@x.com\n'), 'bom.csv');
    expect(bom.header).toEqual(['id', 'email']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\temail\n1\tä@x.com\n', 'utf16le')]);
    const file = await readCsvFile(await tempFile('excel.txt', utf16), 'excel.txt');
    expect(file.header).toEqual(['id', 'email']);
    expect(file.batches[0]?.rows).toEqual([['1', 'ä@x.com']]);
  });

  it.each([
    ['empty.csv', '', { code: 'EMPTY_FILE' }],
    ['blank-lines.csv', '\n\n\n', { code: 'EMPTY_FILE' }],
    ['duplicate-header.csv', 'id,email,Email\n1,a,b\n', { code: 'DUPLICATE_HEADER', line: 1 }],
    ['wrong-column-count.csv', 'id,email\n1,a@x.com\n2,b@x.com,extra\n', { code: 'WRONG_COLUMN_COUNT', line: 3 }],
    ['unclosed-quote.csv', 'id,email\n1,a@x.com\n2,"b@x.com\n3,c@x.com\n', { code: 'PARSE_ERROR', line: 3 }],
  ])('rejects %s with file, line and reason', async (name, content, expected) => {
    const issue = await failureOf(await tempFile(name, content));
    expect(issue).toMatchObject({ ...expected, file: 'input.csv' });
    expect(issue.message.length).toBeGreaterThan(10);
  });

  it('rejects a binary file', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    expect(await failureOf(await tempFile('export.xlsx', zip))).toMatchObject({ code: 'BINARY_FILE', message: expect.stringContaining('Excel workbook') });
  });

  it('reads bytes that are not UTF-8 as Windows-1252', async () => {
    const latin1 = Buffer.from('id,name\n1,Ren\xe9\n', 'latin1');
    const file = await readCsvFile(await tempFile('latin1.csv', latin1), 'latin1.csv');
    expect(file.batches[0]?.rows).toEqual([['1', 'René']]);
  });

  it('rejects bytes that break UTF-8 after a valid head, naming the line', async () => {
    const rows = Array.from({ length: 80_000 }, (_, index) => `${index},user${index}@x.com`).join('\n');
    const content = Buffer.concat([Buffer.from(`id,email\n${rows}\n`), Buffer.from('80000,Ren\xe9\n', 'latin1')]);
    expect(await failureOf(await tempFile('late.csv', content))).toMatchObject({ code: 'ENCODING_ERROR', line: 80_002, message: expect.stringContaining('Windows-1252') });
  });

  it('reports a missing file as unreadable', async () => {
    expect(await failureOf('/nonexistent/recondesk/input.csv')).toMatchObject({ code: 'FILE_UNREADABLE' });
  });

  it('stops with CANCELLED when aborted mid-file', async () => {
    // Several read chunks' worth, so the abort lands while the file is still being read.
    const rows = Array.from({ length: 300_000 }, (_, index) => `${index},u${index}@x.com`).join('\n');
    const path = await tempFile('big.csv', `id,email\n${rows}\n`);
    const abort = new AbortController();
    const reader = readCsv(path, { fileName: 'big.csv', batchRows: 1000, signal: abort.signal });
    await reader.next();
    await reader.next();
    abort.abort();
    let rowsAfterAbort = 0;
    const drain = async (): Promise<void> => {
      for (let step = await reader.next(); !step.done; step = await reader.next()) {
        if ('rows' in step.value) rowsAfterAbort += step.value.rows.length;
      }
    };
    await expect(drain()).rejects.toMatchObject({ issue: { code: 'CANCELLED' } });
    expect(rowsAfterAbort).toBeLessThan(300_000);
  });
});
