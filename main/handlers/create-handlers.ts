import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Api, ApiEventName, ApiEvents } from '@core/api/contract';
import type { SourceKind } from '@core/import/source-kind';
import { fail, ok } from '@core/model/result';
import { Backups } from './backups';
import { ChosenFiles } from './chosen-files';
import { Imports } from './imports';

/** What the handlers need from the platform; Electron, the browser test bridge and tests each supply it. */
export interface HandlerDeps {
  readonly appName: string;
  readonly appVersion: string;
  /** Shows the platform's open-file dialog; resolves to the chosen paths, empty when the user cancels. */
  readonly showOpenDialog: (kind: SourceKind | 'backup') => Promise<readonly string[]>;
  /** Shows the platform's save dialog; resolves to the chosen path, undefined when the user cancels. */
  readonly showSaveDialog: (suggestedName: string) => Promise<string | undefined>;
  /** The folder of the bundled sample review (build/demo, shipped with the app). */
  readonly sampleFolder: string;
  readonly emit: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;
}

/** The bundled sample, the same files `npm run demo` signs: a small Contoso tenant and its Salesforce users. */
const SAMPLE_FILES: readonly { readonly file: string; readonly kind: SourceKind; readonly profileId?: string }[] = [
  { file: 'entra-users.json', kind: 'entra-users' },
  { file: 'assignments.csv', kind: 'entra-assignments' },
  { file: 'salesforce-users.csv', kind: 'target', profileId: 'salesforce' },
];

/** Every request of the contract as a plain function; `satisfies Api` makes a missing one a build error. */
export function createHandlers(deps: HandlerDeps) {
  const chosen = new ChosenFiles();
  const backups = new Backups();
  const imports = new Imports((taskId, done, total) => deps.emit('progress', { taskId, phase: 'read', done, total }));

  return {
    async appInfo() {
      return ok({ name: deps.appName, version: deps.appVersion });
    },
    async chooseFiles({ kind }) {
      const paths = await deps.showOpenDialog(kind);
      const files = [];
      for (const path of paths) {
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) return fail({ code: 'FILE_UNREADABLE', file: path, message: 'not a readable file' });
        const modifiedAt = new Date(Math.floor(info.mtimeMs / 1000) * 1000).toISOString();
        const token = chosen.add(path, info.size, modifiedAt);
        files.push({ token, name: chosen.get(token)!.name, size: info.size, modifiedAt });
      }
      return ok(files);
    },
    async inspectSource(request) {
      const file = chosen.get(request.token);
      if (!file) return fail({ code: 'BAD_REQUEST', message: 'unknown file token: choose the file first' });
      return imports.inspect(file, request);
    },
    async startImport(request) {
      const file = chosen.get(request.token);
      if (!file) return fail({ code: 'BAD_REQUEST', message: 'unknown file token: choose the file first' });
      return imports.start(file, request);
    },
    nextBatch: ({ importId }) => imports.next(importId),
    cancelImport: ({ importId }) => imports.cancel(importId),
    async chooseBackupDestination({ suggestedName }) {
      const path = await deps.showSaveDialog(suggestedName);
      return path === undefined ? ok(null) : backups.create(path);
    },
    appendBackup: ({ token, chunk }) => backups.append(token, chunk),
    finishBackup: ({ token, abort }) => backups.finish(token, abort),
    async chooseBackupToRestore() {
      const [path] = await deps.showOpenDialog('backup');
      return path === undefined ? ok(null) : backups.openForReading(path);
    },
    readBackup: ({ token }) => backups.next(token),
    async sampleSources() {
      const files = [];
      for (const { file, kind, profileId } of SAMPLE_FILES) {
        const path = join(deps.sampleFolder, file);
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) return fail({ code: 'FILE_UNREADABLE', file: path, message: 'the bundled sample is missing from this installation' });
        const modifiedAt = new Date(Math.floor(info.mtimeMs / 1000) * 1000).toISOString();
        const token = chosen.add(path, info.size, modifiedAt);
        files.push({ token, name: file, size: info.size, modifiedAt, kind, ...(profileId === undefined ? {} : { profileId }) });
      }
      return ok(files);
    },
  } satisfies Api;
}
