import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { verifyPack, type PackVerification, type Reperform, type VerifyProgress } from './verify-pack';
import { extractZipEntry, readZipEntries, ZipError } from './zip/zip-reader';

const failed = (check: string, detail: string): PackVerification => ({ ok: false, checks: [{ check, ok: false, detail }], manifest: undefined });

/** Verifies a pack given as its folder or as its `.zip`. */
export async function verifyEvidence(path: string, reperform: Reperform, progress?: VerifyProgress): Promise<PackVerification> {
  const found = await stat(path).catch(() => undefined);
  if (found?.isFile()) return verifyPackZip(path, reperform, progress);
  return verifyPack(path, reperform, progress);
}

/**
 * Verifies a zipped pack exactly as a folder: the entries under its one top-level folder are extracted (each
 * checked against its CRC-32) into a temporary folder, which is then verified and removed. A failure names the
 * file by its path inside the pack, as for a folder.
 */
export async function verifyPackZip(zipPath: string, reperform: Reperform, progress?: VerifyProgress): Promise<PackVerification> {
  let entries;
  try {
    entries = (await readZipEntries(zipPath)).filter((entry) => !entry.name.endsWith('/'));
  } catch (error) {
    return failed(zipPath, error instanceof Error ? error.message : String(error));
  }
  const top = entries[0]?.name.split('/')[0] ?? '';
  for (const entry of entries) {
    const segments = entry.name.split('/');
    if (segments.length < 2 || segments[0] !== top || segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\:]/.test(segment))) {
      return failed(entry.name, `not a file of the pack's folder "${top}/": a pack zip holds one folder and nothing else`);
    }
  }
  const work = await mkdtemp(join(tmpdir(), 'recondesk-verify-'));
  try {
    const folder = join(work, 'pack');
    for (const [index, entry] of entries.entries()) {
      progress?.('read', index, entries.length);
      const inside = entry.name.slice(top.length + 1);
      const target = join(folder, ...inside.split('/'));
      await mkdir(dirname(target), { recursive: true });
      try {
        await extractZipEntry(zipPath, entry, target);
      } catch (error) {
        if (error instanceof ZipError) return failed(inside, error.message);
        throw error;
      }
    }
    return await verifyPack(folder, reperform, progress);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
