import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { TransformOptions } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip, type Gzip, type ZlibOptions } from 'node:zlib';
import { GZIP_OPTIONS, GzipBody } from './gzip-body';

/** A zip entry's deflate data made ahead of the zip, in a file of its own, with what the entry's records need. */
export interface DeflatedFile {
  readonly path: string;
  /** zlib's level: the zip's must be the same for the data to be what the zip would have made. */
  readonly level: number;
  readonly crc: number;
  readonly size: number;
  readonly compressedSize: number;
}

/**
 * Deflates bytes into a file as they are written elsewhere, so the zip made later copies the compressed data
 * instead of compressing again. A file the JS thread makes slowly (findings.csv, built row by row) leaves
 * zlib's threadpool idle; deflating it then costs no time, where deflating it for the zip afterwards cost
 * seconds at a million rows. zlib's output does not depend on how its input was split into writes, so the
 * data is the same as `ZipWriter.entry` would make from the finished file at the same level.
 */
export class DeflateAhead {
  private readonly deflate: Gzip;
  private readonly body = new GzipBody();
  private readonly done: Promise<void>;
  private size = 0;

  constructor(private readonly path: string, private readonly level: number) {
    const options: ZlibOptions & TransformOptions = { ...GZIP_OPTIONS, level };
    const deflate = createGzip(options);
    const body = this.body;
    const out = createWriteStream(path);
    let failure: Error | undefined;
    out.on('error', (error) => (failure ??= error));
    this.deflate = deflate;
    this.done = (async () => {
      try {
        for await (const chunk of deflate) {
          for (const data of body.take(chunk as Buffer)) {
            if (failure) throw failure;
            if (!out.write(data)) await once(out, 'drain');
          }
        }
      } finally {
        out.end();
        await finished(out).catch(() => undefined);
      }
      if (failure) throw failure;
    })();
    // A failure is reported by `end`; until then it must not surface as an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Queues bytes for deflate; waits only when zlib is behind. The bytes must not be changed afterwards. */
  async write(bytes: Uint8Array): Promise<void> {
    this.size += bytes.byteLength;
    if (!this.deflate.write(bytes)) await Promise.race([once(this.deflate, 'drain'), this.done]);
  }

  /** Finishes the data; the file then holds the entry's compressed bytes. */
  async end(): Promise<DeflatedFile> {
    this.deflate.end();
    await this.done;
    const { crc, compressedSize } = this.body.finish(this.size);
    return { path: this.path, level: this.level, crc, size: this.size, compressedSize };
  }

  /** Stops after a failure elsewhere; the file is left for the caller to remove. */
  async abort(): Promise<void> {
    this.deflate.destroy();
    await this.done.catch(() => undefined);
  }
}
