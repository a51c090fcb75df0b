import { randomUUID } from 'node:crypto';
import type { ApiResult, ImportBatch, ImportStarted, StartImportRequest } from '@core/api/contract';
import { fail, ok } from '@core/model/result';
import type { ImportIssue } from '@core/model/import-issue';
import { ImportFailure } from '../files/import-failure';
import { readCsv, type CsvEnd, type CsvHeader, type CsvRows } from '../files/read-csv';
import type { ChosenFileEntry } from './chosen-files';
import { checkHeader } from './detect-source';

interface RunningImport {
  readonly file: ChosenFileEntry;
  readonly reader: AsyncGenerator<CsvHeader | CsvRows, CsvEnd>;
  readonly abort: AbortController;
  rowsRead: number;
}

export type ProgressSink = (importId: string, bytesRead: number, bytesTotal: number) => void;

/**
 * Imports in progress in main. The renderer pulls one batch at a time, so a slow store never lets parsed
 * rows pile up in memory: the file is read only as fast as the renderer takes the rows.
 */
export class Imports {
  readonly #running = new Map<string, RunningImport>();

  constructor(private readonly onProgress: ProgressSink) {}

  async start(file: ChosenFileEntry, request: StartImportRequest): Promise<ApiResult<ImportStarted>> {
    const abort = new AbortController();
    const reader = readCsv(file.path, { fileName: file.name, signal: abort.signal });
    const first = await pull(reader);
    if (!first.ok) return first;
    if (first.value.done || !('header' in first.value.value)) {
      return fail({ code: 'EMPTY_FILE', file: file.name, message: 'the file is empty: no header row' });
    }
    const { header } = first.value.value;
    const mismatch = checkHeader(request.kind, header);
    if (mismatch) {
      await reader.return({ rowsRead: 0, bytesRead: 0, sha256: '' });
      return fail({ ...mismatch, file: file.name });
    }
    const importId = randomUUID();
    this.#running.set(importId, { file, reader, abort, rowsRead: 0 });
    return ok({ importId, kind: request.kind, fileName: file.name, size: file.size, header });
  }

  async next(importId: string): Promise<ApiResult<ImportBatch>> {
    const running = this.#running.get(importId);
    if (!running) return fail({ code: 'UNKNOWN_IMPORT', message: 'no import in progress with this id' });
    const step = await pull(running.reader);
    if (!step.ok || step.value.done) this.#running.delete(importId);
    if (!step.ok) return step;
    const bytesTotal = running.file.size;
    if (step.value.done) {
      const end = step.value.value;
      this.onProgress(importId, end.bytesRead, bytesTotal);
      return ok({ rows: [], lines: [], done: true, rowsRead: end.rowsRead, bytesRead: end.bytesRead, bytesTotal, sha256: end.sha256 });
    }
    const batch = step.value.value;
    if (!('rows' in batch)) return fail({ code: 'PARSE_ERROR', file: running.file.name, message: 'a second header appeared' });
    running.rowsRead += batch.rows.length;
    this.onProgress(importId, batch.bytesRead, bytesTotal);
    return ok({ ...batch, done: false, rowsRead: running.rowsRead, bytesTotal, sha256: undefined });
  }

  async cancel(importId: string): Promise<ApiResult<null>> {
    const running = this.#running.get(importId);
    if (!running) return ok(null);
    this.#running.delete(importId);
    running.abort.abort();
    await running.reader.return({ rowsRead: 0, bytesRead: 0, sha256: '' }).catch(() => undefined);
    return ok(null);
  }
}

type Pulled = IteratorResult<CsvHeader | CsvRows, CsvEnd>;

async function pull(reader: AsyncGenerator<CsvHeader | CsvRows, CsvEnd>): Promise<ApiResult<Pulled>> {
  try {
    return ok(await reader.next());
  } catch (error) {
    if (error instanceof ImportFailure) return fail<ImportIssue>(error.issue);
    throw error;
  }
}
