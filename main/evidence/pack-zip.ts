import { basename, join } from 'node:path';
import { listFiles } from './list-files';
import type { DeflatedFile } from './zip/deflate-ahead';
import { ZipWriter } from './zip/zip-writer';

/** The pack as one file: `<folder>.zip` beside the folder. */
export const packZipPath = (folder: string): string => `${folder.replace(/[\\/]+$/, '')}.zip`;

/** Where a pack file's deflate data made ahead for the zip waits, beside the zip; removed once the zip is made. */
export const deflatedAheadPath = (folder: string, file: string): string => `${packZipPath(folder)}.${file}.part`;

// Level 1, zlib's fastest: the zip is a container for transport; what the pack vouches for is each file's hash.
export const PACK_ZIP_LEVEL = 1;

/**
 * Writes the pack folder as one zip, its files under a top-level folder named like the pack, in sorted order and
 * all dated at the export time, so the same pack gives the same zip. The workbook is already compressed and is
 * stored; everything else is deflated, or copied from `ahead` when its data was deflated while the file was written.
 */
export async function writePackZip(folder: string, exportedAt: Date, ahead: ReadonlyMap<string, DeflatedFile> = new Map()): Promise<string> {
  const path = packZipPath(folder);
  const top = basename(folder.replace(/[\\/]+$/, ''));
  const zip = ZipWriter.create(path, exportedAt, PACK_ZIP_LEVEL);
  try {
    for (const file of await listFiles(folder)) {
      const name = `${top}/${file}`;
      const deflated = ahead.get(file);
      if (deflated) await zip.addDeflated(name, deflated);
      else await zip.addFile(name, join(folder, ...file.split('/')), file.endsWith('.xlsx') ? 'store' : 'deflate');
    }
    await zip.finish();
  } catch (error) {
    await zip.abort();
    throw error;
  }
  return path;
}
