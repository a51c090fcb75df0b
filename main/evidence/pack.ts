import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ENGINE_VERSION } from '@core/engine/reconcile';
import { findingsCsvPieces } from '@core/reconcile/findings-csv';
import {
  canonicalJson,
  MANIFEST_FORMAT,
  runIdentityText,
  sha256Sums,
  verifyInstructions,
  type EvidenceManifest,
  type PackFile,
  type PackInput,
} from '@core/evidence/manifest';
import type { AuditOutcome, AuditRequest } from '../cli/audit';
import type { LoadedFile } from '../cli/load-sources';
import { ImportFailure } from '../files/import-failure';
import { deflatedAheadPath, PACK_ZIP_LEVEL, writePackZip } from './pack-zip';
import { signDetached, type Signer } from './signer';
import { writeWorkbook, type ReviewEvidence, type WorkbookFacts } from './workbook';
import { DeflateAhead } from './zip/deflate-ahead';

export interface PackRequest {
  readonly out: string;
  readonly request: AuditRequest;
  readonly outcome: AuditOutcome;
  readonly includeInputs: boolean;
  readonly exportedAt: string;
  readonly signer: Signer | undefined;
  /** The app's review: who reviewed, what they decided and did, and the trail; a command-line audit has none. */
  readonly review?: ReviewEvidence;
  /** Told as findings.csv and then the workbook are written (`--timings`, the app's progress). */
  readonly onStep?: (written: typeof PACK.findings | typeof PACK.workbook) => void;
}

/** The pack's own file names. */
export const PACK = {
  manifest: 'manifest.json',
  signature: 'manifest.json.p7s',
  certificate: 'signer.pem',
  sums: 'SHA256SUMS',
  findings: 'findings.csv',
  workbook: 'evidence.xlsx',
  instructions: 'VERIFY.txt',
  inputs: 'inputs',
} as const;

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes the evidence pack into an empty folder: findings.csv, the inputs byte for byte, VERIFY.txt, the
 * signer's certificate, manifest.json hashing all of them, SHA256SUMS, and the detached CMS signature over the
 * manifest; then the same files as `<folder>.zip` beside it. The same inputs, settings, export time and key give
 * the same bytes.
 */
export async function writePack(pack: PackRequest): Promise<{ manifest: EvidenceManifest; zip: string }> {
  await mkdir(pack.out, { recursive: true });
  // findings.csv is deflated for the zip while it is written: making it keeps the JS thread busy and leaves
  // zlib's threadpool idle, where deflating it afterwards took seconds at a million rows.
  const findingsAhead = new DeflateAhead(deflatedAheadPath(pack.out, PACK.findings), PACK_ZIP_LEVEL);
  try {
    return await writePackFiles(pack, findingsAhead);
  } finally {
    await findingsAhead.abort();
    await rm(deflatedAheadPath(pack.out, PACK.findings), { force: true });
  }
}

