/**
 * `npm run bench:engine [-- --rows N] [--keep] [--seed S]`: times the real `recondesk audit` command over a
 * generated population against DuckDB joining the same files, and prints the figures with the targets, then
 * the audit's library floor (`library-floor.ts`): what its pack costs in library work alone on this machine.
 * A benchmark, not a test: a missed target is reported, not failed; only a crash or a broken audit exits 1.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TIMING_PREFIX } from '../../main/cli/stage-timings';
import { timeDuckdbJoin } from './duckdb-join';
import { generatePopulation } from './generate-population';
import { measureLibraryFloor } from './library-floor';
import { measureProcess } from './measure-process';
import { AS_OF } from './population';

const TARGET_RATIO = 5;
const TARGET_PEAK_BYTES = 1.5 * 1024 ** 3;
const DUCKDB_RUNS = 3;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const write = (line = ''): boolean => process.stdout.write(`${line}\n`);
const count = (value: number): string => value.toLocaleString('en-US');
const seconds = (ms: number, digits = 1): string => `${(ms / 1000).toFixed(digits)} s`;
/** CPU seconds, without a unit: the floor's parts are listed after their total's "CPU-s". */
const cpu = (ms: number): string => (ms / 1000).toFixed(1);
/** Binary megabytes, the unit the 1.5 GB memory target is read in. */
const megabytes = (bytes: number): string => `${count(Math.round(bytes / 1024 ** 2))} MB`;
const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');

function readOptions(): { rows: number; keep: boolean; seed: number } | string {
  try {
    const { values } = parseArgs({
      options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'boolean', default: false }, seed: { type: 'string', default: '20261122' } },
      strict: true,
    });
    const rows = Number(values.rows);
    const seed = Number(values.seed);
    if (!Number.isInteger(rows) || rows < 100) return `--rows "${values.rows}" is not a whole number of at least 100`;
    if (!Number.isInteger(seed)) return `--seed "${values.seed}" is not a whole number`;
    return { rows, keep: values.keep, seed };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    for (const byte of chunk as Buffer) if (byte === 0x0a) lines += 1;
  }
  return lines;
}

/** "Situations MATCHED 12 · AMBIGUOUS 0 · ..." from the audit's summary. */
function situationCounts(stdout: string): Map<string, number> {
  const line = /^Situations\s+(.*)$/m.exec(stdout)?.[1] ?? '';
  return new Map([...line.matchAll(/([A-Z_]+) (\d+)/g)].map((match) => [match[1]!, Number(match[2])]));
}

async function main(): Promise<number> {
  const options = readOptions();
  if (typeof options === 'string') {
    process.stderr.write(`bench:engine: ${options}\nUsage: npm run bench:engine -- [--rows N] [--keep] [--seed S]\n`);
    return 2;
  }
  const folder = await mkdtemp(join(tmpdir(), 'recondesk-bench-'));
  try {
    return await benchmark(folder, options.rows, options.seed);
  } finally {
    if (options.keep) write(`kept ${folder}`);
    else await rm(folder, { recursive: true, force: true });
  }
}

