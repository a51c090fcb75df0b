import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { BackupLines, BackupWritten } from '@core/api/contract';
import { fail, ok, type Result } from '@core/model/result';
import type { ImportIssue } from '@core/model/import-issue';

interface Writer {
  readonly path: string;
  readonly partial: string;
  readonly file: FileHandle;
  readonly hash: Hash;
  bytes: number;
}

interface Reader {
  readonly name: string;
  readonly size: number;
  readonly lines: AsyncIterator<string>;
  readonly stream: ReturnType<typeof createReadStream>;
  line: number;
}

/** Lines handed over per request: a few megabytes, so one request never holds a whole backup. */
const MAX_BATCH_CHARS = 4 * 1024 * 1024;

/**
 * Backups written and read for the renderer, by token, at paths the user chose in main's dialogs. A backup is
 * written to `<file>.partial` and renamed into place only when complete, so a cancelled or failed backup never
 * leaves a file that looks whole.
 */
export class Backups {
  readonly #writers = new Map<string, Writer>();
  readonly #readers = new Map<string, Reader>();

  async create(path: string): Promise<Result<{ token: string; name: string }, ImportIssue>> {
    const partial = `${path}.partial`;
    try {
      const file = await open(partial, 'w');
      const token = randomUUID();
      this.#writers.set(token, { path, partial, file, hash: createHash('sha256'), bytes: 0 });
      return ok({ token, name: basename(path) });
    } catch (error) {
      return fail({ code: 'FILE_UNREADABLE', file: path, message: `cannot write the backup: ${messageOf(error)}` });
    }
  }

  async append(token: string, chunk: string): Promise<Result<{ bytes: number }, ImportIssue>> {
    const writer = this.#writers.get(token);
    if (!writer) return fail({ code: 'BAD_REQUEST', message: 'unknown backup token' });
    const bytes = Buffer.from(chunk, 'utf8');
    try {
      await writer.file.write(bytes);
    } catch (error) {
      await this.finish(token, true);
      return fail({ code: 'FILE_UNREADABLE', file: writer.path, message: `cannot write the backup: ${messageOf(error)}` });
    }
    writer.hash.update(bytes);
    writer.bytes += bytes.length;
    return ok({ bytes: writer.bytes });
  }

  /** Completes the backup (renamed into place) or, on abort, removes what was written. */
  async finish(token: string, abort: boolean): Promise<Result<BackupWritten, ImportIssue>> {
    const writer = this.#writers.get(token);
    if (!writer) return fail({ code: 'BAD_REQUEST', message: 'unknown backup token' });
    this.#writers.delete(token);
    await writer.file.close();
    if (abort) {
      await rm(writer.partial, { force: true });
      return ok({ name: basename(writer.path), bytes: 0, sha256: '' });
    }
    await rename(writer.partial, writer.path);
    return ok({ name: basename(writer.path), bytes: writer.bytes, sha256: writer.hash.digest('hex') });
  }

  async openForReading(path: string): Promise<Result<{ token: string; name: string; size: number }, ImportIssue>> {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return fail({ code: 'FILE_UNREADABLE', file: path, message: 'not a readable file' });
    const stream = createReadStream(path, { encoding: 'utf8' });
    const lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
    const token = randomUUID();
    this.#readers.set(token, { name: basename(path), size: info.size, lines, stream, line: 0 });
    return ok({ token, name: basename(path), size: info.size });
  }

  /** The next lines of a backup being restored, with the number of the first; `done` after the last. */
  async next(token: string): Promise<Result<BackupLines, ImportIssue>> {
    const reader = this.#readers.get(token);
    if (!reader) return fail({ code: 'BAD_REQUEST', message: 'unknown backup token' });
    const lines: string[] = [];
    const firstLine = reader.line + 1;
    let chars = 0;
    try {
      while (chars < MAX_BATCH_CHARS) {
        const next = await reader.lines.next();
        if (next.done) {
          this.close(token);
          return ok({ lines, firstLine, done: true, bytesRead: reader.size, bytesTotal: reader.size });
        }
        reader.line += 1;
        lines.push(next.value);
        chars += next.value.length;
      }
    } catch (error) {
      this.close(token);
      return fail({ code: 'FILE_UNREADABLE', file: reader.name, message: `cannot read the backup: ${messageOf(error)}` });
    }
    return ok({ lines, firstLine, done: false, bytesRead: reader.stream.bytesRead, bytesTotal: reader.size });
  }

  close(token: string): void {
    const reader = this.#readers.get(token);
    reader?.stream.destroy();
    this.#readers.delete(token);
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
