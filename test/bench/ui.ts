/**
 * `npm run bench:ui [-- --rows N]`: stores a run of N rows (default 1,000,000, a realistic mix of situations and
 * findings) in the workspace of the built app in Chromium, reloads, and measures the findings table: time to the
 * first rows on screen, time until every row is loaded, filter, sort and search times (from the click to the
 * table's update, in the page), and frames dropped while scrolling, from the browser's own performance timeline
 * (long-animation-frame entries, and frame intervals over 1.5 frames). A benchmark, not a test.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import { openApp, PROJECT_ROOT } from '../e2e/harness/app-session';
import { openReviewDatabase, startReview } from '../e2e/harness/reviews';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(values.rows);
const write = (line = ''): boolean => process.stdout.write(`${line}\n`);
const ms = (value: number): string => `${value.toFixed(0).padStart(6)} ms`;
const target = (value: number, limit: number): string => (value <= limit ? `≤ ${limit} ms: met` : `≤ ${limit} ms: NOT MET`);

write('bench:ui  building the renderer…');
execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
const app = await openApp();
try {
  const { page } = app;
  // tsx compiles this file keeping function names through a `__name` helper that the page does not have.
  await page.evaluate('globalThis.__name = (target) => target');
  await startReview(page);
  const database = await openReviewDatabase(page);
  const storing = performance.now();
  await page.evaluate(storeRun, { database, rows, settings: { ...DEFAULT_SETTINGS, asOf: '2026-11-22T00:00:00.000Z' } });
  write(`stored    ${rows.toLocaleString('en-US')} rows in the workspace in ${((performance.now() - storing) / 1000).toFixed(1)} s`);

  const reloaded = performance.now();
  await page.reload();
  await page.evaluate('globalThis.__name = (target) => target');
  await page.locator('table.side-by-side tbody tr').first().waitFor({ timeout: 120_000 });
  const firstRender = performance.now() - reloaded;
  await page.getByTestId('table-status').filter({ hasNotText: 'loading' }).waitFor({ timeout: 600_000 });
  const loaded = performance.now() - reloaded;
  write(`first rows on screen after reload   ${ms(firstRender)}   (target ${target(firstRender, 1000)})`);
  write(`every row loaded into the table     ${ms(loaded)}`);
  await page.locator('[data-testid="table-status"][data-sorts-ready="true"]').waitFor({ timeout: 600_000 });
  write(`text columns sorted ahead (worker)   ${ms(performance.now() - reloaded - loaded)} after loading`);

  const timeClick = (selector: string, text?: string): Promise<number> =>
    page.evaluate(
      ([query, label]) =>
        new Promise<number>((resolve) => {
          const candidates = [...document.querySelectorAll<HTMLElement>(query)];
          const element = label === undefined ? candidates[0]! : candidates.find((candidate) => candidate.textContent?.trim().startsWith(label))!;
          const status = document.querySelector('[data-testid="table-status"]')!;
          const table = document.querySelector('.table-window')!;
          const started = performance.now();
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve(performance.now() - started);
          });
          observer.observe(status, { subtree: true, childList: true, characterData: true });
          observer.observe(table, { subtree: true, childList: true, characterData: true });
          element.click();
        }),
      [selector, text] as const,
    );

  const results: [string, number][] = [];
  results.push(['filter: situation = orphan', await timeClick('.toggles label', 'orphan')]);
  results.push(['filter: + severity = high', await timeClick('.toggles label', 'high')]);
  results.push(['filter: cleared (orphan, high off)', (await timeClick('.toggles label', 'orphan')) + (await timeClick('.toggles label', 'high'))]);
  results.push(['filter: finding = stale account', await timeClick('.toggles label', 'stale account')]);
  await timeClick('.toggles label', 'stale account');
  results.push(['sort: login (first click; sorted ahead by the worker)', await timeClick('.side-by-side-head button', 'Login')]);
  results.push(['sort: login descending', await timeClick('.side-by-side-head button', 'Login')]);
  results.push(['sort: severity', await timeClick('.side-by-side-head button', 'Severity')]);
  results.push(['sort: back to situation', await timeClick('.side-by-side-head button', 'Situation')]);
  const searched = performance.now();
  await page.getByLabel('Search').fill('user12345');
  await page.getByTestId('table-status').filter({ hasText: /^\d[\d,]* of/ }).filter({ hasNotText: `${rows.toLocaleString('en-US')} of` }).waitFor();
  results.push(['search: "user12345" (typed, deferred)', performance.now() - searched]);
  await page.getByLabel('Search').fill('');
  for (const [label, value] of results) write(`${label.padEnd(44)} ${ms(value)}${label.startsWith('filter') || label.startsWith('sort') ? `   (${target(value, 200)})` : ''}`);

  const scrolling = await page.evaluate(async () => {
    const scrollArea = document.querySelector<HTMLElement>('.table-window')!;
    const longFrames: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => longFrames.push(...list.getEntries()));
    observer.observe({ type: 'long-animation-frame', buffered: false });
    const intervals: number[] = [];
    let last = performance.now();
    const started = last;
    await new Promise<void>((resolve) => {
      const step = (now: number): void => {
        intervals.push(now - last);
        last = now;
        scrollArea.scrollTop += 900;
        if (now - started < 3000) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    observer.disconnect();
    const dropped = intervals.slice(1).reduce((total, interval) => total + Math.max(0, Math.round(interval / 16.7) - 1), 0);
    return { frames: intervals.length, dropped, longFrames: longFrames.length, scrolledRows: Math.round(scrollArea.scrollTop / 30) };
  });
  write(
    `scroll 3 s at 900 px per frame: ${scrolling.frames} frames, ${scrolling.dropped} dropped (intervals over a frame), ` +
      `${scrolling.longFrames} long-animation-frame entries; ${scrolling.scrolledRows.toLocaleString('en-US')} rows scrolled`,
  );
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize);
  if (heap !== undefined) write(`renderer JS heap after the run       ${(heap / 1024 ** 2).toFixed(0)} MB`);
  await app.screenshot('bench-ui');
} finally {
  await app.close();
}

/** Runs in the page: writes a run and its rows straight into the app's IndexedDB, in the app's block layout. */
async function storeRun({ database, rows: total, settings }: { database: string; rows: number; settings: unknown }): Promise<void> {
  const open = indexedDB.open(database);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.addEventListener('success', () => resolve(open.result));
    open.addEventListener('error', () => reject(open.error));
  });
  const runId = 'bench-run';
  const situations = ['AMBIGUOUS', 'MATCHED', 'MISSING', 'ORPHAN'] as const;
  const plan = (index: number): (typeof situations)[number] => (index < total * 0.01 ? 'AMBIGUOUS' : index < total * 0.9 ? 'MATCHED' : index < total * 0.93 ? 'MISSING' : 'ORPHAN');
  const counts = { situations: { MATCHED: 0, AMBIGUOUS: 0, ORPHAN: 0, MISSING: 0 }, findings: {} as Record<string, number>, severities: { low: 0, medium: 0, high: 0, critical: 0 } };
  const block = (seq: number): unknown[] => {
    const out: unknown[] = [];
    for (let index = seq * 5000; index < Math.min(total, (seq + 1) * 5000); index += 1) {
      const situation = plan(index);
      counts.situations[situation] += 1;
      const id = String(index).padStart(7, '0');
      const login = `user${index}`;
      const email = `${login}@contoso.com`;
      const identity = { id: `0b6f1c1e-${id}`, upn: email, mail: email, otherAddresses: [], employeeId: id, displayName: `User ${index}`, givenName: 'User', surname: String(index), accountEnabled: index % 40 !== 0, userType: 'Member', department: 'Sales', jobTitle: undefined, createdAt: 1_600_000_000_000, lastSignInAt: 1_790_000_000_000 - index * 1000, employeeLeaveAt: undefined, deleted: false, deletedAt: undefined, attributes: {} };
      const account = { accountId: `a-${id}`, login, email, displayName: `User ${index}`, givenName: undefined, familyName: undefined, employeeId: undefined, objectId: undefined, enabled: true, lastLoginAt: 1_780_000_000_000 - index * 5000, createdAt: undefined, roles: index % 50 === 0 ? ['admin'] : ['user'], nonHumanReason: undefined, privilegedReason: undefined, line: index + 2, attributes: {} };
      const findings: { code: string; severity: string | undefined; reason: string; values: Record<string, string> }[] = [];
      if (situation === 'MATCHED' && index % 7 === 0) findings.push({ code: 'STALE_ACCOUNT', severity: 'medium', reason: 'no login for 120 days (threshold 90)', values: { staleDays: '90' } });
      if (situation === 'MATCHED' && index % 40 === 0) findings.push({ code: 'TERMINATED_ACTIVE', severity: 'high', reason: 'the identity is disabled in Entra while the account is active', values: {} });
      if (index % 50 === 0) findings.push({ code: 'PRIVILEGED', severity: undefined, reason: 'role admin', values: {} });
      for (const finding of findings) counts.findings[finding.code] = (counts.findings[finding.code] ?? 0) + 1;
      const severity = findings.some((finding) => finding.severity === 'high') ? 'high' : findings.length > 0 ? 'medium' : situation === 'ORPHAN' ? 'high' : undefined;
      if (severity) counts.severities[severity as 'high' | 'medium'] += 1;
      out.push({
        situation,
        account: situation === 'MISSING' ? undefined : account,
        identities: situation === 'ORPHAN' ? [] : situation === 'AMBIGUOUS' ? [identity, { ...identity, id: `${identity.id}-2` }] : [identity],
        correlation: situation === 'MATCHED' ? { rule: 'email', confidence: 0.95, proposal: false, reason: 'account email matches identity userPrincipalName', keyField: 'email' } : undefined,
        findings,
        severity,
        remediations: [],
      });
    }
    return out;
  };
  const blocks = Math.ceil(total / 5000);
  for (let seq = 0; seq < blocks; seq += 20) {
    const tx = db.transaction('runRows', 'readwrite');
    for (let at = seq; at < Math.min(blocks, seq + 20); at += 1) tx.objectStore('runRows').put({ runId, seq: at, rows: block(at) });
    await new Promise((resolve, reject) => {
      tx.addEventListener('complete', resolve);
      tx.addEventListener('error', () => reject(tx.error));
    });
  }
  const tx = db.transaction('runs', 'readwrite');
  tx.objectStore('runs').put({
    id: runId,
    createdAt: '2026-11-22T12:00:00.000Z',
    engineVersion: 'bench',
    asOf: '2026-11-22T00:00:00.000Z',
    settings,
    sourceIds: [],
    population: { identities: total, accounts: total, activeAccounts: total },
    counts,
    rowCount: total,
  });
  await new Promise((resolve) => tx.addEventListener('complete', resolve));
  db.close();
}
