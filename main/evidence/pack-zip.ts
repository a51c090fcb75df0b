import { basename, join } from 'node:path';
import { listFiles } from './list-files';
import { ZipWriter } from './zip/zip-writer';

/** The pack as one file: `<folder>.zip` beside the folder. */
export const packZipPath = (folder: string): string => `${folder.replace(/[\\/]+$/, '')}.zip`;

/**
 * Writes the pack folder as one zip, its files under a top-level folder named like the pack, in sorted order and
 * all dated at the export time, so the same pack gives the same zip. The workbook is already compressed and is
 * stored; everything else is deflated.
 */
export async function writePackZip(folder: string, exportedAt: Date): Promise<string> {
  const path = packZipPath(folder);
  const top = basename(folder.replace(/[\\/]+$/, ''));
  // Level 1, zlib's fastest: the zip is a container for transport; what the pack vouches for is each file's hash.
  const zip = ZipWriter.create(path, exportedAt, 1);
  try {
    for (const file of await listFiles(folder)) await zip.addFile(`${top}/${file}`, join(folder, ...file.split('/')), file.endsWith('.xlsx') ? 'store' : 'deflate');
    await zip.finish();
  } catch (error) {
    await zip.abort();
    throw error;
  }
  return path;
}
