/**
 * The audit's library floor: the work its pack cannot be made without, done by the libraries alone (decoding
 * and parsing the inputs with papaparse, SHA-256 of every file the manifest names, deflate and CRC-32 of the
 * workbook's XML and of findings.csv at the levels the audit uses), with none of Recondesk's own work
 * (records, keys, rules, the XML and CSV text). Each part is timed single-threaded in this process over the
 * audit's real inputs and outputs; divided by the cores it is the shortest the audit could take on this machine,
 * with perfect parallelism and all of its own code free. It tells how much of a time target is left for our code.
 */
import { availableParallelism } from 'node:os';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import Papa from 'papaparse';
import { PACK_ZIP_LEVEL } from '../../main/evidence/pack-zip';
import { XLSX_DEFLATE_LEVEL } from '../../main/evidence/xlsx/xlsx-writer';
import { extractZipEntry, readZipEntries } from '../../main/evidence/zip/zip-reader';

export interface LibraryFloor {
  /** CPU milliseconds of each part, single-threaded. */
  readonly parts: { readonly decode: number; readonly parse: number; readonly hash: number; readonly deflateWorkbook: number; readonly deflateFindings: number };
  readonly cpuMs: number;
  readonly cores: number;
  /** `cpuMs / cores`: no schedule of this work on this machine's cores ends sooner. */
  readonly wallMs: number;
  readonly workbookXmlBytes: number;
}

const timed = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const value = work();
  return [value, performance.now() - started];
};

export async function measureLibraryFloor(files: { readonly inputs: readonly string[]; readonly findings: string; readonly workbook: string }): Promise<LibraryFloor> {
  let decode = 0;
  let parse = 0;
  let hash = 0;
  for (const input of files.inputs) {
    const bytes = await readFile(input);
    hash += timed(() => createHash('sha256').update(bytes).digest())[1];
    const [text, decoding] = timed(() => new TextDecoder('utf-8').decode(bytes));
    decode += decoding;
    // Step mode, rows dropped as read: how the importer calls papaparse, without keeping anything.
    parse += timed(() => Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', step: () => undefined }))[1];
  }
  const findings = await readFile(files.findings);
  hash += timed(() => createHash('sha256').update(findings).digest())[1];
  const deflateFindings = timed(() => deflateAndCrc(findings, PACK_ZIP_LEVEL))[1];
  const workbook = await readFile(files.workbook);
  // SHA-256 for the manifest, CRC-32 for its stored entry in the zip.
  hash += timed(() => [createHash('sha256').update(workbook).digest(), crc32(workbook)])[1];
  const { deflateWorkbook, workbookXmlBytes } = await deflateWorkbookParts(files.workbook);
  const parts = { decode, parse, hash, deflateWorkbook, deflateFindings };
  const cpuMs = Object.values(parts).reduce((sum, ms) => sum + ms, 0);
  const cores = availableParallelism();
  return { parts, cpuMs, cores, wallMs: cpuMs / cores, workbookXmlBytes };
}

function deflateAndCrc(bytes: Uint8Array, level: number): void {
  deflateRawSync(bytes, { level });
  crc32(bytes);
}

/** Each part of the workbook inflated (not timed), then deflated again as the audit's writer does (timed). */
async function deflateWorkbookParts(workbook: string): Promise<{ deflateWorkbook: number; workbookXmlBytes: number }> {
  const scratch = await mkdtemp(`${workbook}.floor-`);
  try {
    let deflateWorkbook = 0;
    let workbookXmlBytes = 0;
    for (const entry of await readZipEntries(workbook)) {
      const part = join(scratch, 'part');
      await extractZipEntry(workbook, entry, part);
      const bytes = await readFile(part);
      workbookXmlBytes += bytes.byteLength;
      deflateWorkbook += timed(() => deflateAndCrc(bytes, XLSX_DEFLATE_LEVEL))[1];
    }
    return { deflateWorkbook, workbookXmlBytes };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
