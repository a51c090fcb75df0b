import { bomLengthFor, detectEncoding, firstInvalidUtf8, type TextEncodingName } from '@core/csv/encoding';
import { detectContainer } from '@core/csv/sniff';
import type { ImportWarning } from '@core/model/import-issue';
import { readCsvText } from './csv-source';
import { createDecoder, type ChunkDecoder } from './decode';
import { ImportFailure } from './import-failure';
import { readJsonBytes } from './json-source';
import { RawInput } from './raw-input';
import type { ReadSourceOptions, SourceEnd, SourceReader } from './source-types';

export type { CsvRows, ReadSourceOptions, SourceEnd, SourceHead, SourceReader } from './source-types';

// Enough bytes to tell the encoding, binary content and whether the text is JSON.
const HEAD_BYTES = 64 * 1024;

/**
 * Streams any input file (CSV in any of the usual encodings and separators, or JSON records): first a
 * `SourceHead` (header, detected format, up to 20 sample rows, warnings), then batches of rows with their
 * lines, then the totals with the SHA-256 of the raw bytes. Problems are thrown as `ImportFailure` naming the
 * file and, where there is one, the line.
 */
export async function* readSource(path: string, options: ReadSourceOptions): SourceReader {
  const { fileName, batchRows = 5000, signal } = options;
  const input = new RawInput(path, signal);
  try {
    const head = await input.head(HEAD_BYTES);
    const { encoding, bomLength } = chooseEncoding(head.bytes, head.complete, options);
    const decoder = createDecoder(encoding);
    const texts = decodeChunks(skipBytes(input.chunks(), bomLength), decoder, fileName);
    const end = (rowsRead: number, warnings: readonly ImportWarning[]): SourceEnd => ({ rowsRead, bytesRead: input.bytesRead, sha256: input.sha256(), warnings });
    const common = { fileName, batchRows, encoding, bom: bomLength > 0, bytesRead: () => input.bytesRead, end, ...(signal ? { signal } : {}) };
    const container = options.container ?? detectContainer(fileName, previewText(head.bytes.subarray(bomLength, bomLength + 256), encoding));
    if (container === 'json') {
      // Through the fatal decoder even for UTF-8, so bad bytes are refused rather than turned into U+FFFD.
      return yield* readJsonBytes(encodeUtf8(texts), common);
    }
    return yield* readCsvText(texts, { ...common, ...(options.delimiter ? { delimiter: options.delimiter } : {}) });
  } catch (error) {
    if (error instanceof ImportFailure) throw error;
    if (error instanceof Error && error.name === 'AbortError') throw new ImportFailure({ code: 'CANCELLED', file: fileName, message: 'the import was cancelled' });
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportFailure({ code: 'FILE_UNREADABLE', file: fileName, message: `cannot read the file: ${message}` });
  } finally {
    await input.close();
  }
}

function chooseEncoding(head: Uint8Array, complete: boolean, options: ReadSourceOptions): { encoding: TextEncodingName; bomLength: number } {
  if (options.encoding !== undefined) return { encoding: options.encoding, bomLength: bomLengthFor(head, options.encoding) };
  const guess = detectEncoding(head, complete);
  if (!guess.ok) throw new ImportFailure({ code: 'BINARY_FILE', file: options.fileName, message: guess.message });
  return guess;
}

async function* skipBytes(chunks: AsyncIterable<Buffer>, count: number): AsyncGenerator<Buffer> {
  let left = count;
  for await (const chunk of chunks) {
    if (left === 0) yield chunk;
    else {
      const skipped = Math.min(left, chunk.length);
      left -= skipped;
      if (skipped < chunk.length) yield chunk.subarray(skipped);
    }
  }
}

async function* decodeChunks(chunks: AsyncIterable<Buffer>, decoder: ChunkDecoder, fileName: string): AsyncGenerator<string> {
  let lines = 1;
  const decode = (bytes: Buffer | undefined): string => {
    try {
      return bytes === undefined ? decoder.flush() : decoder.decode(bytes);
    } catch {
      // The decoder does not say where; for UTF-8 the first bad byte of the chunk is found again here.
      const bad = bytes !== undefined && decoder.encoding === 'utf-8' ? firstInvalidUtf8(bytes) : 0;
      const line = lines + (bytes === undefined ? 0 : countByte(bytes.subarray(0, bad), 10));
      const hint = decoder.encoding === 'utf-8' ? ': if Excel saved it, choose the Windows-1252 encoding' : '';
      throw new ImportFailure({ code: 'ENCODING_ERROR', file: fileName, line, message: `the file is not valid ${decoder.encoding} text on this line${hint}` });
    }
  };
  for await (const chunk of chunks) {
    const text = decode(chunk);
    // A NUL is never text: a damaged file or a binary one that passed the head check. One native search per chunk.
    const nul = text.indexOf('\0');
    if (nul >= 0) {
      const line = lines + countNewlines(text.slice(0, nul));
      throw new ImportFailure({ code: 'BINARY_FILE', file: fileName, line, message: 'the file holds a NUL byte on this line: it is damaged or binary, not a text export' });
    }
    lines += countNewlines(text);
    yield text;
  }
  const rest = decode(undefined);
  if (rest.length > 0) yield rest;
}

async function* encodeUtf8(texts: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const text of texts) yield encoder.encode(text);
}

function countByte(bytes: Uint8Array, byte: number): number {
  let count = 0;
  for (let at = bytes.indexOf(byte); at >= 0; at = bytes.indexOf(byte, at + 1)) count += 1;
  return count;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

// A cut multi-byte character at the end only costs a replacement character here: this text is only looked at.
function previewText(bytes: Uint8Array, encoding: TextEncodingName): string {
  return encoding === 'windows-1252' ? Buffer.from(bytes).toString('latin1') : new TextDecoder(encoding).decode(bytes);
}
