import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTarget } from '../../../main/cli/load-sources';
import { inputBytesProgress } from '../../../main/evidence/read-progress';
import { tempDir } from '../../support/temp-files';

async function twoFilesNamedAlike(): Promise<[string, string]> {
  const folder = await tempDir();
  const [a, b] = [join(folder, 'a', 'users.csv'), join(folder, 'b', 'users.csv')];
  await Promise.all([mkdir(join(folder, 'a')), mkdir(join(folder, 'b'))]);
  await writeFile(a, 'x'.repeat(10_000));
  await writeFile(b, 'y'.repeat(30_000));
  return [a, b];
}

describe('reading the inputs again, as one bar in bytes', () => {
  it('starts at none of all the bytes and counts each file by its path, whatever its name', async () => {
    const [a, b] = await twoFilesNamedAlike();
    const reports: string[] = [];
    const onRead = await inputBytesProgress([a, b], 'read', (phase, done, total) => reports.push(`${phase} ${done}/${total}`));
    onRead('users.csv', 100, 5_000, a);
    onRead('users.csv', 200, 10_000, a);
    onRead('users.csv', 100, 15_000, b);
    onRead('users.csv', 200, 30_000, b);
    expect(reports).toEqual(['read 0/40000', 'read 5000/40000', 'read 10000/40000', 'read 25000/40000', 'read 40000/40000']);
  });

  it('reports once per two-hundredth of the bytes and always the end, never past it', async () => {
    const [a, b] = await twoFilesNamedAlike();
    const reports: number[] = [];
    const onRead = await inputBytesProgress([a, b], 'parse', (_phase, done) => reports.push(done));
    for (let bytes = 10; bytes <= 10_000; bytes += 10) onRead('users.csv', 1, bytes, a);
    // The second file grew after it was measured: the bar stops at its end.
    for (let bytes = 10; bytes <= 35_000; bytes += 10) onRead('users.csv', 1, bytes, b);
    expect(reports[0]).toBe(0);
    expect(reports.at(-1)).toBe(40_000);
    expect(reports.filter((done) => done === 40_000)).toHaveLength(1);
    // 40,000 bytes in steps of at least 200: at most 200 reports after the first.
    expect(reports.length).toBeLessThanOrEqual(201);
    expect(reports.length).toBeGreaterThan(150);
    expect(reports.every((done, index) => index === 0 || done - reports[index - 1]! >= 200 || done === 40_000)).toBe(true);
  });

  it('counts a file it cannot find as empty, leaving the reader to name it', async () => {
    const [a] = await twoFilesNamedAlike();
    const reports: string[] = [];
    const onRead = await inputBytesProgress([a, join(a, '..', 'gone.csv')], 'read', (phase, done, total) => reports.push(`${done}/${total}`));
    onRead('users.csv', 1, 10_000, a);
    expect(reports).toEqual(['0/10000', '10000/10000']);
  });

  it('is told every batch of a real read, up to the file\'s size', async () => {
    const folder = await tempDir();
    const path = join(folder, 'accounts.csv');
    const lines = ['Username,Email,Display Name'];
    // About 2.5 MB: the reader takes 256 KB at a time, so the bytes read move between batches.
    for (let index = 0; index < 50_000; index += 1) lines.push(`user${index},user${index}@contoso.com,User ${index}`);
    await writeFile(path, `${lines.join('\n')}\n`);
    const reports: [number, number][] = [];
    const onRead = await inputBytesProgress([path], 'read', (_phase, done, total) => reports.push([done, total]));
    await loadTarget(path, { profileId: 'generic', mapping: { accountId: 'Username', email: 'Email', displayName: 'Display Name' }, keepColumns: [], dateOrder: undefined }, onRead);
    const size = reports[0]![1];
    expect(reports.at(-1)).toEqual([size, size]);
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.every(([done], index) => index === 0 || done > reports[index - 1]![0])).toBe(true);
  });
});
