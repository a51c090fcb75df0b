import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReconcilePhase } from '@core/engine/reconcile';
import { parseSha256Sums, type EvidenceManifest } from '@core/evidence/manifest';
import { Cancelled } from './cancelled';
import { listFiles } from './list-files';
import { hashFile, PACK } from './pack';
import { verifyDetached } from './signer';

/** One check of a verification, in the order they run. */
export interface VerifyCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface PackVerification {
  readonly ok: boolean;
  readonly checks: readonly VerifyCheck[];
  readonly manifest: EvidenceManifest | undefined;
}

/**
 * Re-performs the run from the pack's inputs and returns the findings.csv it gives, in pieces that end at line
 * ends (a million rows are 100 MB of text, never needed whole), iterable more than once; reports matching as it goes.
 */
export type Reperform = (manifest: EvidenceManifest, inputPaths: readonly string[], onProgress?: VerifyProgress) => Promise<Iterable<string>>;

/**
 * Files hashed ('read'), the inputs read again ('parse', in bytes), then the engine's phases; it may throw
 * `Cancelled` to stop.
 */
export type VerifyProgress = (phase: 'read' | 'parse' | ReconcilePhase, done: number, total: number) => void;

const ignore: VerifyProgress = () => {};

/**
 * Verifies a pack folder: the CMS signature over manifest.json, SHA256SUMS against the manifest, every file's
 * size and hash, no file the manifest does not list, then the reconciliation re-performed from inputs/ and
 * compared byte for byte with findings.csv. Stops at the first failure, which it names.
 */
export async function verifyPack(folder: string, reperform: Reperform, progress: VerifyProgress = ignore): Promise<PackVerification> {
  const checks: VerifyCheck[] = [];
  const done = (manifest: EvidenceManifest | undefined): PackVerification => ({ ok: checks.every((check) => check.ok), checks, manifest });
  const pass = (check: string, detail: string): void => void checks.push({ check, ok: true, detail });
  const failed = (check: string, detail: string, manifest?: EvidenceManifest): PackVerification => {
    checks.push({ check, ok: false, detail });
    return done(manifest);
  };

  const manifestBytes = await readFile(join(folder, PACK.manifest)).catch(() => undefined);
  if (!manifestBytes) return failed(PACK.manifest, 'missing: this is not an evidence pack folder');
  // The signature first: it proves the manifest's bytes before anything in them is believed.
  const signature = await readFile(join(folder, PACK.signature)).catch(() => undefined);
  if (!signature) return failed(PACK.signature, 'missing: the pack is unsigned, so nothing proves who made it');
  const signed = verifyDetached(manifestBytes, signature);
  if (!signed.ok) return failed(PACK.signature, signed.reason);
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as EvidenceManifest;
  } catch {
    return failed(PACK.manifest, 'not valid JSON');
  }
  // The signed manifest names the certificate by fingerprint, so a changed certificate inside the signature shows here.
  if (manifest.signer?.fingerprint !== signed.fingerprint) {
    return failed(PACK.signature, `its certificate (${signed.fingerprint}) is not the signer manifest.json names`, manifest);
  }
  const certificate = await readFile(join(folder, PACK.certificate), 'utf8').catch(() => undefined);
  if (certificate === undefined || normalised(certificate) !== normalised(signed.certificatePem)) {
    return failed(PACK.certificate, 'not the certificate inside the signature', manifest);
  }
  pass(PACK.signature, `signed by ${signed.subject}; certificate SHA-256 fingerprint ${signed.fingerprint}`);

  const sums = parseSha256Sums(await readFile(join(folder, PACK.sums), 'utf8').catch(() => ''));
  const listed = new Map(manifest.files.map((file) => [file.path, file.sha256]));
  if (!sums || sums.size !== listed.size || [...listed].some(([path, hash]) => sums.get(path) !== hash)) {
    return failed(PACK.sums, 'does not list the hashes of manifest.json', manifest);
  }
  pass(PACK.sums, `${sums.size} hashes, the manifest's`);

  for (const [index, file] of manifest.files.entries()) {
    progress('read', index, manifest.files.length);
    const actual = await hashFile(join(folder, ...file.path.split('/'))).catch(() => undefined);
    if (!actual) return failed(file.path, 'missing', manifest);
    if (actual.size !== file.size || actual.sha256 !== file.sha256) return failed(file.path, `changed: SHA-256 ${actual.sha256}, the manifest says ${file.sha256}`, manifest);
  }
  progress('read', manifest.files.length, manifest.files.length);
  const present = await listFiles(folder);
  const own = new Set<string>([PACK.manifest, PACK.signature, PACK.sums, ...listed.keys()]);
  const extra = present.find((path) => !own.has(path));
  if (extra !== undefined) return failed(extra, 'not in the manifest: added after the pack was made', manifest);
  pass('files', `${manifest.files.length} files as the manifest lists them`);

  const inputPaths = manifest.inputs.map((input) => input.path);
  if (inputPaths.some((path) => path === undefined)) {
    return failed('re-performance', 'the pack was made without its inputs (--no-inputs): the findings cannot be re-performed', manifest);
  }
  let reperformed: Iterable<string>;
  try {
    reperformed = await reperform(manifest, inputPaths.map((path) => join(folder, ...path!.split('/'))), progress);
  } catch (error) {
    if (error instanceof Cancelled) throw error;
    return failed('re-performance', `the inputs could not be reconciled again: ${error instanceof Error ? error.message : String(error)}`, manifest);
  }
  // The file's SHA-256 has just been checked against the manifest: equal hashes are equal bytes, so the texts are
  // read whole only to say where they differ.
  const { sha256, lines } = hashText(reperformed);
  if (sha256 !== listed.get(PACK.findings)) {
    const expected = await readFile(join(folder, PACK.findings), 'utf8').catch(() => '');
    return failed(PACK.findings, `not what the inputs give: ${firstDifference(expected, [...reperformed].join(''))}`, manifest);
  }
  pass('re-performance', `findings.csv re-performed from inputs/ byte for byte (${lines - 1} rows)`);
  return done(manifest);
}

/** The SHA-256 of text given in pieces, as UTF-8, and how many line feeds it holds. */
function hashText(pieces: Iterable<string>): { sha256: string; lines: number } {
  const hash = createHash('sha256');
  let lines = 0;
  for (const piece of pieces) {
    hash.update(piece, 'utf8');
    for (let at = piece.indexOf('\n'); at >= 0; at = piece.indexOf('\n', at + 1)) lines += 1;
  }
  return { sha256: hash.digest('hex'), lines };
}

const normalised = (pem: string): string => pem.replaceAll('\r\n', '\n').trim();

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  return line < 0 ? `${b.length - a.length} more lines` : `line ${line + 1} differs`;
}
