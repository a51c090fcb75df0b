import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { TextEncodingName } from '@core/csv/encoding';

/** Turns a file's bytes into text chunk by chunk; `decode` throws when the bytes are not valid in the encoding. */
export interface ChunkDecoder {
  readonly encoding: TextEncodingName;
  decode(bytes: Uint8Array): string;
  /** The text held back for a character cut at the end of the last chunk; throws when it is incomplete. */
  flush(): string;
}

/** A streaming decoder for the encoding; the BOM must already be cut off (an inner U+FEFF stays text). */
export function createDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'windows-1252') return windows1252;
  if (encoding === 'utf-8') return utf8Decoder();
  // Native and fatal: a bad byte is reported, never replaced.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  return {
    encoding,
    decode: (bytes) => decoder.decode(bytes, { stream: true }),
    flush: () => decoder.decode(),
  };
}

// Node's TextDecoder maps 0x80–0x9F of windows-1252 to C1 controls outside stream mode (a Latin-1 fast path),
// so the 27 characters that differ from Latin-1 are mapped here: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const windows1252: ChunkDecoder = {
  encoding: 'windows-1252',
  decode: (bytes) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\x80-\x9f]/g, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80] ?? char),
  flush: () => '',
};

/**
 * UTF-8, validated natively and decoded with Buffer#toString. TextDecoder returns two-byte strings even for
 * ASCII, which doubles the memory of every cell kept and makes each comparison slower; Buffer's decoding gives
 * one-byte strings whenever the text allows. A character cut at the end of a chunk waits for the next one.
 */
function utf8Decoder(): ChunkDecoder {
  let held: Buffer = Buffer.alloc(0);
  return {
    encoding: 'utf-8',
    decode(bytes) {
      const chunk = held.length === 0 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.concat([held, bytes]);
      const end = completeLength(chunk);
      held = Buffer.from(chunk.subarray(end));
      const whole = chunk.subarray(0, end);
      if (!isUtf8(whole)) throw new Error('invalid UTF-8');
      return whole.toString('utf8');
    },
    flush() {
      if (held.length > 0) throw new Error('a character is cut off at the end of the file');
      return '';
    },
  };
}

/** The length of the bytes that end on a whole character: a lead byte whose sequence runs past the end is held back. */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
