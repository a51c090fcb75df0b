import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

// Big reads: fewer chunks means fewer string concatenations and parser calls. Not bigger: every row parsed from
// a chunk stays alive until its batch is taken, and the young-generation collector copies each live row; 256 KB
// read the bench's 300k Entra users in 1.76 s of CPU against 1.98 s with 1 MB chunks (medians of 4 runs).
const CHUNK_BYTES = 1 << 18;

/**
 * The bytes of a file, read once: a head for detection, then every chunk in order. The SHA-256 covers the
 * raw bytes; `bytesRead` counts the bytes handed on, for progress.
 */
export class RawInput {
  readonly #hash = createHash('sha256');
  readonly #iterator: AsyncIterator<Buffer>;
  readonly #buffered: Buffer[] = [];
  #ended = false;
  #bytesRead = 0;

  constructor(path: string, signal?: AbortSignal) {
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, ...(signal ? { signal } : {}) });
    this.#iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** At least `minBytes` from the start of the file (fewer only when the file is shorter, then `complete`). */
  async head(minBytes: number): Promise<{ bytes: Buffer; complete: boolean }> {
    let size = this.#buffered.reduce((total, chunk) => total + chunk.length, 0);
    while (size < minBytes && !this.#ended) {
      const chunk = await this.#read();
      if (chunk === undefined) break;
      this.#buffered.push(chunk);
      size += chunk.length;
    }
    return { bytes: Buffer.concat(this.#buffered), complete: this.#ended };
  }

  /** Every chunk of the file from the start, the head included. */
  async *chunks(): AsyncGenerator<Buffer> {
    for (let chunk = this.#buffered.shift(); chunk !== undefined; chunk = this.#buffered.shift()) yield this.#count(chunk);
    for (let chunk = await this.#read(); chunk !== undefined; chunk = await this.#read()) yield this.#count(chunk);
  }

  get bytesRead(): number {
    return this.#bytesRead;
  }

  /** Hex SHA-256 of all bytes read; call once, at the end. */
  sha256(): string {
    return this.#hash.digest('hex');
  }

  /** Closes the file when the reader stops early. */
  async close(): Promise<void> {
    if (!this.#ended) await this.#iterator.return?.();
    this.#ended = true;
  }

  async #read(): Promise<Buffer | undefined> {
    if (this.#ended) return undefined;
    const step = await this.#iterator.next();
    if (step.done) {
      this.#ended = true;
      return undefined;
    }
    this.#hash.update(step.value);
    return step.value;
  }

  #count(chunk: Buffer): Buffer {
    this.#bytesRead += chunk.length;
    return chunk;
  }
}
