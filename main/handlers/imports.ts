import { randomUUID } from 'node:crypto';
import type { ApiResult, ImportBatch, ImportStarted, InspectSourceRequest, ReadOverrides, SourceInspection, StartImportRequest } from '@core/api/contract';
import { detectSource } from '@core/import/detect-source';
import { fail, ok } from '@core/model/result';
import type { ImportIssue } from '@core/model/import-issue';
import { ImportFailure } from '../files/import-failure';
import type { InputStore } from '../files/input-store';
import { readSource, type SourceEnd, type SourceHead } from '../files/read-source';
import type { CsvRows } from '../files/read-source';
import type { ChosenFileEntry } from './chosen-files';
import { checkHeader } from './detect-source';

type Reader = AsyncGenerator<SourceHead | CsvRows, SourceEnd>;

interface RunningImport {
  readonly file: ChosenFileEntry;
  readonly reader: Reader;
  readonly abort: AbortController;
  rowsRead: number;
  /** The next batch, already being read while the renderer stores the current one. */
  ahead: Promise<ApiResult<Pulled>> | undefined;
}

export type ProgressSink = (importId: string, bytesRead: number, bytesTotal: number) => void;

// Rows per batch handed to the renderer: each crossing of the process boundary has a fixed cost, and 20,000
// rows (about 2 MB) keep that cost small while memory stays flat.
const BATCH_ROWS = 20_000;

const NO_END: SourceEnd = { rowsRead: 0, bytesRead: 0, sha256: '', warnings: [] };

/**
 * Imports in progress in main. The renderer pulls one batch at a time, so a slow store never lets parsed
 * rows pile up in memory: the file is read at most one batch ahead of the rows the renderer has taken. That
 * one batch is read while the renderer stores the previous one, so parsing and storing overlap.
 */
export class Imports {
  readonly #running = new Map<string, RunningImport>();

  constructor(
    private readonly onProgress: ProgressSink,
    /** Keeps each imported file's bytes for the evidence pack; the import fails if they cannot be kept. */
    private readonly inputs: InputStore,
  ) {}

  /** Reads the head of a file and says what it looks like; nothing is kept open. */
  async inspect(file: ChosenFileEntry, request: InspectSourceRequest): Promise<ApiResult<SourceInspection>> {
    const reader = readSource(file.path, { fileName: file.name, ...overridesOf(request) });
    const head = await readHead(reader, file.name);
    await reader.return(NO_END).catch(() => undefined);
    if (!head.ok) return head;
    const { header, format, sample, warnings } = head.value;
    return ok({ fileName: file.name, size: file.size, modifiedAt: file.modifiedAt, format, header, sample, detection: detectSource(header), warnings });
  }

  async start(file: ChosenFileEntry, request: StartImportRequest): Promise<ApiResult<ImportStarted>> {
    const abort = new AbortController();
    const reader = readSource(file.path, { fileName: file.name, signal: abort.signal, batchRows: BATCH_ROWS, ...overridesOf(request) });
    const head = await readHead(reader, file.name);
    if (!head.ok) return head;
    const { header, format, warnings } = head.value;
    const mismatch = checkHeader(request, header);
    if (mismatch) {
      await reader.return(NO_END).catch(() => undefined);
      return fail({ ...mismatch, file: file.name });
    }
    const importId = randomUUID();
    this.#running.set(importId, { file, reader, abort, rowsRead: 0, ahead: undefined });
    return ok({ importId, kind: request.kind, fileName: file.name, size: file.size, header, format, warnings });
  }

  async next(importId: string): Promise<ApiResult<ImportBatch>> {
    const running = this.#running.get(importId);
    if (!running) return fail({ code: 'UNKNOWN_IMPORT', message: 'no import in progress with this id' });
    const step = await (running.ahead ?? pull(running.reader));
    running.ahead = undefined;
    if (!step.ok || step.value.done) this.#running.delete(importId);
    if (!step.ok) return step;
    if (!step.value.done) running.ahead = readAhead(running.reader);
    const bytesTotal = running.file.size;
    if (step.value.done) {
      const end = step.value.value;
      const kept = await this.inputs.keep(running.file.path, running.file.name, end.sha256).then(
        (copy) => (copy.kept ? undefined : 'the file changed while it was imported: import it again'),
        (error: unknown) => `cannot keep a copy for the evidence pack: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (kept !== undefined) return fail({ code: 'FILE_UNREADABLE', file: running.file.name, message: kept });
      this.onProgress(importId, end.bytesRead, bytesTotal);
      return ok({ rows: [], lines: [], done: true, rowsRead: end.rowsRead, bytesRead: end.bytesRead, bytesTotal, sha256: end.sha256, warnings: end.warnings });
    }
    const batch = step.value.value;
    if (!('rows' in batch)) return fail({ code: 'PARSE_ERROR', file: running.file.name, message: 'a second header appeared' });
    running.rowsRead += batch.rows.length;
    this.onProgress(importId, batch.bytesRead, bytesTotal);
    return ok({ rows: batch.rows, lines: batch.lines, done: false, rowsRead: running.rowsRead, bytesRead: batch.bytesRead, bytesTotal, sha256: undefined, warnings: [] });
  }

  async cancel(importId: string): Promise<ApiResult<null>> {
    const running = this.#running.get(importId);
    if (!running) return ok(null);
    this.#running.delete(importId);
    running.abort.abort();
    await running.ahead?.catch(() => undefined);
    await running.reader.return(NO_END).catch(() => undefined);
    return ok(null);
  }
}

function overridesOf(request: InspectSourceRequest | StartImportRequest): ReadOverrides {
  return { ...(request.encoding === undefined ? {} : { encoding: request.encoding }), ...(request.delimiter === undefined ? {} : { delimiter: request.delimiter }) };
}

async function readHead(reader: Reader, fileName: string): Promise<ApiResult<SourceHead>> {
  const first = await pull(reader);
  if (!first.ok) return first;
  if (first.value.done || !('header' in first.value.value)) return fail({ code: 'EMPTY_FILE', file: fileName, message: 'the file is empty: no header row' });
  return ok(first.value.value);
}

type Pulled = IteratorResult<SourceHead | CsvRows, SourceEnd>;

/** Starts reading the next batch; a failure is kept for the call that takes it, never left unhandled. */
function readAhead(reader: Reader): Promise<ApiResult<Pulled>> {
  const ahead = pull(reader);
  ahead.catch(() => undefined);
  return ahead;
}

async function pull(reader: Reader): Promise<ApiResult<Pulled>> {
  try {
    return ok(await reader.next());
  } catch (error) {
    if (error instanceof ImportFailure) return fail<ImportIssue>(error.issue);
    throw error;
  }
}
