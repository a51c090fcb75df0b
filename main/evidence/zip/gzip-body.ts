import type { TransformOptions } from 'node:stream';
import type { ZlibOptions } from 'node:zlib';

// zlib's gzip wrapper with no name, comment or extra field: a 10-byte header and an 8-byte trailer (CRC-32, size).
const GZIP_HEADER = 10;
const GZIP_TRAILER = 8;

/**
 * The options of every gzip stream a zip entry's data comes from (the level aside). memLevel changes the
 * compressed bytes, so data deflated ahead (`DeflateAhead`) and in the zip (`ZipWriter.entry`) share it.
 */
export const GZIP_OPTIONS: ZlibOptions & TransformOptions = {
  memLevel: 9,
  // zlib hands back compressed output in pieces of this size; larger pieces mean fewer stream events.
  chunkSize: 256 * 1024,
  // Input queued for zlib before `write` waits: a few of the caller's chunks, so deflate always has the next one.
  writableHighWaterMark: 4 * 1024 * 1024,
};

/**
 * The raw deflate data inside a gzip stream, chunk by chunk: the header dropped, the trailer held back (it may
 * straddle two chunks) and read for the CRC-32 when the stream ends.
 */
export class GzipBody {
  private skip = GZIP_HEADER;
  private tail = Buffer.alloc(0);
  private length = 0;
  private readonly ready: Buffer[] = [];

  private out(data: Buffer): void {
    this.ready.push(data);
    this.length += data.byteLength;
  }

  /** The deflate data this chunk completes: all but the last 8 bytes seen so far. */
  take(chunk: Buffer): Buffer[] {
    let data = chunk;
    if (this.skip > 0) {
      const dropped = Math.min(this.skip, data.byteLength);
      if (this.skip === GZIP_HEADER && (data[0] !== 0x1f || (dropped > 1 && data[1] !== 0x8b))) throw new Error('zip writer: zlib did not write a gzip header');
      this.skip -= dropped;
      data = data.subarray(dropped);
    }
    if (data.byteLength < GZIP_TRAILER) data = Buffer.concat([this.tail, data]);
    else if (this.tail.byteLength > 0) this.out(this.tail);
    const cut = Math.max(0, data.byteLength - GZIP_TRAILER);
    this.tail = Buffer.from(data.subarray(cut));
    const body = data.subarray(0, cut);
    if (body.byteLength > 0) this.out(body);
    return this.ready.splice(0);
  }

  /** The CRC-32 from the trailer, checked against the size written (the trailer holds it modulo 2^32). */
  finish(size: number): { crc: number; compressedSize: number } {
    if (this.tail.byteLength !== GZIP_TRAILER || this.tail.readUInt32LE(4) !== size % 2 ** 32) throw new Error('zip writer: zlib\'s gzip trailer does not match what was written');
    return { crc: this.tail.readUInt32LE(0), compressedSize: this.length };
  }
}
