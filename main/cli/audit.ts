import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { reconcile, ENGINE_VERSION, type ReconcileProgress, type ReconciliationResult } from '@core/engine/reconcile';
import { parseScopingFilter, type ScopingFilter } from '@core/engine/scope';
import { parseSettings } from '@core/engine/settings-file';
import type { ColumnMapping } from '@core/import/target-generic';
import { describeIssue, type ImportIssue } from '@core/model/import-issue';
import { FINDING_CODES, SEVERITIES, SITUATIONS } from '@core/model/reconciliation';
import type { ManualLink } from '@core/model/manual-link';
import type { ReconciliationSettings } from '@core/model/settings';
import type { DateOrder } from '@core/import/values';
import { ImportFailure } from '../files/import-failure';
import type { EvidenceManifest, TargetReadingRecord } from '@core/evidence/manifest';
import { writePack } from '../evidence/pack';
import { packZipPath } from '../evidence/pack-zip';
import { signerFromPem, signerFromPkcs12, type Signer } from '../evidence/signer';
import { loadEntra, loadTarget, type LoadedFile, type ReadProgress } from './load-sources';
import { EXIT, type Output } from './output';
import { noTimings, stageTimer, type StageMark } from './stage-timings';
import { statusLine } from './status-line';

/** How the pack is signed; unsigned only when the user says so. */
export type SigningChoice =
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'pfx'; readonly path: string; readonly passphraseVariable: string }
  | { readonly kind: 'pem'; readonly keyPath: string; readonly certificatePath: string }
  | { readonly kind: 'signer'; readonly signer: Signer };

export interface AuditOptions {
  readonly entra: readonly string[];
  readonly target: string;
  readonly out: string;
  readonly mapping: ColumnMapping;
  readonly profileId: string | undefined;
  readonly dateOrder: DateOrder | undefined;
  readonly asOf: string | undefined;
  readonly staleDays: number | undefined;
  readonly settingsFile: string | undefined;
  readonly scopeFile: string | undefined;
  readonly signing: SigningChoice;
  readonly includeInputs: boolean;
  /** ISO instant recorded as the export time; now when undefined. Fixing it makes the pack reproducible. */
  readonly exportedAt: string | undefined;
  /** `--timings`: each stage's time and memory on stderr. */
  readonly timings?: boolean;
}

/** One reconciliation over files, as the command line and the verifier run it. */
export interface AuditRequest {
  readonly entra: readonly string[];
  readonly target: string;
  readonly reading: TargetReadingRecord;
  readonly settings: ReconciliationSettings;
  readonly scope: ScopingFilter | undefined;
  /** Reviewers' correlation fixes (the app's); the command line has none. */
  readonly links: readonly ManualLink[];
}

export interface AuditOutcome {
  readonly result: ReconciliationResult;
  readonly entraFiles: readonly LoadedFile[];
  readonly targetFile: LoadedFile;
}

/**
 * Loads the files and reconciles them: everything but writing. Throws `ImportFailure` for bad input.
 * `mark` is told as each stage ends (`--timings`, the app's export progress); `onRead` as each file's rows are read;
 * `onProgress` as the engine goes.
 */
export async function performAudit(request: AuditRequest, mark: StageMark = noTimings, onProgress?: ReconcileProgress, onRead?: ReadProgress): Promise<AuditOutcome> {
  const { settings, scope, reading } = request;
  const keepIdentity = [...(scope?.filters.flatMap((filter) => filter.clauses.map((clause) => clause.attribute)) ?? []), ...settings.driftAttributes.map((pair) => pair.identity)];
  const keepAccount = settings.driftAttributes.map((pair) => pair.account);
  const entra = await loadEntra(request.entra, keepIdentity, onRead);
  mark('load entra');
  const target = await loadTarget(request.target, { profileId: reading.profileId, mapping: reading.mapping, keepColumns: keepAccount, dateOrder: reading.dateOrder }, onRead);
  mark('load target');
  const result = reconcile({
    identities: entra.identities,
    accounts: target.accounts,
    assignments: entra.assignments,
    provisioningEvents: entra.provisioningEvents,
    hasSignInData: entra.hasSignInData,
    scope,
    links: request.links,
    settings,
  }, onProgress);
  mark('reconcile');
  return { result, entraFiles: entra.files, targetFile: target.file };
}

