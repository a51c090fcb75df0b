/**
 * `npm run bench:evidence [-- --rows N]`: writes an evidence pack (findings.csv, evidence.xlsx, manifest, sums,
 * signature, and the pack's .zip) for N reconciled rows (default 1,000,000) and prints seconds and peak memory. The
 * rows are made directly, with the engine's shapes and sharing (one frozen empty list, the engine's shared
 * remediation lists) and a realistic mix of situations and findings, and stored as the engine stores them (a
 * `RowTable`), so the figures are the pack's alone (the engine has its own benchmark); the inputs are the small
 * scenario files. Runs the work in a child process so peak RSS is the pack writer's. A benchmark, not a test: a
 * missed target is reported, not failed.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { countSituations, type Correlation, type Finding, type ReconciliationRow } from '@core/model/reconciliation';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import type { AuditOutcome, AuditRequest } from '../../main/cli/audit';
import { hashFile, writePack } from '../../main/evidence/pack';
import { createSelfSignedSigner } from '../../main/evidence/signer';
import { writeWorkbook, type WorkbookFacts } from '../../main/evidence/workbook';
import { remediationMaker } from '@core/engine/remediation';
import { RowTable } from '@core/engine/row-table';
import { NO_VALUES } from '@core/import/cells';
import type { Identity } from '@core/model/identity';
import { anAccount, anIdentity } from '../support/builders';
import { measureProcess } from './measure-process';

// As the engine makes them: every match through the same two fields shares one correlation, its key made again when shown.
const EMAIL_MATCH: Correlation = Object.freeze({ rule: 'email', confidence: 0.95, proposal: false, reason: 'account email matches identity userPrincipalName', keyField: 'email' });

// Shared as the engine and the importers share them: a row with no finding or (an orphan) no identity, a record
// with no roles, addresses or kept columns, holds one frozen empty list (or record) rather than its own.
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
const NO_IDENTITIES: readonly Identity[] = Object.freeze([]);

const TARGET_SECONDS = 15;
const TARGET_MEGABYTES = 700;
const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO = join(ROOT, 'test/fixtures/scenario');
const write = (line: string): boolean => process.stdout.write(`${line}\n`);
const count = (value: number): string => Math.round(value).toLocaleString('en-US');

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, child: { type: 'string' } } });
const rows = Number(values.rows);

if (values.child === undefined) process.exitCode = await parent();
else await child(values.child);

async function parent(): Promise<number> {
  const folder = await mkdtemp(join(tmpdir(), 'recondesk-bench-evidence-'));
  try {
    const measured = await measureProcess(process.execPath, ['--import', 'tsx', 'test/bench/evidence.ts', '--rows', String(rows), '--child', join(folder, 'pack')], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.test.json' },
    });
    process.stdout.write(measured.stdout);
    if (measured.exitCode !== 0) {
      write(`bench:evidence FAILED (exit ${measured.exitCode ?? measured.signal}):\n${measured.stderr}`);
      return 1;
    }
    const megabytes = (measured.peakRssBytes ?? 0) / 1024 ** 2;
    const seconds = Number(/pack written\s+([\d.]+) s/.exec(measured.stdout)?.[1] ?? Number.NaN);
    write(`peak RSS (whole process, rows included)  ${count(megabytes)} MB`);
    write(`targets: pack ≤ ${TARGET_SECONDS} s: ${seconds <= TARGET_SECONDS ? 'met' : 'NOT MET'} · peak ≤ ${TARGET_MEGABYTES} MB: ${megabytes <= TARGET_MEGABYTES ? 'met' : 'NOT MET'}`);
    return 0;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function child(out: string): Promise<void> {
  const empty = process.memoryUsage().rss;
  let started = performance.now();
  const result = syntheticRows(rows);
  const baseline = process.memoryUsage().rss;
  write(`bench:evidence  ${count(rows)} rows made in ${((performance.now() - started) / 1000).toFixed(1)} s (RSS with rows ${count(baseline / 1024 ** 2)} MB, of which the rows ${count((baseline - empty) / 1024 ** 2)} MB)`);
  const signer = createSelfSignedSigner({ name: 'Bench', email: 'bench@example.invalid', organisation: 'Bench' }, new Date('2026-11-22T00:00:00Z'));
  const request: AuditRequest = {
    entra: [join(SCENARIO, 'entra-users.json')],
    target: join(SCENARIO, 'salesforce-users.csv'),
    reading: { profileId: undefined, mapping: {}, dateOrder: undefined },
    settings: { ...DEFAULT_SETTINGS, asOf: '2026-11-22T00:00:00.000Z' },
    scope: undefined,
    links: [],
  };
  const outcome: AuditOutcome = {
    result: {
      engineVersion: 'bench',
      asOf: request.settings.asOf,
      settings: request.settings,
      defaultDomain: undefined,
      scope: undefined,
      population: { identities: rows, accounts: rows, activeAccounts: rows },
      rows: result,
      counts: { situations: countSituations(result), findings: {} as never, severities: {} as never },
    },
    entraFiles: [],
    // As the loader records it: the size and hash of the bytes read (the pack checks its copy against them).
    targetFile: { path: request.target, fileName: 'salesforce-users.csv', taken: 'bench', rows: 6, ...(await hashFile(request.target)) },
  };
  // The writer's own memory: the highest RSS while the pack is written, over the RSS with the rows already made.
  const before = process.memoryUsage.rss();
  let highest = before;
  const sampler = setInterval(() => (highest = Math.max(highest, process.memoryUsage.rss())), 20);
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadSeconds();
  started = performance.now();
  await writePack({ out, request, outcome, includeInputs: true, exportedAt: '2026-11-23T09:00:00.000Z', signer });
  const packSeconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const packMainCpu = mainThreadSeconds() - mainCpu;
  clearInterval(sampler);
  highest = Math.max(highest, process.memoryUsage.rss());
  const size = async (path: string): Promise<string> => `${count((await stat(path)).size / 1024 ** 2)} MB`;
  // CPU seconds say more than wall time when other work shares the cores: all threads (zlib deflates on
  // libuv's threadpool, V8 collects on helpers), and the JS thread's alone, which sets the pace on free cores.
  write(`pack written          ${packSeconds.toFixed(1)} s   (CPU ${((user + system) / 1e6).toFixed(1)} s, JS thread ${packMainCpu.toFixed(1)} s; evidence.xlsx ${await size(join(out, 'evidence.xlsx'))}, findings.csv ${await size(join(out, 'findings.csv'))}, pack zip ${await size(`${out}.zip`)})`);
  write(`writer's own memory   +${count((highest - before) / 1024 ** 2)} MB over the RSS with rows (${count(before / 1024 ** 2)} MB before, ${count(highest / 1024 ** 2)} MB highest)`);

  // Where the pack's time goes: the workbook alone, written again to another file.
  const workbookCpu = process.cpuUsage();
  const workbookMainCpu = mainThreadSeconds();
  started = performance.now();
  await writeWorkbook(join(out, '..', 'again.xlsx'), JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as WorkbookFacts, { rows: result, defaultDomain: undefined });
  const again = process.cpuUsage(workbookCpu);
  write(`  of which workbook   ${((performance.now() - started) / 1000).toFixed(1)} s   (CPU ${((again.user + again.system) / 1e6).toFixed(1)} s, JS thread ${(mainThreadSeconds() - workbookMainCpu).toFixed(1)} s; written again alone)`);
}

/** CPU seconds of this process's main (JS) thread, from Linux's /proc; NaN elsewhere. */
function mainThreadSeconds(): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

