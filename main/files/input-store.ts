import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile } from '../evidence/pack';

/**
 * The bytes of every imported file, kept by main under `<sha256>/<file name>` in the app's data folder: an
 * evidence pack carries its inputs byte for byte, and the file the user picked may have moved or changed by the
 * time the review is exported. The file name is kept because detection reads it (the provisioning trio).
 */
export class InputStore {
  constructor(private readonly folder: string) {}

  /** Where a kept input is, or undefined when this machine does not hold it (a workspace restored elsewhere). */
  async find(sha256: string, fileName: string): Promise<string | undefined> {
    const path = this.#path(sha256, fileName);
    return (await stat(path).catch(() => undefined))?.isFile() ? path : undefined;
  }

  /**
   * Copies a file into the store as the bytes imported with `sha256`, unless they are there already. When the copy's
   * bytes are other ones (the file changed while it was read, or it is another file) nothing is kept and their
   * SHA-256 is returned, for the caller to say which case it was.
   */
  async keep(source: string, fileName: string, sha256: string): Promise<{ readonly kept: true } | { readonly kept: false; readonly sha256: string }> {
    if ((await this.find(sha256, fileName)) !== undefined) return { kept: true };
    const folder = join(this.folder, sha256);
    await mkdir(folder, { recursive: true });
    // Written beside and renamed: a crash never leaves a half-copied file under the final name.
    const partial = join(folder, `.${randomUUID()}.partial`);
    try {
      await copyFile(source, partial);
      const copied = await hashFile(partial);
      if (copied.sha256 !== sha256) return { kept: false, sha256: copied.sha256 };
      await rename(partial, this.#path(sha256, fileName));
      return { kept: true };
    } finally {
      await rm(partial, { force: true });
    }
  }

  #path(sha256: string, fileName: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256) || /[\\/]|^\.\.?$/.test(fileName)) throw new Error(`not a kept input: ${fileName}`);
    return join(this.folder, sha256, fileName);
  }
}
