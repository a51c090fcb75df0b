import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractZipEntry, readZipEntries } from '../../../main/evidence/zip/zip-reader';
import { DeflateAhead } from '../../../main/evidence/zip/deflate-ahead';
import { GzipBody } from '../../../main/evidence/zip/gzip-body';
import { ZipWriter } from '../../../main/evidence/zip/zip-writer';
import { tempDir, tempFile } from '../../support/temp-files';

const exec = promisify(execFile);
const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

// Python's zipfile, a reader that is not ours: names, methods, ZIP64 use and each entry's SHA-256.
const LIST = String.raw`
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    entries = archive.infolist()
    print(json.dumps({"bad": archive.testzip(), "count": len(entries), "first": [[i.filename, i.compress_type, hashlib.sha256(archive.read(i)).hexdigest()] for i in entries[:3]]}))
`;

async function pythonList(path: string): Promise<{ bad: string | null; count: number; first: [string, number, string][] }> {
  const script = await tempFile('list.py', LIST);
  return JSON.parse((await exec('/usr/bin/python3', [script, path], { maxBuffer: 16 * 1024 * 1024 })).stdout) as never;
}

/** Text long enough to span several deflate blocks, and not the same in each. */
const lines = (count: number): string => Array.from({ length: count }, (_, index) => `<row r="${index}"><c t="inlineStr"><is><t>value ${index * 7919}</t></is></c></row>\n`).join('');

