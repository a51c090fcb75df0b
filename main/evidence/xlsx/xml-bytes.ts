// XML is written into buffers of this size and each full one handed to the zip entry: large enough that the
// JS thread's part of each hop to zlib's threadpool (stream bookkeeping, a callback, a turn of the event loop)
// stays small against the XML (per 375 MB it measured 0.25-0.35 s at 128 KB, 0.09-0.26 s at 512 KB, 0.05-0.12 s
// at 1 MB), small enough that the few in flight keep memory flat.
const BUFFER_BYTES = 1024 * 1024;

// From this length a text is checked and copied natively: a loop over its characters cost 5-6 ns a character,
// twice the native pair's at 70 characters; below about 30 the two native calls' overhead costs more than the loop.
const NATIVE_FROM = 32;
// Any character `plain` does not copy as it is: controls, beyond ASCII, and the markup characters " & < >.
const NOT_PLAIN = /[^\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x7e]/;

/**
 * Buffers the XML is written into, each back here once zlib has read it: a fresh buffer per chunk would cost its
 * allocation and page faults every time. Buffers larger than usual (for one very long value) are not kept.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  take(bytes: number): Buffer {
    if (bytes > BUFFER_BYTES) return Buffer.allocUnsafeSlow(bytes);
    return this.free.pop() ?? Buffer.allocUnsafeSlow(BUFFER_BYTES);
  }

  /** `chunk` is a view of a buffer this pool gave out; the whole buffer comes back. */
  release(chunk: Uint8Array): void {
    if (chunk.buffer.byteLength === BUFFER_BYTES) this.free.push(Buffer.from(chunk.buffer));
  }
}

/**
 * XML written straight as UTF-8 bytes: fixed markup copied from bytes made once, values copied character by
 * character when they are plain ASCII (nearly always), encoded by Node otherwise. No string is built for the
 * XML, so none is joined, encoded or collected.
 */
export class XmlBytes {
  private buffer: Buffer;
  private at = 0;
  private readonly full: Uint8Array[] = [];

  constructor(private readonly pool: BufferPool) {
    this.buffer = pool.take(0);
  }

  /** Filled buffers, in order, since the last call; each for `pool.release` once written. */
  takeFull(): Uint8Array[] {
    return this.full.splice(0);
  }

  /** Whether buffers have filled up since the last `takeFull`. */
  get hasFull(): boolean {
    return this.full.length > 0;
  }

  /** Every buffer not yet taken, the one in use included: the writer is done with. */
  finish(): Uint8Array[] {
    if (this.at > 0) this.full.push(this.buffer.subarray(0, this.at));
    this.at = 0;
    return this.takeFull();
  }

  /** Where the next byte goes; `rewind` returns there, dropping what was written since (within one `room`). */
  get mark(): number {
    return this.at;
  }

  rewind(mark: number): void {
    this.at = mark;
  }

  /** Makes room for `bytes` more in one buffer: a value's bytes are never split across two. */
  room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    if (this.at > 0) this.full.push(this.buffer.subarray(0, this.at));
    this.buffer = this.pool.take(bytes);
    this.at = 0;
  }

  /** Bytes (ASCII markup), all or the first `length`, room made by the caller. */
  bytes(bytes: Uint8Array, length?: number): void {
    if (length === undefined) {
      this.buffer.set(bytes, this.at);
      this.at += bytes.length;
      return;
    }
    // A few bytes (a row's number) copy faster one by one than through a view made to `set` them.
    for (let index = 0; index < length; index += 1) this.buffer[this.at++] = bytes[index]!;
  }

  /** Text known to be ASCII and safe in XML (a number's digits), room made by the caller. */
  ascii(text: string): void {
    const buffer = this.buffer;
    let at = this.at;
    for (let index = 0; index < text.length; index += 1) buffer[at++] = text.charCodeAt(index);
    this.at = at;
  }

  /**
   * Copies `text` if every character is printable ASCII that XML takes as it is, and says so; otherwise writes
   * nothing (what it copied is dropped) and says false. Room for `text.length` bytes made by the caller.
   */
  plain(text: string): boolean {
    if (text.length >= NATIVE_FROM) return this.plainNative(text);
    const buffer = this.buffer;
    let at = this.at;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x26 || code === 0x3c || code === 0x3e) return false;
      buffer[at++] = code;
    }
    this.at = at;
    return true;
  }

  /** `plain` for a long text: checked by a regular expression and copied by Node, both native. */
  private plainNative(text: string): boolean {
    if (NOT_PLAIN.test(text)) return false;
    this.at += this.buffer.write(text, this.at, 'latin1');
    return true;
  }

  /** Any text, as UTF-8, room made for it. */
  utf8(text: string): void {
    this.room(text.length * 3);
    this.at += this.buffer.write(text, this.at, 'utf8');
  }
}