/** `recondesk audit`: reconciles Entra identities with one target dump and writes the evidence pack. */
export async function audit(options: AuditOptions, output: Output): Promise<number> {
  const status = statusLine(output);
  const timings = options.timings === true ? stageTimer((line) => output.err(line)) : noTimings;
  const mark: StageMark = (stage) => {
    status.clear();
    timings(stage);
    const next = NEXT_STAGE[stage];
    if (next !== undefined) status.stage(next);
  };
  try {
    await mustBeEmpty(options.out);
    const signer = await loadSigner(options.signing);
    const asOf = options.asOf ?? (await newestModification([...options.entra, options.target]));
    const settings = await loadSettings(options, asOf);
    const scope = options.scopeFile === undefined ? undefined : await loadScope(options.scopeFile);
    const reading: TargetReadingRecord = { profileId: options.profileId, mapping: options.mapping, dateOrder: options.dateOrder };
    const request: AuditRequest = { entra: options.entra, target: options.target, reading, settings, scope, links: [] };
    mark('startup');
    const outcome = await performAudit(request, mark, status.progress, status.read);
    const sources = [...outcome.entraFiles, outcome.targetFile].map(
      (file) => `  ${file.fileName}: ${file.taken}; ${file.rows.toLocaleString('en-US')} records; sha256 ${file.sha256}`,
    );
    printSummary(output, outcome.result, sources, options.asOf === undefined ? 'the newest input file' : '--as-of');
    const exportedAt = options.exportedAt ?? new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    status.stage('Writing findings.csv');
    // The pack writes findings.csv from the rows as it goes, so the text is never held whole.
    const pack = await writeStaged(options.out, output, (out) => writePack({ out, request, outcome, includeInputs: options.includeInputs, exportedAt, signer, onStep: (written) => mark(written) }));
    mark('manifest, zip');
    output.out(`Wrote the evidence pack to ${options.out} (${pack.manifest.files.length + 2 + (signer ? 1 : 0)} files, run ${pack.manifest.runId.slice(0, 16)})`);
    output.out(`and the same files as one zip: ${pack.zip}`);
    if (signer) output.out(`Signed by ${signer.subject}; certificate SHA-256 fingerprint ${signer.fingerprint}`);
    else output.out('UNSIGNED (--unsigned): nothing proves who made this pack.');
    output.out(`Verify: npm run --silent recondesk -- verify ${options.out}   (or the zip: verify ${pack.zip})`);
    return EXIT.done;
  } catch (error) {
    if (error instanceof ImportFailure) return inputError(output, error.issue);
    throw error;
  } finally {
    status.clear();
  }
}

// What the status line says once a stage has ended (the stages `performAudit` and the pack mark).
const NEXT_STAGE: Readonly<Record<string, string>> = {
  startup: 'Reading the Entra ID export',
  'load entra': 'Reading the target application\'s accounts',
  'findings.csv': 'Writing evidence.xlsx',
  'evidence.xlsx': 'Writing the manifest, its signature and the zip',
};

/** The exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

/**
 * Writes the pack in a hidden folder beside `out` and moves the folder and its zip into place once whole, as the
 * app does: a failure, or Ctrl-C, leaves no half-written pack (which would also make the next run refuse the
 * folder as not empty). Ctrl-C removes the hidden folder and ends the command.
 */
async function writeStaged(out: string, output: Output, write: (out: string) => Promise<{ manifest: EvidenceManifest; zip: string }>): Promise<{ manifest: EvidenceManifest; zip: string }> {
  const destination = resolve(out);
  const staging = join(dirname(destination), `.recondesk-audit-${randomUUID()}`);
  const interrupted = (): void => {
    rmSync(staging, { recursive: true, force: true });
    output.status?.(undefined);
    output.err('recondesk: interrupted; no pack was written');
    process.exit(INTERRUPTED);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const staged = join(staging, basename(destination));
    const pack = await write(staged);
    // The --out folder may exist, empty (checked first): a folder is moved only onto nothing.
    await rmdir(destination).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staged, destination);
    const zip = packZipPath(out);
    await rename(pack.zip, zip);
    return { manifest: pack.manifest, zip };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await rm(staging, { recursive: true, force: true });
  }
}

