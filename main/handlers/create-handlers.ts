import { readFile, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import type { Api, ApiEventName, ApiEvents } from '@core/api/contract';
import type { SourceKind } from '@core/import/source-kind';
import { fail, ok } from '@core/model/result';
import { SigningIdentities, type SecretStore } from '../evidence/identity-store';
import { Backups } from './backups';
import { ChosenFiles } from './chosen-files';
import { InputStore } from '../files/input-store';
import { inThisThread, type EvidenceRunner } from '../evidence/evidence-runner';
import { Exports } from './exports';
import { Imports } from './imports';
import { RunningWork } from './running-work';

/** What the handlers need from the platform; Electron, the browser test bridge and tests each supply it. */
export interface HandlerDeps {
  readonly appName: string;
  readonly appVersion: string;
  /** Shows the platform's open-file dialog; resolves to the chosen paths, empty when the user cancels. */
  readonly showOpenDialog: (kind: SourceKind | 'backup' | 'pkcs12' | 'pack-folder' | 'pack-zip') => Promise<readonly string[]>;
  /** Shows the platform's save dialog; resolves to the chosen path, undefined when the user cancels. */
  readonly showSaveDialog: (suggestedName: string, purpose: 'backup' | 'pack') => Promise<string | undefined>;
  /** Where main keeps the bytes of every imported file, for the evidence pack's inputs/. */
  readonly inputFolder: string;
  /** Where signing identities are kept (the app's data folder), and the OS secret store that seals their keys. */
  readonly identityFolder: string;
  readonly secretStore: SecretStore;
  /** The folder of the bundled sample review (build/demo, shipped with the app). */
  readonly sampleFolder: string;
  readonly emit: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;
  /** Where packs are made and verified: a worker thread in the app; this thread when left out (tests). */
  readonly evidenceRunner?: EvidenceRunner;
}

const identityFailure = (error: unknown) => fail({ code: 'BAD_REQUEST' as const, message: error instanceof Error ? error.message : String(error) });

/** The bundled sample, the same files `npm run demo` signs: a small Contoso tenant and its Salesforce users. */
const SAMPLE_FILES: readonly { readonly file: string; readonly kind: SourceKind; readonly profileId?: string }[] = [
  { file: 'entra-users.json', kind: 'entra-users' },
  { file: 'assignments.csv', kind: 'entra-assignments' },
  { file: 'salesforce-users.csv', kind: 'target', profileId: 'salesforce' },
];

/**
 * Every request of the contract as a plain function (`satisfies Api` makes a missing one a build error), and what
 * main itself needs of them.
 */
export function createHandlers(deps: HandlerDeps) {
  const chosen = new ChosenFiles();
  const backups = new Backups();
  const identities = new SigningIdentities(deps.identityFolder, deps.secretStore);
  const inputs = new InputStore(deps.inputFolder);
  const imports = new Imports((taskId, done, total) => deps.emit('progress', { taskId, phase: 'read', done, total }), inputs);
  const runner = deps.evidenceRunner ?? inThisThread;
  const exports = new Exports(inputs, identities, (taskId, phase, done, total) => deps.emit('progress', { taskId, phase, done, total }), runner);
  // Verifications running, by the id the page gave: a cancel aborts one.
  const verifying = new RunningWork();
  // Paths the user chose for packs, by token: the page never names a path itself.
  const packPaths = new Map<string, string>();
  const remember = (path: string) => {
    const token = randomUUID();
    packPaths.set(token, path);
    return { token, name: basename(path) };
  };

  const api = {
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
      const path = await deps.showSaveDialog(suggestedName, 'backup');
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
    async listSigningIdentities() {
      return ok({ identities: await identities.list(), secretStore: await identities.secretStoreAvailable() });
    },
    async createSigningIdentity({ name, email, organisation, passphrase }) {
      return identities.create({ name: name.trim(), email: email.trim(), organisation: organisation.trim() }, passphrase, new Date()).then(ok, identityFailure);
    },
    async chooseSigningFile() {
      const [path] = await deps.showOpenDialog('pkcs12');
      if (path === undefined) return ok(null);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return fail({ code: 'FILE_UNREADABLE', file: path, message: 'not a readable file' });
      const modifiedAt = new Date(Math.floor(info.mtimeMs / 1000) * 1000).toISOString();
      const token = chosen.add(path, info.size, modifiedAt);
      return ok({ token, name: chosen.get(token)!.name, size: info.size, modifiedAt });
    },
    async importSigningIdentity({ token, passphrase, keepWith }) {
      const file = chosen.get(token);
      if (!file) return fail({ code: 'BAD_REQUEST', message: 'unknown file token: choose the file first' });
      const pkcs12 = await readFile(file.path);
      return identities.import(pkcs12, passphrase, keepWith, new Date()).then(ok, (error: unknown) =>
        fail({ code: 'BAD_REQUEST' as const, file: file.name, message: `cannot open it as PKCS#12 with that passphrase (${error instanceof Error ? error.message : String(error)})` }),
      );
    },
    async chooseExportDestination({ suggestedName }) {
      const path = await deps.showSaveDialog(suggestedName, 'pack');
      return ok(path === undefined ? null : remember(path));
    },
    async exportPack(request) {
      const destination = packPaths.get(request.destination);
      if (destination === undefined) return fail({ code: 'BAD_REQUEST', message: 'unknown destination token: choose where to write the pack first' });
      return exports.export(request, destination, new Date());
    },
    async cancelExport({ exportId }) {
      exports.cancel(exportId);
      return ok(null);
    },
    async chooseEvidence({ kind }) {
      const [path] = await deps.showOpenDialog(kind === 'zip' ? 'pack-zip' : 'pack-folder');
      return ok(path === undefined ? null : remember(path));
    },
    async verifyEvidence({ token, verifyId }) {
      const path = packPaths.get(token);
      if (path === undefined) return fail({ code: 'BAD_REQUEST', message: 'unknown pack token: choose the pack first' });
      const verified = await verifying.run(verifyId, (signal) => runner.verify(path, (phase, done, total) => deps.emit('progress', { taskId: verifyId, phase, done, total }), signal));
      if (!verified.ok) return verified;
      const { manifest, checks } = verified.value;
      return ok({
        ok: verified.value.ok,
        checks,
        ...(manifest ? { runId: manifest.runId, exportedAt: manifest.exportedAt, review: manifest.review ? { name: manifest.review.name, application: manifest.review.application, period: manifest.review.period } : null } : {}),
      });
    },
    async cancelVerify({ verifyId }) {
      verifying.cancel(verifyId);
      return ok(null);
    },
    async missingInputs({ inputs: refs }) {
      const missing = [];
      for (const ref of refs) if ((await inputs.find(ref.sha256, ref.fileName)) === undefined) missing.push(ref.fileName);
      return ok(missing);
    },
    async keepInput({ token, sha256, fileName }) {
      const file = chosen.get(token);
      if (!file) return fail({ code: 'BAD_REQUEST', message: 'unknown file token: choose the file first' });
      let copy;
      try {
        copy = await inputs.keep(file.path, fileName, sha256);
      } catch (error) {
        return fail({ code: 'FILE_UNREADABLE', file: file.name, message: `cannot read it: ${error instanceof Error ? error.message : String(error)}` });
      }
      if (!copy.kept) return fail({ code: 'BAD_REQUEST', file: file.name, message: `not the file that was imported as ${fileName}: its SHA-256 is ${copy.sha256}, the import's ${sha256}` });
      return ok(null);
    },
  } satisfies Api;
  return Object.assign(api, {
    /**
     * Cancels every export and verification under way and resolves once each has cleaned up: what the app waits
     * for before it quits (not part of the page's API).
     */
    stopRunningWork: async (): Promise<void> => {
      await Promise.all([exports.stopAll(), verifying.stopAll()]);
    },
  });
}
