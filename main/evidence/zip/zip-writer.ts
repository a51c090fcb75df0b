import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { TransformOptions } from 'node:stream';
import { crc32, createGzip, deflateRawSync, type ZlibOptions } from 'node:zlib';
import type { DeflatedFile } from './deflate-ahead';
import { GZIP_OPTIONS, GzipBody } from './gzip-body';
import { dosDateTime, SIGNATURE, ZIP32_LIMIT } from './zip-format';

/** An entry being written: chunks go in order; `end` closes it. */
export interface ZipEntryWriter {
  /** `release`, if given with bytes, is called once the writer has read them: the caller may then fill them again. */
  write(chunk: string | Uint8Array, release?: () => void): Promise<void>;
  end(): Promise<void>;
}

export type ZipMethod = 'store' | 'deflate';

interface CentralRecord {
  readonly name: Buffer;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

const METHOD = { store: 0, deflate: 8 } as const;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8_NAME = 0x0800;
// Past this much buffered output the writer waits for the disk; it bounds memory, not speed.
const HIGH_WATER = 4 * 1024 * 1024;
// Text is encoded to UTF-8 in buffers of this size (a longer text takes several).
const ENCODE_BUFFER = 256 * 1024;
const ENCODER = new TextEncoder();

/**
 * A streaming zip writer: entries in the order they are added, every entry dated with one fixed instant, so the
 * same content gives the same bytes. Deflate runs in zlib's stream (libuv's threadpool), so the caller builds
 * the next chunk while the previous one is compressed. ZIP64 records appear only when an entry, an offset or the
 * entry count passes what the classic format holds.
 */
export class ZipWriter {
  private readonly out: WriteStream;
  private readonly time: number;
  private readonly date: number;
  private readonly records: CentralRecord[] = [];
  private offset = 0;
  private failure: Error | undefined;
  private open = false;
  // Buffers text is encoded into, each back here once zlib has read it.
  private readonly buffers: Buffer[] = [];

  private constructor(path: string, at: Date, private readonly level: number) {
    this.out = createWriteStream(path, { highWaterMark: HIGH_WATER });
    this.out.on('error', (error) => (this.failure = error));
    ({ time: this.time, date: this.date } = dosDateTime(at));
  }

  /** `level` is zlib's deflate level: 1 is fastest; 6 is zlib's default. */
  static create(path: string, at: Date, level = 6): ZipWriter {
    return new ZipWriter(path, at, level);
  }

  /** A whole entry whose bytes are at hand: sizes and CRC go in the local header, no data descriptor. */
  async addBytes(name: string, content: string | Uint8Array, method: ZipMethod = 'deflate'): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const data = method === 'deflate' ? deflateRawSync(bytes, { level: this.level }) : bytes;
    await this.known(name, method, crc32(bytes), bytes.byteLength, [data], data.byteLength);
  }