describe('the zip writer and reader', () => {
  it('writes streamed, stored and whole entries that Python reads, and reads them back itself', async () => {
    const folder = await tempDir();
    const path = join(folder, 'a.zip');
    const big = lines(60_000);
    const stored = await tempFile('stored.bin', 'stored as is\n');
    const zip = ZipWriter.create(path, new Date('2026-11-23T09:00:00Z'));
    const entry = await zip.entry('streamed/big.xml');
    for (let at = 0; at < big.length; at += 100_000) await entry.write(big.slice(at, at + 100_000));
    await entry.end();
    await zip.addFile('stored.bin', stored, 'store');
    await zip.addBytes('naïve.txt', 'ünïcode name');
    await zip.finish();

    expect(Buffer.byteLength(big)).toBeGreaterThan(3 * 1024 * 1024);
    expect(await pythonList(path)).toEqual({
      bad: null,
      count: 3,
      first: [['streamed/big.xml', 8, sha256(big)], ['stored.bin', 0, sha256('stored as is\n')], ['naïve.txt', 8, sha256('ünïcode name')]],
    });
    const entries = await readZipEntries(path);
    const back = await Promise.all(entries.map(async (item, index) => {
      const target = join(folder, `out-${index}`);
      await extractZipEntry(path, item, target);
      return [item.name, sha256(await readFile(target))];
    }));
    expect(back).toEqual([['streamed/big.xml', sha256(big)], ['stored.bin', sha256('stored as is\n')], ['naïve.txt', sha256('ünïcode name')]]);
  });

  it('switches to ZIP64 past 65,535 entries, and both readers still see every entry', async () => {
    const path = join(await tempDir(), 'many.zip');
    const zip = ZipWriter.create(path, new Date('2026-11-23T09:00:00Z'));
    for (let index = 0; index < 65_540; index += 1) await zip.addBytes(`f/${index}`, String(index), 'store');
    await zip.finish();

    const bytes = await readFile(path);
    // The ZIP64 end of central directory record, and the classic record saying "see ZIP64".
    expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    expect(bytes.readUInt16LE(bytes.byteLength - 22 + 10)).toBe(0xffff);
    const listed = await pythonList(path);
    expect([listed.bad, listed.count]).toEqual([null, 65_540]);
    const entries = await readZipEntries(path);
    expect([entries.length, entries.at(-1)?.name]).toEqual([65_540, 'f/65539']);
  }, 60_000);

  it('takes the deflate data and the CRC out of a gzip stream however its output is cut', () => {
    const text = Buffer.from(lines(50));
    const gzip = gzipSync(text, { level: 1, memLevel: 9 });
    const raw = deflateRawSync(text, { level: 1, memLevel: 9 });
    const cuts = [[1], [3], [9], [10], [11], [gzip.byteLength - 9], [gzip.byteLength - 8], [gzip.byteLength - 3], [1, 2, 3], [gzip.byteLength - 8, gzip.byteLength - 4]];
    const results = cuts.map((at) => {
      const body = new GzipBody();
      const pieces = [0, ...at, gzip.byteLength].slice(1).map((end, index, ends) => gzip.subarray(index === 0 ? 0 : ends[index - 1], end));
      const data = Buffer.concat(pieces.flatMap((piece) => body.take(piece)));
      return [data.equals(raw), body.finish(text.byteLength)];
    });
    expect(results).toEqual(cuts.map(() => [true, { crc: crc32(text), compressedSize: raw.byteLength }]));
    expect(() => new GzipBody().finish(0)).toThrow('trailer does not match');
  });

  it('copies data deflated ahead into exactly the bytes it would have deflated itself, however the input was cut', async () => {
    const folder = await tempDir();
    const text = Buffer.from(lines(80_000));
    const at = new Date('2026-11-23T09:00:00Z');
    const source = join(folder, 'findings.csv');
    await writeFile(source, text);
    const itself = join(folder, 'itself.zip');
    const zip = ZipWriter.create(itself, at, 1);
    await zip.addFile('pack/findings.csv', source, 'deflate');
    await zip.finish();

    // Cut into pieces unlike the 1 MB reads addFile makes: zlib's output does not depend on the cuts.
    const ahead = new DeflateAhead(join(folder, 'findings.part'), 1);
    for (let start = 0; start < text.byteLength; start += 333_333) await ahead.write(text.subarray(start, start + 333_333));
    const deflated = await ahead.end();
    const copied = join(folder, 'copied.zip');
    const other = ZipWriter.create(copied, at, 1);
    await other.addDeflated('pack/findings.csv', deflated);
    await other.finish();

    expect(text.byteLength).toBeGreaterThan(5 * 1024 * 1024);
    expect([deflated.size, deflated.crc]).toEqual([text.byteLength, crc32(text)]);
    expect(sha256(await readFile(copied))).toBe(sha256(await readFile(itself)));
    expect((await pythonList(copied)).first).toEqual([['pack/findings.csv', 8, sha256(text)]]);
  });

  it('refuses data deflated ahead at another level, or whose file is not the size it was made', async () => {
    const folder = await tempDir();
    const ahead = new DeflateAhead(join(folder, 'a.part'), 6);
    await ahead.write(Buffer.from(lines(100)));
    const deflated = await ahead.end();
    const zip = ZipWriter.create(join(folder, 'a.zip'), new Date('2026-11-23T09:00:00Z'), 1);
    await expect(zip.addDeflated('a.csv', deflated)).rejects.toThrow('deflated at level 6, the zip is at 1');
    await writeFile(deflated.path, 'not the data');
    await expect(zip.addDeflated('a.csv', { ...deflated, level: 1 })).rejects.toThrow(`is 12 bytes, not ${deflated.compressedSize}`);
    await zip.abort();
  });

  it('encodes text longer than its buffers without splitting a character', async () => {
    const folder = await tempDir();
    const path = join(folder, 'wide.zip');
    // 1, 3 and 4 UTF-8 bytes a character, over 1.5 MB: the text is encoded in several buffers.
    const text = 'a€😀'.repeat(200_000);
    const zip = ZipWriter.create(path, new Date('2026-11-23T09:00:00Z'));
    const entry = await zip.entry('wide.txt');
    await entry.write(text);
    await entry.write('end');
    await entry.end();
    await zip.finish();
    const [item] = await readZipEntries(path);
    const target = join(folder, 'wide.txt');
    await extractZipEntry(path, item!, target);
    expect([item!.size, sha256(await readFile(target))]).toEqual([Buffer.byteLength(text + 'end'), sha256(text + 'end')]);
  });
});