async function mustBeEmpty(folder: string): Promise<void> {
  const entries = await readdir(folder).catch(() => []);
  if (entries.length > 0) {
    throw new ImportFailure({ code: 'BAD_REQUEST', file: basename(folder), message: 'the --out folder is not empty: an evidence pack needs a folder of its own' });
  }
  const zip = packZipPath(folder);
  if (await stat(zip).then(() => true, () => false)) {
    throw new ImportFailure({ code: 'BAD_REQUEST', file: basename(zip), message: 'already exists: the pack\'s zip is written beside the --out folder and never replaces a file' });
  }
}

const read = async (path: string): Promise<Buffer> =>
  readFile(path).catch((error: unknown) => {
    throw new ImportFailure({ code: 'FILE_UNREADABLE', file: basename(path), message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` });
  });

const failed = (file: string, error: unknown): ImportFailure =>
  new ImportFailure({ code: 'BAD_REQUEST', file: basename(file), message: `cannot sign with it: ${error instanceof Error ? error.message : String(error)}` });

async function loadSigner(choice: SigningChoice): Promise<Signer | undefined> {
  if (choice.kind === 'unsigned') return undefined;
  if (choice.kind === 'signer') return choice.signer;
  if (choice.kind === 'pfx') {
    const passphrase = process.env[choice.passphraseVariable];
    if (passphrase === undefined) {
      throw new ImportFailure({ code: 'BAD_REQUEST', file: basename(choice.path), message: `the environment variable ${choice.passphraseVariable} (--sign-pass-env) is not set` });
    }
    const der = await read(choice.path);
    try {
      return signerFromPkcs12(der, passphrase);
    } catch (error) {
      throw failed(choice.path, error);
    }
  }
  const [key, certificate] = await Promise.all([read(choice.keyPath), read(choice.certificatePath)]);
  try {
    return signerFromPem(key.toString('utf8'), certificate.toString('utf8'));
  } catch (error) {
    throw failed(choice.keyPath, error);
  }
}

async function newestModification(paths: readonly string[]): Promise<string> {
  let newest = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new ImportFailure({ code: 'FILE_UNREADABLE', file: basename(path), message: 'cannot read the file: it does not exist or is not readable' });
    });
    newest = Math.max(newest, info.mtimeMs);
  }
  return new Date(Math.floor(newest / 1000) * 1000).toISOString();
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ImportFailure({ code: 'FILE_UNREADABLE', file: basename(path), message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportFailure({ code: 'PARSE_ERROR', file: basename(path), message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
  }
}

async function loadSettings(options: AuditOptions, asOf: string): Promise<ReconciliationSettings> {
  const json = options.settingsFile === undefined ? {} : await readJson(options.settingsFile);
  const parsed = parseSettings(json, asOf);
  if (!parsed.ok) throw new ImportFailure({ code: 'PARSE_ERROR', file: basename(options.settingsFile ?? 'settings'), message: parsed.error });
  // Command-line flags win over the settings file.
  return {
    ...parsed.value,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.staleDays === undefined ? {} : { staleDays: options.staleDays }),
  };
}

async function loadScope(path: string): Promise<ScopingFilter> {
  const parsed = parseScopingFilter(await readJson(path));
  if (!parsed.ok) throw new ImportFailure({ code: 'PARSE_ERROR', file: basename(path), message: parsed.error });
  return parsed.value;
}

function printSummary(output: Output, result: ReconciliationResult, sources: readonly string[], asOfSource: string): void {
  const { counts } = result;
  output.out(`Recondesk audit, engine ${ENGINE_VERSION}, as-of ${result.asOf} (from ${asOfSource}), stale after ${result.settings.staleDays} days`);
  output.out('Inputs');
  for (const line of sources) output.out(line);
  output.out(`Situations ${list(SITUATIONS.map((situation) => [situation, counts.situations[situation]]))}`);
  output.out(`Findings   ${list(FINDING_CODES.filter((code) => counts.findings[code] > 0).map((code) => [code, counts.findings[code]]))}`);
  output.out(`Severity   ${list(SEVERITIES.toReversed().map((severity) => [severity, counts.severities[severity]]))}`);
}

function inputError(output: Output, issue: ImportIssue): number {
  output.err(`recondesk: ${describeIssue(issue)}`);
  return EXIT.inputError;
}

function list(entries: readonly (readonly [string, number])[]): string {
  return entries.map(([name, count]) => `${name} ${count}`).join(' · ') || 'none';
}
