import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every file under a folder, as sorted `/`-separated paths relative to it (code-unit order, the same everywhere). */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(entry.parentPath, entry.name);
    if ((await stat(full)).isFile()) files.push(relative(folder, full).split(sep).join('/'));
  }
  return files.toSorted((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