  /** A file from disk. Stored: read twice (CRC first, so the header holds it); deflated: streamed once. */
  async addFile(name: string, path: string, method: ZipMethod): Promise<void> {
    if (method === 'store') {
      const { size } = await stat(path);
      let crc = 0;
      for await (const chunk of createReadStream(path)) crc = crc32(chunk as Buffer, crc);
      await this.known(name, 'store', crc, size, createReadStream(path), size);
      return;
    }
    const entry = await this.entry(name);
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) await entry.write(chunk as Buffer);
    await entry.end();
  }

  /**
   * A deflated entry written in chunks, of a size not known in advance (a data descriptor follows it). One zlib
   * stream per entry, and a gzip one: the raw deflate data inside gzip's wrapper is the entry's data, and gzip's
   * trailer carries the CRC-32, so both deflate and CRC run on libuv's threadpool while the caller builds the
   * next chunk. (Independent blocks deflated in parallel, as pigz does, measured more CPU in all: zlib's one-shot
   * API costs an object graph per block, and on two cores the JS thread already keeps one deflate busy.)
   */
  async entry(name: string): Promise<ZipEntryWriter> {
    const start = await this.startStreamed(name);
    let size = 0;
    const options: ZlibOptions & TransformOptions = { ...GZIP_OPTIONS, level: this.level };
    const deflate = createGzip(options);
    const body = new GzipBody();
    const give = async (bytes: Uint8Array, done?: () => void): Promise<void> => {
      if (!deflate.write(bytes, done)) await Promise.race([once(deflate, 'drain'), pump]);
      // A turn of the event loop: zlib's finished work is collected and the next piece queued, so the
      // threadpool deflates while the caller builds the next chunk instead of waiting for a drain.
      else await new Promise(setImmediate);
    };
    const pump = (async (): Promise<void> => {
      for await (const chunk of deflate) {
        for (const data of body.take(chunk as Buffer)) await this.put(data);
      }
    })();
    return {
      write: async (chunk, release) => {
        if (typeof chunk !== 'string') {
          size += chunk.byteLength;
          await give(chunk, release);
          return;
        }
        // Text is encoded into buffers that go back to the pool once zlib has read them: a fresh buffer per
        // chunk (Buffer.from) cost several times the encoding itself, in allocation and page faults.
        for (let read = 0; read < chunk.length; ) {
          const buffer = this.buffers.pop() ?? Buffer.allocUnsafeSlow(ENCODE_BUFFER);
          // encodeInto stops before a character that does not fit whole, so the pieces concatenate to the UTF-8.
          const encoded = ENCODER.encodeInto(read === 0 ? chunk : chunk.slice(read), buffer);
          read += encoded.read;
          size += encoded.written;
          await give(buffer.subarray(0, encoded.written), () => this.buffers.push(buffer));
        }
      },
      end: async () => {
        deflate.end();
        await pump;
        const { crc, compressedSize } = body.finish(size);
        await this.endStreamed({ ...start, crc, compressedSize, size });
      },
    };
  }

  /**
   * An entry whose deflate data was made ahead, from the same bytes at this writer's level (see `DeflateAhead`):
   * written exactly as `entry` writes it, so the zip's bytes do not depend on which was used.
   */
  async addDeflated(name: string, deflated: DeflatedFile): Promise<void> {
    if (deflated.level !== this.level) throw new Error(`zip writer: ${name} was deflated at level ${deflated.level}, the zip is at ${this.level}`);
    const start = await this.startStreamed(name);
    let copied = 0;
    for await (const chunk of createReadStream(deflated.path, { highWaterMark: 1024 * 1024 })) {
      copied += (chunk as Buffer).byteLength;
      await this.put(chunk as Buffer);
    }
    if (copied !== deflated.compressedSize) throw new Error(`zip writer: the deflated data for ${name} is ${copied} bytes, not ${deflated.compressedSize}`);
    const { crc, size, compressedSize } = deflated;
    await this.endStreamed({ ...start, crc, compressedSize, size });
  }

  /** The local header of a deflated entry whose sizes and CRC follow its data, in a data descriptor. */
  private async startStreamed(name: string): Promise<Pick<CentralRecord, 'name' | 'method' | 'flags' | 'offset'>> {
    this.claim();
    const nameBytes = Buffer.from(name, 'utf8');
    const flags = FLAG_DATA_DESCRIPTOR | utf8Flag(nameBytes, name);
    const offset = this.offset;
    await this.put(this.localHeader(nameBytes, METHOD.deflate, flags, 0, 0, 0));
    return { name: nameBytes, method: METHOD.deflate, flags, offset };
  }

  /** The data descriptor after a streamed entry's data, and its central record. */
  private async endStreamed(record: CentralRecord): Promise<void> {
    const { crc, compressedSize, size } = record;
    const zip64 = size >= ZIP32_LIMIT || compressedSize >= ZIP32_LIMIT;
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(SIGNATURE.dataDescriptor, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(compressedSize), 8);
      descriptor.writeBigUInt64LE(BigInt(size), 16);
    } else {
      descriptor.writeUInt32LE(compressedSize, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    await this.put(descriptor);
    this.records.push(record);
    this.open = false;
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    this.claim();
    const start = this.offset;
    for (const record of this.records) await this.put(centralHeader(record, this.time, this.date));
    const size = this.offset - start;
    const count = this.records.length;
    if (count > 0xffff || start >= ZIP32_LIMIT || size >= ZIP32_LIMIT) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(SIGNATURE.zip64End, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(size), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(SIGNATURE.zip64Locator, 0);
      locator.writeBigUInt64LE(BigInt(this.offset), 8);
      locator.writeUInt32LE(1, 16);
      await this.put(Buffer.concat([record, locator]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(SIGNATURE.end, 0);
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(Math.min(size, 0xffffffff), 12);
    end.writeUInt32LE(Math.min(start, 0xffffffff), 16);
    await this.put(end);
    this.out.end();
    await once(this.out, 'close');
    if (this.failure) throw this.failure;
  }

  /** Closes the file after a failure; what was written is left for the caller to remove. */
  async abort(): Promise<void> {
    if (this.out.closed) return;
    this.out.destroy();
    await once(this.out, 'close').catch(() => undefined);
  }

  private async known(name: string, method: ZipMethod, crc: number, size: number, data: Iterable<Uint8Array> | AsyncIterable<unknown>, compressedSize: number): Promise<void> {
    this.claim();
    const nameBytes = Buffer.from(name, 'utf8');
    const flags = utf8Flag(nameBytes, name);
    const offset = this.offset;
    const zip64 = size >= ZIP32_LIMIT || compressedSize >= ZIP32_LIMIT;
    await this.put(this.localHeader(nameBytes, METHOD[method], flags, crc, zip64 ? ZIP32_LIMIT : compressedSize, zip64 ? ZIP32_LIMIT : size, zip64 ? { size, compressedSize } : undefined));
    for await (const chunk of data) await this.put(chunk as Uint8Array);
    this.records.push({ name: nameBytes, method: METHOD[method], flags, crc, compressedSize, size, offset });
    this.open = false;
  }

  private localHeader(name: Buffer, method: number, flags: number, crc: number, compressedSize: number, size: number, zip64?: { size: number; compressedSize: number }): Buffer {
    const header = Buffer.alloc(30 + name.byteLength + (zip64 ? 20 : 0));
    header.writeUInt32LE(SIGNATURE.local, 0);
    header.writeUInt16LE(zip64 ? 45 : 20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressedSize, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.byteLength, 26);
    header.writeUInt16LE(zip64 ? 20 : 0, 28);
    name.copy(header, 30);
    if (zip64) {
      const extra = 30 + name.byteLength;
      header.writeUInt16LE(0x0001, extra);
      header.writeUInt16LE(16, extra + 2);
      header.writeBigUInt64LE(BigInt(zip64.size), extra + 4);
      header.writeBigUInt64LE(BigInt(zip64.compressedSize), extra + 12);
    }
    return header;
  }

  /** One entry at a time: entries are contiguous in the file. */
  private claim(): void {
    if (this.open) throw new Error('zip writer: the previous entry is still open');
    this.open = true;
  }

  private async put(bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    this.offset += bytes.byteLength;
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }
}

function utf8Flag(bytes: Buffer, name: string): number {
  return bytes.byteLength === name.length ? 0 : FLAG_UTF8_NAME;
}

function centralHeader(record: CentralRecord, time: number, date: number): Buffer {
  // ZIP64 extra field: only the values that overflow, in this order.
  const wide = [record.size, record.compressedSize, record.offset].filter((value) => value >= ZIP32_LIMIT);
  const extraLength = wide.length > 0 ? 4 + 8 * wide.length : 0;
  const header = Buffer.alloc(46 + record.name.byteLength + extraLength);
  const version = wide.length > 0 ? 45 : 20;
  header.writeUInt32LE(SIGNATURE.central, 0);
  header.writeUInt16LE(version, 4);
  header.writeUInt16LE(version, 6);
  header.writeUInt16LE(record.flags, 8);
  header.writeUInt16LE(record.method, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(record.crc >>> 0, 16);
  header.writeUInt32LE(Math.min(record.compressedSize, ZIP32_LIMIT), 20);
  header.writeUInt32LE(Math.min(record.size, ZIP32_LIMIT), 24);
  header.writeUInt16LE(record.name.byteLength, 28);
  header.writeUInt16LE(extraLength, 30);
  header.writeUInt32LE(Math.min(record.offset, ZIP32_LIMIT), 42);
  record.name.copy(header, 46);
  if (extraLength > 0) {
    let at = 46 + record.name.byteLength;
    header.writeUInt16LE(0x0001, at);
    header.writeUInt16LE(8 * wide.length, at + 2);
    at += 4;
    for (const value of wide) {
      header.writeBigUInt64LE(BigInt(value), at);
      at += 8;
    }
  }
  return header;
}
