import { Dexie, type Table } from 'dexie';
import type { Api } from '@core/api/contract';
import type { ImportIssue } from '@core/model/import-issue';
import { fail, ok, type Result } from '@core/model/result';
import type { Review } from '@core/review/review';
import type { Catalogue } from './catalogue';
import type { SavedMapping, Workspace } from './workspace';

/**
 * A workspace backup is one text file of JSON lines: a header, the catalogue (reviews, preferences, mappings), then
 * each review's tables in pages, then an end line counting the lines before it, so a cut-off file is detected.
 * Lines go to and come from main in pieces of a few megabytes: a million-row review is never one string.
 */
export const BACKUP_FORMAT = 'recondesk-backup';
export const BACKUP_VERSION = 1;

const CHUNK_CHARS = 8 * 1024 * 1024;
// Row blocks hold thousands of rows each: one per line keeps a line to a few megabytes.
const BLOCK_TABLES: ReadonlySet<string> = new Set(['rowBlocks', 'runRows']);
const PAGE = 2000;

export interface BackupProgress {
  readonly done: number;
  readonly total: number;
}

interface BackedUpCatalogue {
  readonly reviews: readonly Review[];
  readonly preferences: readonly { readonly key: string; readonly value: unknown }[];
  readonly mappings: readonly SavedMapping[];
}

interface Options {
  readonly onProgress?: (progress: BackupProgress) => void;
  readonly signal?: AbortSignal;
}

type BackupApi = Pick<Api, 'chooseBackupDestination' | 'appendBackup' | 'finishBackup' | 'chooseBackupToRestore' | 'readBackup'>;

const cancelled = (): { ok: false; error: ImportIssue } => fail({ code: 'CANCELLED', message: 'cancelled: nothing was written' });

/** Writes every review of the workspace into one file the user chooses; undefined when they cancel the dialog. */
export async function backUpWorkspace(api: BackupApi, catalogue: Catalogue, now: Date, options: Options = {}): Promise<Result<{ name: string; bytes: number; sha256: string } | undefined, ImportIssue>> {
  const chosen = await api.chooseBackupDestination({ suggestedName: `recondesk-${now.toISOString().slice(0, 10)}.recondesk-backup` });
  if (!chosen.ok) return chosen;
  if (chosen.value === null) return ok(undefined);
  const { token } = chosen.value;
  let buffered: string[] = [];
  let bufferedChars = 0;
  let lines = 0;
  const flush = async (): Promise<Result<null, ImportIssue>> => {
    if (buffered.length === 0) return ok(null);
    const written = await api.appendBackup({ token, chunk: buffered.join('') });
    buffered = [];
    bufferedChars = 0;
    return written.ok ? ok(null) : written;
  };
  const line = async (value: unknown): Promise<Result<null, ImportIssue>> => {
    const text = `${JSON.stringify(value)}\n`;
    buffered.push(text);
    bufferedChars += text.length;
    lines += 1;
    return bufferedChars >= CHUNK_CHARS ? flush() : ok(null);
  };
  const abort = async <T,>(result: Result<T, ImportIssue>): Promise<Result<never, ImportIssue>> => {
    await api.finishBackup({ token, abort: true });
    return result.ok ? cancelled() : result;
  };

  const reviews = await catalogue.reviews.toArray();
  const workspaces = reviews.map((review) => catalogue.workspaceOf(review));
  try {
    const counts = await Promise.all(workspaces.map(async (workspace) => (await Promise.all(workspace.tables.map((table) => table.count()))).reduce((sum, count) => sum + count, 0)));
    const total = counts.reduce((sum, count) => sum + count, 0);
    let done = 0;
    for (const step of [
      await line({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), reviews: reviews.length, records: total }),
      await line({ catalogue: { reviews, preferences: await catalogue.preferences.toArray(), mappings: await catalogue.mappings.toArray() } }),
    ]) {
      if (!step.ok) return abort(step);
    }
    for (const [index, workspace] of workspaces.entries()) {
      for (const table of workspace.tables) {
        for await (const rows of pages(table)) {
          if (options.signal?.aborted) return abort(ok(null));
          const written = await line({ review: reviews[index]!.id, table: table.name, rows });
          if (!written.ok) return abort(written);
          done += rows.length;
          options.onProgress?.({ done, total });
        }
      }
    }
    const ended = await line({ end: true, lines });
    if (!ended.ok) return abort(ended);
    const flushed = await flush();
    if (!flushed.ok) return abort(flushed);
    return api.finishBackup({ token, abort: false });
  } finally {
    for (const workspace of workspaces) workspace.close();
  }
}

/** A table's records in primary-key order, a page at a time. */
async function* pages(table: Table): AsyncGenerator<unknown[]> {
  const size = BLOCK_TABLES.has(table.name) ? 1 : PAGE;
  const keyPath = table.schema.primKey.keyPath;
  let page = await table.orderBy(':id').limit(size).toArray();
  while (page.length > 0) {
    yield page;
    const last = keyOf(page.at(-1), keyPath);
    page = await table.where(':id').above(last).limit(size).toArray();
  }
}