async function writePackFiles(pack: PackRequest, findingsAhead: DeflateAhead): Promise<{ manifest: EvidenceManifest; zip: string }> {
  const { out, request, outcome, signer } = pack;
  const files: PackFile[] = [];
  const put = async (path: string, text: string | Iterable<string>, ahead?: DeflateAhead): Promise<void> => {
    files.push({ path, ...(await writeText(join(out, ...path.split('/')), text, ahead)) });
  };

  const inputs = await packInputs(pack, async (path, source, read) => {
    await mkdir(join(out, PACK.inputs), { recursive: true });
    const target = join(out, ...path.split('/'));
    await copyFile(source, target);
    // Hash the copy, not the original: the pack vouches for the bytes it holds, which must be those reconciled.
    const file = { path, ...(await hashFile(target)) };
    if (read !== undefined && file.sha256 !== read.sha256) {
      throw new ImportFailure({
        code: 'BAD_REQUEST',
        file: read.fileName,
        message: `the file changed on disk while the audit ran (read with SHA-256 ${read.sha256.slice(0, 12)}…, now ${file.sha256.slice(0, 12)}…): the findings are not from the bytes the pack would hold; run the audit again`,
      });
    }
    files.push(file);
    return file;
  });
  const { result } = outcome;
  await put(PACK.findings, findingsCsvPieces(result.rows), findingsAhead);
  const findingsDeflated = await findingsAhead.end();
  pack.onStep?.('findings.csv');
  const signerRecord = signer ? { subject: signer.subject, fingerprint: signer.fingerprint } : null;
  await put(PACK.instructions, verifyInstructions(signerRecord));
  if (signer) await put(PACK.certificate, signer.certificatePem);

  const identity = {
    engineVersion: ENGINE_VERSION,
    asOf: result.asOf,
    settings: result.settings,
    scope: request.scope ?? null,
    target: request.reading,
    links: request.links,
    inputs,
  };
  const facts: WorkbookFacts = {
    format: MANIFEST_FORMAT,
    ...identity,
    review: pack.review?.record ?? null,
    exportedAt: pack.exportedAt,
    runId: sha256(runIdentityText(identity)),
    counts: result.counts,
    signer: signerRecord,
  };
  await writeWorkbook(join(out, PACK.workbook), facts, result, {}, pack.review);
  pack.onStep?.('evidence.xlsx');
  const workbook = await hashFile(join(out, PACK.workbook));
  files.push({ path: PACK.workbook, ...workbook });
  const manifest: EvidenceManifest = {
    ...facts,
    files: files.toSorted((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
  const manifestText = canonicalJson(manifest);
  await writeFile(join(out, PACK.manifest), manifestText);
  await writeFile(join(out, PACK.sums), sha256Sums(manifest.files));
  if (signer) await writeFile(join(out, PACK.signature), signDetached(Buffer.from(manifestText), signer, new Date(pack.exportedAt)));
  const zip = await writePackZip(out, new Date(pack.exportedAt), new Map([[PACK.findings, findingsDeflated]]));
  return { manifest, zip };
}

// Text goes to disk in pieces of this many UTF-16 code units: findings.csv for a million rows is 100 MB, and
// encoding it whole (once to write, once to hash) doubled the pack's memory.
const TEXT_CHUNK = 1 << 20;

/**
 * Writes text as UTF-8, hashing as it goes: one string, or pieces taken one at a time (each in bounded parts),
 * so the text need never be whole in memory. A piece must not end inside a surrogate pair. `ahead`, if given, is
 * handed the same bytes.
 */
async function writeText(path: string, text: string | Iterable<string>, ahead?: DeflateAhead): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const file = await open(path, 'w');
  try {
    for (const piece of typeof text === 'string' ? [text] : text) {
      for (const bytes of utf8Parts(piece)) {
        // Deflate first: it runs on the threadpool while this thread hashes and builds the next piece.
        await ahead?.write(bytes);
        hash.update(bytes);
        size += bytes.byteLength;
        await file.write(bytes);
      }
    }
  } finally {
    await file.close();
  }
  return { size, sha256: hash.digest('hex') };
}

function* utf8Parts(text: string): Generator<Buffer> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + TEXT_CHUNK, text.length);
    // Never split a surrogate pair: each half alone would encode as U+FFFD.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield Buffer.from(text.slice(start, end), 'utf8');
    start = end;
  }
}

/** Every input with its role and hash; copied into `inputs/` under a unique name unless left out. */
async function packInputs(pack: PackRequest, copy: (path: string, source: string, read: LoadedFile | undefined) => Promise<PackFile>): Promise<PackInput[]> {
  const { request, outcome } = pack;
  const used = new Set<string>();
  const uniqueName = (fileName: string): string => {
    let name = fileName;
    for (let n = 2; used.has(name); n += 1) name = `${n}-${fileName}`;
    used.add(name);
    return name;
  };
  const byPath = new Map<string, LoadedFile>([...outcome.entraFiles, outcome.targetFile].map((file) => [file.path, file]));
  const entries = [...request.entra.map((path) => ['entra', path] as const), ['target', request.target] as const];
  const inputs: PackInput[] = [];
  for (const [role, source] of entries) {
    const loaded = byPath.get(source);
    const fileName = basename(source);
    const path = pack.includeInputs ? `${PACK.inputs}/${uniqueName(fileName)}` : undefined;
    const { size, sha256: hash } = path === undefined ? await leftOut(source, loaded) : await copy(path, source, loaded);
    inputs.push({ role, fileName, path, size, sha256: hash, records: loaded?.rows ?? 0, readAs: loaded?.taken ?? '' });
  }
  return inputs;
}

/**
 * A left-out input is known by the size and hash of the bytes read for the run (hashed as they were read): reading
 * the file again cost a second pass over it (392 MB at a million rows) and would record whatever it holds by then.
 */
async function leftOut(source: string, read: LoadedFile | undefined): Promise<{ size: number; sha256: string }> {
  return read === undefined ? hashFile(source) : { size: read.size, sha256: read.sha256 };
}

/** Size and SHA-256 of a file, streamed: inputs can be hundreds of megabytes. */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
  }
  return { size, sha256: hash.digest('hex') };
}