// A declaration, not a const: the module's top-level await runs the bench before a const here would be set.
function situationOf(index: number): 'MATCHED' | 'MISSING' | 'ORPHAN' {
  return index % 20 === 0 ? 'ORPHAN' : index % 97 === 0 ? 'MISSING' : 'MATCHED';
}

/**
 * A realistic mix: most accounts matched, some stale, orphans, drift, privileged, missing identities. Stored as the
 * engine stores its rows (a `RowTable`, each row set in its place and read back made again), in the order reconcile
 * returns them (situation, then account id, then identity id): findings.csv then streams as it does in the audit.
 */
function syntheticRows(total: number): RowTable {
  // The engine's own maker: rows with the same severity and causes share one frozen list.
  const remediationsOf = remediationMaker({ ...DEFAULT_SETTINGS, asOf: '2026-11-22T00:00:00.000Z' }, Date.UTC(2026, 10, 22));
  const next = { MATCHED: 0, MISSING: 0, ORPHAN: 0 };
  for (let index = 0; index < total; index += 1) next[situationOf(index)] += 1;
  // The counts become each situation's first position, in canonical order: MATCHED, MISSING, ORPHAN.
  next.ORPHAN = next.MATCHED + next.MISSING;
  next.MISSING = next.MATCHED;
  next.MATCHED = 0;
  const table = new RowTable(total);
  const missing: ReconciliationRow[] = [];
  for (let index = 0; index < total; index += 1) {
    const id = `acc-${String(index).padStart(8, '0')}`;
    const email = `user${index}@contoso.com`;
    const identity = anIdentity({ id: `id-${index}`, upn: email, displayName: `User ${index}`, mail: email, lastSignInAt: Date.UTC(2026, index % 12, 1), otherAddresses: NO_VALUES, attributes: NO_ATTRIBUTES });
    const found: Finding[] = [];
    if (index % 7 === 0) found.push({ code: 'STALE_ACCOUNT', severity: 'medium', reason: `no login for ${90 + (index % 200)} days (threshold 90)`, values: { days: String(90 + (index % 200)) } });
    if (index % 50 === 0) found.push({ code: 'PRIVILEGED', severity: undefined, reason: 'role "System Administrator" matches \\badmin', values: { role: 'System Administrator' } });
    if (index % 11 === 0) found.push({ code: 'ATTRIBUTE_DRIFT', severity: 'low', reason: 'display name "U. ' + index + '" differs from "User ' + index + '"', values: {} });
    const findings = found.length === 0 ? NO_FINDINGS : found;
    const situation = situationOf(index);
    const severity = findings.length > 0 ? 'medium' : undefined;
    const row: ReconciliationRow = {
      situation,
      account: situation === 'MISSING' ? undefined : anAccount({ accountId: id, login: email, email, displayName: `User ${index}`, enabled: true, lastLoginAt: Date.UTC(2026, index % 12, 15), roles: NO_VALUES, attributes: NO_ATTRIBUTES }),
      identities: situation === 'ORPHAN' ? NO_IDENTITIES : [identity],
      correlation: situation === 'MATCHED' ? EMAIL_MATCH : undefined,
      findings,
      severity,
      remediations: remediationsOf(situation, findings, severity, false),
    };
    if (situation === 'MISSING') missing.push(row);
    else table.set(next[situation]++, row);
  }
  // Missing rows have no account: their identity ids ("id-97", "id-194", …) decide, in code-unit order.
  for (const row of missing.toSorted((a, b) => (a.identities[0]!.id < b.identities[0]!.id ? -1 : 1))) table.set(next.MISSING++, row);
  return table;
}