function keyOf(record: unknown, keyPath: string | string[] | null | undefined): unknown {
  const object = record as object;
  if (Array.isArray(keyPath)) return keyPath.map((path) => Dexie.getByKeyPath(object, path));
  return Dexie.getByKeyPath(object, keyPath ?? '');
}

/**
 * Restores a backup the user chooses as new reviews beside the current ones (named "… (restored)"), all or nothing:
 * every review is written into a fresh database, and the catalogue learns of them only once the whole file has
 * been read and checked; on any error or cancel the fresh databases are deleted. Undefined when the dialog is cancelled.
 */
export async function restoreWorkspace(api: BackupApi, catalogue: Catalogue, options: Options = {}): Promise<Result<{ reviews: number; records: number } | undefined, ImportIssue>> {
  const chosen = await api.chooseBackupToRestore({});
  if (!chosen.ok) return chosen;
  if (chosen.value === null) return ok(undefined);
  const { token, name } = chosen.value;
  const created = new Map<string, { review: Review; workspace: Workspace }>();
  const problem = (line: number, message: string): { ok: false; error: ImportIssue } => fail({ code: 'PARSE_ERROR', file: name, line, message });
  let header = false;
  let backedUp: BackedUpCatalogue | undefined;
  let ended = false;
  let records = 0;
  try {
    for (;;) {
      if (options.signal?.aborted) return cancelled();
      const batch = await api.readBackup({ token });
      if (!batch.ok) return batch;
      for (const [offset, text] of batch.value.lines.entries()) {
        const number = batch.value.firstLine + offset;
        if (text.trim() === '') continue;
        if (ended) return problem(number, 'text after the end line: the file was changed or joined to another');
        let value: Record<string, unknown>;
        try {
          value = JSON.parse(text) as Record<string, unknown>;
        } catch {
          return problem(number, 'not a JSON line: the file is damaged');
        }
        if (!header) {
          if (value['format'] !== BACKUP_FORMAT) return problem(number, 'not a Recondesk backup');
          if (typeof value['version'] !== 'number' || value['version'] > BACKUP_VERSION) return problem(number, `backup version ${String(value['version'])} is newer than this app reads (${BACKUP_VERSION})`);
          header = true;
        } else if (!backedUp) {
          const catalogueLine = value['catalogue'] as BackedUpCatalogue | undefined;
          if (!catalogueLine || !Array.isArray(catalogueLine.reviews)) return problem(number, 'the catalogue of reviews is missing');
          backedUp = catalogueLine;
          for (const review of backedUp.reviews) {
            const id = crypto.randomUUID();
            const restored: Review = { ...review, id, name: `${review.name} (restored)`, database: catalogue.databaseFor(id) };
            created.set(review.id, { review: restored, workspace: catalogue.workspaceOf(restored) });
          }
        } else if (value['end'] === true) {
          if (value['lines'] !== number - 1) return problem(number, `the end line counts ${String(value['lines'])} lines before it, the file has ${number - 1}: lines are missing`);
          ended = true;
        } else {
          const target = created.get(String(value['review']));
          if (!target) return problem(number, `rows of a review the catalogue does not list (${String(value['review'])})`);
          const table = target.workspace.tables.find((candidate) => candidate.name === value['table']);
          if (!table || !Array.isArray(value['rows'])) return problem(number, `unknown table "${String(value['table'])}"`);
          await table.bulkPut(value['rows']);
          records += value['rows'].length;
        }
      }
      options.onProgress?.({ done: batch.value.bytesRead, total: batch.value.bytesTotal });
      if (batch.value.done) break;
    }
    if (!header) return problem(1, 'the file is empty');
    if (!ended) return fail({ code: 'PARSE_ERROR', file: name, message: 'the backup is incomplete: it has no end line (was it cut off?)' });
    const restored = [...created.values()].map(({ review }) => review);
    await catalogue.transaction('rw', catalogue.reviews, catalogue.preferences, catalogue.mappings, async () => {
      await catalogue.reviews.bulkAdd(restored);
      for (const mapping of backedUp?.mappings ?? []) if (!(await catalogue.mappings.get(mapping.application))) await catalogue.mappings.put(mapping);
      const reviewer = backedUp?.preferences.find((preference) => preference.key === 'reviewer');
      if (reviewer && !(await catalogue.preferences.get('reviewer'))) await catalogue.preferences.put({ key: 'reviewer', value: reviewer.value });
    });
    for (const { workspace } of created.values()) workspace.close();
    created.clear();
    return ok({ reviews: restored.length, records });
  } finally {
    // Anything still here was not committed: its databases go, so a failed restore leaves no trace.
    for (const { workspace } of created.values()) await workspace.delete();
  }
}
