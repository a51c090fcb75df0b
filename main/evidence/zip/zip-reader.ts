import { createReadStream, createWriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { SIGNATURE, ZIP32_LIMIT } from './zip-format';

/** One file in a zip, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/** A zip that cannot be read; `entry` names the entry at fault when there is one. */
export class ZipError extends Error {
  constructor(message: string, readonly entry?: string) {
    super(message);
  }
}

const END_LENGTH = 22;
const MAX_COMMENT = 0xffff;

/** The entries of a zip file, from its central directory (ZIP64 included). */
export async function readZipEntries(path: string): Promise<ZipEntry[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, END_LENGTH + MAX_COMMENT);
    const tail = await readAt(file, size - tailLength, tailLength);
    let end = -1;
    for (let at = tail.byteLength - END_LENGTH; at >= 0; at -= 1) {
      if (tail.readUInt32LE(at) === SIGNATURE.end) {
        end = at;
        break;
      }
    }
    if (end < 0) throw new ZipError('not a zip file: no end of central directory');
    let count = tail.readUInt16LE(end + 10);
    let directorySize = tail.readUInt32LE(end + 12);
    let directoryOffset = tail.readUInt32LE(end + 16);
    const locatorAt = size - tailLength + end - 20;
    if (locatorAt >= 0 && (count === 0xffff || directorySize === ZIP32_LIMIT || directoryOffset === ZIP32_LIMIT)) {
      const locator = await readAt(file, locatorAt, 20);
      if (locator.readUInt32LE(0) === SIGNATURE.zip64Locator) {
        const record = await readAt(file, Number(locator.readBigUInt64LE(8)), 56);
        if (record.readUInt32LE(0) !== SIGNATURE.zip64End) throw new ZipError('damaged zip: the ZIP64 end record is not where its locator says');
        count = Number(record.readBigUInt64LE(32));
        directorySize = Number(record.readBigUInt64LE(40));
        directoryOffset = Number(record.readBigUInt64LE(48));
      }
    }
    if (directoryOffset + directorySize > size) throw new ZipError('damaged zip: the central directory lies past the end of the file');
    return parseCentralDirectory(await readAt(file, directoryOffset, directorySize), count);
  } finally {
    await file.close();
  }
}

function parseCentralDirectory(directory: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > directory.byteLength || directory.readUInt32LE(at) !== SIGNATURE.central) throw new ZipError(`damaged zip: central directory entry ${index + 1} is not where it should be`);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const flags = directory.readUInt16LE(at + 8);
    const name = directory.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x0800 ? 'utf8' : 'latin1');
    let size = directory.readUInt32LE(at + 24);
    let compressedSize = directory.readUInt32LE(at + 20);
    let offset = directory.readUInt32LE(at + 42);
    // ZIP64 extra field: the 8-byte values, only for the fields set to 0xFFFFFFFF, in this order.
    for (let extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = directory.readUInt16LE(extra);
      const length = directory.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        const wide = (): number => {
          const value = Number(directory.readBigUInt64LE(field));
          field += 8;
          return value;
        };
        if (size === ZIP32_LIMIT) size = wide();
        if (compressedSize === ZIP32_LIMIT) compressedSize = wide();
        if (offset === ZIP32_LIMIT) offset = wide();
      }
      extra += 4 + length;
    }
    entries.push({ name, method: directory.readUInt16LE(at + 10), flags, crc: directory.readUInt32LE(at + 16), compressedSize, size, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Writes one entry's content to a file, inflating it when deflated, and checks its size and CRC-32 against the
 * central directory: a damaged entry is named, never silently extracted.
 */
export async function extractZipEntry(zipPath: string, entry: ZipEntry, target: string): Promise<void> {
  if (entry.flags & 0x0001) throw new ZipError('encrypted: an evidence pack is never encrypted', entry.name);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`compressed with method ${entry.method}: only stored and deflated entries are read`, entry.name);
  const file = await open(zipPath, 'r');
  let start: number;
  try {
    const local = await readAt(file, entry.offset, 30);
    if (local.readUInt32LE(0) !== SIGNATURE.local) throw new ZipError('damaged zip: no local header where the central directory says', entry.name);
    start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await file.close();
  }
  let crc = 0;
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc);
      size += chunk.byteLength;
      done(null, chunk);
    },
  });
  // An empty stored entry: a read stream with end < start would read to the end of the file.
  const source = entry.compressedSize === 0 ? Readable.from([]) : createReadStream(zipPath, { start, end: start + entry.compressedSize - 1 });
  try {
    await (entry.method === 8 ? pipeline(source, createInflateRaw(), check, createWriteStream(target)) : pipeline(source, check, createWriteStream(target)));
  } catch (error) {
    throw new ZipError(`damaged in the zip: ${error instanceof Error ? error.message : String(error)}`, entry.name);
  }
  if (size !== entry.size || crc >>> 0 !== entry.crc >>> 0) throw new ZipError(`damaged in the zip: its content does not match its CRC-32 and size`, entry.name);
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new ZipError('damaged zip: shorter than its records say');
  return buffer;
}
