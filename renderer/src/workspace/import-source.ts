import type { Api, ApiError, ImportBatch } from '@core/api/contract';
import type { SourceKind } from '@core/import/source-kind';
import { fail, ok, type Result } from '@core/model/result';
import type { SourceRecord, Workspace } from './workspace';

export interface ImportProgress {
  readonly rowsStored: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
  /** When the import happened; a parameter so tests are deterministic. */
  readonly now?: () => Date;
}

type ImportApi = Pick<Api, 'startImport' | 'nextBatch' | 'cancelImport'>;

const cancelled: ApiError = { code: 'CANCELLED', message: 'the import was cancelled' };

/**
 * Imports one chosen file into the workspace: rows are staged batch by batch as main parses them, then
 * committed at once. On any error or cancel the staged rows are discarded, so the workspace is exactly
 * as it was before.
 */
export async function importSource(
  api: ImportApi,
  workspace: Workspace,
  token: string,
  kind: SourceKind,
  options: ImportOptions = {},
): Promise<Result<SourceRecord, ApiError>> {
  const { onProgress, signal, now = () => new Date() } = options;
  const started = await api.startImport({ token, kind });
  if (!started.ok) return started;
  const { importId, fileName, size, header } = started.value;
  const sourceId = importId;
  await workspace.sources.add({
    id: sourceId,
    kind,
    fileName,
    size,
    header,
    importedAt: now().toISOString(),
    status: 'staging',
    sha256: undefined,
    rowCount: 0,
  });

  try {
    let seq = 0;
    let stored = 0;
    for (;;) {
      if (signal?.aborted) {
        await api.cancelImport({ importId });
        await workspace.discardSource(sourceId);
        return fail(cancelled);
      }
      const next = await api.nextBatch({ importId });
      if (!next.ok) {
        await workspace.discardSource(sourceId);
        return next;
      }
      const batch: ImportBatch = next.value;
      if (batch.rows.length > 0) {
        await workspace.rowBlocks.add({ sourceId, seq, rows: batch.rows, lines: batch.lines });
        seq += 1;
        stored += batch.rows.length;
      }
      onProgress?.({ rowsStored: stored, bytesRead: batch.bytesRead, bytesTotal: batch.bytesTotal });
      if (batch.done) {
        await workspace.commitSource(sourceId, batch.sha256 ?? '', stored);
        const committed = await workspace.sources.get(sourceId);
        return committed ? ok(committed) : fail({ code: 'UNKNOWN_IMPORT', message: 'the import vanished while committing' });
      }
    }
  } catch (error) {
    await api.cancelImport({ importId }).catch(() => undefined);
    await workspace.discardSource(sourceId);
    throw error;
  }
}
