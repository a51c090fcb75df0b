/**
 * `npm run bench:import [-- --target-rows N] [--entra-rows N] [--keep]`: generates a target CSV and an Entra
 * users CSV, then imports each through the real path — main's streaming reader, the IPC bridge, Dexie in
 * Chromium — and prints rows/s, seconds and peak memory per stage. A benchmark, not a test: a missed target
 * is reported, not failed; only a broken import exits 1.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { readSource } from '../../main/files/read-source';
import { openApp, PROJECT_ROOT } from '../e2e/harness/app-session';
import { startReview } from '../e2e/harness/reviews';
import { ENTRA_HEADER, identityRow } from './population';

const TARGET_SECONDS = 10;
const BATCH = 10_000;

const write = (line = ''): boolean => process.stdout.write(`${line}\n`);
const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const megabytes = (bytes: number): string => `${count(bytes / 1024 ** 2)} MB`;

interface Stage {
  readonly rows: number;
  readonly seconds: number;
  readonly peakBytes: number | undefined;
}

function options(): { targetRows: number; entraRows: number; keep: boolean } {
  const { values } = parseArgs({
    options: { 'target-rows': { type: 'string', default: '1000000' }, 'entra-rows': { type: 'string', default: '500000' }, keep: { type: 'boolean', default: false } },
  });
  return { targetRows: Number(values['target-rows']), entraRows: Number(values['entra-rows']), keep: values.keep };
}

async function writeLines(path: string, header: string, rows: number, line: (row: number) => string): Promise<number> {
  function* batches(): Generator<string> {
    yield `${header}\n`;
    for (let start = 0; start < rows; start += BATCH) {
      const lines: string[] = [];
      for (let row = start; row < Math.min(rows, start + BATCH); row += 1) lines.push(line(row));
      yield `${lines.join('\n')}\n`;
    }
  }
  await pipeline(Readable.from(batches()), createWriteStream(path));
  return (await stat(path)).size;
}

const targetLine = (row: number): string =>
  `${1_000_000 + row},user${row},User.${row}@Contoso.com,User ${row},${row % 13 === 0 ? 'false' : 'true'},2026-${String((row % 12) + 1).padStart(2, '0')}-15T08:30:00Z,2019-01-0${(row % 9) + 1}T00:00:00Z,${row % 50 === 0 ? 'admin' : 'user'}`;

/** Samples a value while work runs and keeps the highest. */
function sampler(read: () => Promise<number | undefined> | number | undefined): { stop(): Promise<number | undefined> } {
  let peak: number | undefined;
  const state = { running: true };
  const loop = (async () => {
    while (state.running) {
      const value = await read();
      if (value !== undefined) peak = Math.max(peak ?? 0, value);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      state.running = false;
      await loop;
      return peak;
    },
  };
}

/** Stage 1: main's reader alone, rows counted and dropped. */
async function parseInMain(path: string): Promise<Stage> {
  const memory = sampler(() => process.memoryUsage().rss);
  const started = performance.now();
  const reader = readSource(path, { fileName: path, batchRows: 5000 });
  let rows = 0;
  for (;;) {
    const step = await reader.next();
    if (step.done) break;
    if ('rows' in step.value) rows += step.value.rows.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, peakBytes: await memory.stop() };
}

async function main(): Promise<number> {
  const { targetRows, entraRows, keep } = options();
  write('bench:import  building the renderer…');
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const folder = await mkdtemp(join(tmpdir(), 'recondesk-bench-import-'));
  let broken = false;
  try {
    const targetPath = join(folder, 'app-accounts.csv');
    const entraPath = join(folder, 'entra-users.csv');
    const targetBytes = await writeLines(targetPath, 'id,username,email,name,active,last_login,created,roles', targetRows, targetLine);
    const entraBytes = await writeLines(entraPath, ENTRA_HEADER, entraRows, (row) => identityRow(20261122, row));
    write(`files         target ${count(targetRows)} rows (${megabytes(targetBytes)}) · Entra users ${count(entraRows)} rows (${megabytes(entraBytes)})`);

    const app = await openApp();
    await startReview(app.page);
    const client = await app.page.context().newCDPSession(app.page);
    await client.send('Performance.enable');
    const heap = async (): Promise<number | undefined> => {
      const { metrics } = await client.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
    };
    try {
      for (const [label, card, path, rows] of [
        ['target', 'Target application accounts', targetPath, targetRows],
        ['entra', 'Entra ID users', entraPath, entraRows],
      ] as const) {
        const parsed = await parseInMain(path);
        write(
          `${label.padEnd(7)} main parse      ${parsed.seconds.toFixed(1).padStart(6)} s  ${count(parsed.rows / parsed.seconds).padStart(9)} rows/s  peak RSS ${parsed.peakBytes === undefined ? 'n/a' : megabytes(parsed.peakBytes)}`,
        );

        app.answerNextDialog(path);
        const cardLocator = app.page.getByRole('article', { name: card });
        await cardLocator.getByRole('button', { name: /Choose file|Replace/ }).click();
        const importButton = cardLocator.getByRole('dialog').getByRole('button', { name: 'Import', exact: true });
        await importButton.waitFor();
        const memory = sampler(heap);
        const started = performance.now();
        await importButton.click();
        await cardLocator.getByTestId('source-rows').filter({ hasText: count(rows) }).waitFor({ timeout: 600_000 });
        const seconds = (performance.now() - started) / 1000;
        const peak = await memory.stop();
        const met = label !== 'target' || seconds <= TARGET_SECONDS;
        write(
          `${label.padEnd(7)} stored (all)    ${seconds.toFixed(1).padStart(6)} s  ${count(rows / seconds).padStart(9)} rows/s  renderer JS heap peak ${peak === undefined ? 'n/a' : megabytes(peak)}` +
            (label === 'target' ? `   target ≤ ${TARGET_SECONDS} s: ${met ? 'met' : 'NOT MET'}` : ''),
        );
      }
      await app.screenshot('bench-import');
    } finally {
      await app.close().catch((error: unknown) => {
        broken = true;
        write(`the page failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  } catch (error) {
    broken = true;
    write(`bench:import FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    if (keep) write(`kept ${folder}`);
    else await rm(folder, { recursive: true, force: true });
  }
  return broken ? 1 : 0;
}

process.exitCode = await main();
