import type { Api, ApiError, ImportBatch, ReadOverrides } from '@core/api/contract';
import type { SourceKind } from '@core/import/source-kind';
import type { ColumnMapping } from '@core/import/target-generic';
import type { DateOrder } from '@core/import/values';
import type { ImportWarning } from '@core/model/import-issue';
import { fail, ok, type Result } from '@core/model/result';
import type { SourceRecord, Workspace } from './workspace';

export interface ImportProgress {
  readonly rowsStored: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
  /** Which of the files being imported together, 1-based, and how many there are. */
  readonly file?: number;
  readonly files?: number;
}

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
  /** When the import happened; a parameter so tests are deterministic. */
  readonly now?: () => Date;
}

/** What the user decided about one file: how to read it and what it is. */
export interface ImportChoice extends ReadOverrides {
  readonly kind: SourceKind;
  readonly profileId?: string;
  readonly mapping?: ColumnMapping;
  readonly application?: string;
  /** ISO instant the data was extracted; the file's own timestamp when the user did not say. */
  readonly extractedAt?: string;
  /** Day/month order of a target's numeric dates. */
  readonly dateOrder?: DateOrder;
}

export interface FileToImport {
  readonly token: string;
  readonly choice: ImportChoice;
}

type ImportApi = Pick<Api, 'startImport' | 'nextBatch' | 'cancelImport'>;

const cancelled: ApiError = { code: 'CANCELLED', message: 'the import was cancelled' };

interface Staged {
  readonly sourceId: string;
  readonly sha256: string;
  readonly rowCount: number;
}

/**
 * Imports files that belong together (one export, or the provisioning CSV trio) into the workspace: each
 * file's rows are staged batch by batch as main parses them, then all are committed in one transaction.
 * On any error or cancel every staged row is discarded, so the workspace is exactly as it was before.
 */
export async function importSources(
  api: ImportApi,
  workspace: Workspace,
  files: readonly FileToImport[],
  options: ImportOptions = {},
): Promise<Result<SourceRecord[], ApiError>> {
  const groupId = crypto.randomUUID();
  const staged: Staged[] = [];
  const discardAll = async (): Promise<void> => {
    for (const { sourceId } of staged) await workspace.discardSource(sourceId);
  };
  try {
    for (const [index, file] of files.entries()) {
      const result = await stageFile(api, workspace, file, groupId, options, index + 1, files.length, (sourceId) =>
        staged.push({ sourceId, sha256: '', rowCount: 0 }),
      );
      if (!result.ok) {
        await discardAll();
        return result;
      }
      staged[staged.length - 1] = result.value;
    }
    await workspace.commitSources(staged);
    const names = await Promise.all(staged.map(async ({ sourceId }) => (await workspace.sources.get(sourceId))?.fileName ?? sourceId));
    await workspace.record(
      'import',
      { kind: files[0]?.choice.kind ?? '', files: names.join(', '), rows: String(staged.reduce((total, file) => total + file.rowCount, 0)), sha256: staged.map((file) => file.sha256).join(', ') },
      (options.now?.() ?? new Date()).toISOString(),
    );
  } catch (error) {
    await discardAll();
    throw error;
  }
  const committed = await Promise.all(staged.map(({ sourceId }) => workspace.sources.get(sourceId)));
  return committed.every((record) => record !== undefined) ? ok(committed) : fail({ code: 'UNKNOWN_IMPORT', message: 'the import vanished while committing' });
}

/** Imports one file as the given kind, with detection's reading of it. */
export async function importSource(
  api: ImportApi,
  workspace: Workspace,
  token: string,
  kind: SourceKind,
  options: ImportOptions = {},
): Promise<Result<SourceRecord, ApiError>> {
  const result = await importSources(api, workspace, [{ token, choice: { kind } }], options);
  return result.ok ? ok(result.value[0]!) : result;
}

async function stageFile(
  api: ImportApi,
  workspace: Workspace,
  { token, choice }: FileToImport,
  groupId: string,
  options: ImportOptions,
  file: number,
  files: number,
  onStaging: (sourceId: string) => void,
): Promise<Result<Staged, ApiError>> {
  const { onProgress, signal, now = () => new Date() } = options;
  const started = await api.startImport({
    token,
    kind: choice.kind,
    ...(choice.profileId === undefined ? {} : { profileId: choice.profileId }),
    ...(choice.mapping === undefined ? {} : { mapping: choice.mapping }),
    ...(choice.encoding === undefined ? {} : { encoding: choice.encoding }),
    ...(choice.delimiter === undefined ? {} : { delimiter: choice.delimiter }),
  });
  if (!started.ok) return started;
  const { importId, fileName, size, header, format } = started.value;
  const sourceId = importId;
  onStaging(sourceId);
  await workspace.sources.add({
    id: sourceId,
    kind: choice.kind,
    fileName,
    size,
    header,
    importedAt: now().toISOString(),
    status: 'staging',
    sha256: undefined,
    rowCount: 0,
    groupId,
    format,
    ...(choice.profileId === undefined ? {} : { profileId: choice.profileId }),
    ...(choice.mapping === undefined ? {} : { mapping: choice.mapping }),
    ...(choice.application === undefined ? {} : { application: choice.application }),
    ...(choice.extractedAt === undefined ? {} : { extractedAt: choice.extractedAt }),
    ...(choice.dateOrder === undefined ? {} : { dateOrder: choice.dateOrder }),
    warnings: started.value.warnings,
  });

  try {
    let seq = 0;
    let stored = 0;
    for (;;) {
      if (signal?.aborted) {
        await api.cancelImport({ importId });
        return fail(cancelled);
      }
      const next = await api.nextBatch({ importId });
      if (!next.ok) return next;
      const batch: ImportBatch = next.value;
      if (batch.rows.length > 0) {
        await workspace.rowBlocks.add({ sourceId, seq, rows: batch.rows, lines: batch.lines });
        seq += 1;
        stored += batch.rows.length;
      }
      onProgress?.({ rowsStored: stored, bytesRead: batch.bytesRead, bytesTotal: batch.bytesTotal, file, files });
      if (batch.done) {
        if (batch.warnings.length > 0) await workspace.sources.update(sourceId, { warnings: mergeWarnings(started.value.warnings, batch.warnings) });
        return ok({ sourceId, sha256: batch.sha256 ?? '', rowCount: stored });
      }
    }
  } catch (error) {
    await api.cancelImport({ importId }).catch(() => undefined);
    throw error;
  }
}

function mergeWarnings(first: readonly ImportWarning[], last: readonly ImportWarning[]): ImportWarning[] {
  return [...first, ...last];
}