async function benchmark(folder: string, rows: number, seed: number): Promise<number> {
  const generationStarted = performance.now();
  const population = await generatePopulation(folder, rows, seed);
  const { identities, accounts, plan } = population;
  write(
    `bench:engine  identities ${count(identities.rows)} (${megabytes(identities.bytes)})  accounts ${count(accounts.rows)} (${megabytes(accounts.bytes)})  ` +
      `generated in ${seconds(performance.now() - generationStarted)}`,
  );
  write(
    `              accounts: ${count(plan.matched)} of identities (${count(population.loginOnly)} login only) · ` +
      `${count(plan.duplicates)} duplicates · ${count(plan.orphans)} orphans; seed ${seed}`,
  );

  const out = join(folder, 'audit');
  const args = ['--import', 'tsx', 'main/cli/recondesk.ts', 'audit', '--entra', identities.path, '--target', accounts.path, '--as-of', AS_OF, '--out', out, '--unsigned', '--no-inputs', '--timings'];
  const audit = await measureProcess(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' } });
  const peak = audit.peakRssBytes;
  const situations = situationCounts(audit.stdout);
  const situationText = [...situations].filter(([, value]) => value > 0).map(([name, value]) => `${name} ${count(value)}`).join(', ');
  write(`recondesk audit     ${seconds(audit.wallMs).padStart(7)}   peak RSS ${peak === undefined ? 'n/a' : megabytes(peak)}   (${situationText || 'no summary'})`);
  // The audit's own --timings lines: each stage's wall and CPU time, and memory when it ended.
  for (const line of audit.stderr.split('\n')) if (line.startsWith(TIMING_PREFIX)) write(`  ${line}`);

  let broken = audit.exitCode !== 0;
  if (broken) {
    write(`  the audit FAILED: exit ${audit.exitCode ?? audit.signal}; last of its stderr:`);
    for (const line of audit.stderr.trimEnd().split('\n').slice(-12)) write(`    ${line}`);
  } else {
    // One findings row per account (no assignments are given, so no MISSING rows).
    const findingsRows = (await countLines(join(out, 'findings.csv'))) - 1;
    const summaryRows = [...situations.values()].reduce((sum, value) => sum + value, 0);
    const ok = findingsRows === accounts.rows && summaryRows === accounts.rows;
    broken = !ok;
    write(`                    findings.csv ${count(findingsRows)} rows + header; expected ${count(accounts.rows)}: ${ok ? 'ok' : 'MISMATCH'}${ok ? '' : ` (summary says ${count(summaryRows)})`}`);
  }

  const duckdb = await timeDuckdbJoin(accounts.path, identities.path, DUCKDB_RUNS);
  const joinOk = duckdb.rows === population.expectedJoinRows;
  write(
    `duckdb plain join   ${seconds(duckdb.medianMs, 2).padStart(7)}   (median of ${DUCKDB_RUNS}: ${duckdb.runsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s; ` +
      `${count(duckdb.rows)} joined rows${joinOk ? '' : `, expected ${count(population.expectedJoinRows)}`})`,
  );

  const ratio = audit.wallMs / duckdb.medianMs;
  // A failed audit's time and memory say nothing about the targets.
  const ratioText = broken ? 'n/a (audit failed)' : verdict(ratio <= TARGET_RATIO);
  const peakText = broken || peak === undefined ? 'n/a' : verdict(peak < TARGET_PEAK_BYTES);
  write(`ratio audit/duckdb  ${`${ratio.toFixed(1)}×`.padStart(7)}   target ≤ ${TARGET_RATIO}×: ${ratioText};   peak < 1.5 GB: ${peakText}`);
  if (!joinOk) write('  note: DuckDB joined a different number of rows than the generator expects');
  if (!broken) {
    const floor = await measureLibraryFloor({ inputs: [identities.path, accounts.path], findings: join(out, 'findings.csv'), workbook: join(out, 'evidence.xlsx') });
    const { parts } = floor;
    write(
      `library floor       ${seconds(floor.wallMs, 2).padStart(7)}   ${cpu(floor.cpuMs)} CPU-s over ${floor.cores} cores: decode ${cpu(parts.decode)} · papaparse ${cpu(parts.parse)} · ` +
        `SHA-256 and CRC-32 ${cpu(parts.hash)} · deflate workbook XML (${megabytes(floor.workbookXmlBytes)}) ${cpu(parts.deflateWorkbook)} · deflate findings.csv ${cpu(parts.deflateFindings)}`,
    );
    const floorRatio = floor.wallMs / duckdb.medianMs;
    const left = TARGET_RATIO * duckdb.medianMs - floor.wallMs;
    write(
      `                    = ${floorRatio.toFixed(1)}× duckdb with none of Recondesk's own work: ` +
        (left > 0 ? `the ${TARGET_RATIO}× target leaves ${seconds(left, 2)} for all of it` : `the ${TARGET_RATIO}× target is below the floor on this machine`),
    );
  }
  return broken ? 1 : 0;
}

process.exitCode = await main();
