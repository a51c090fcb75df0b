/**
 * `npm run bench:checklist [-- --items N]`: the remediation checklist at N items (default 100,000).
 * 1. In Node: deriving N items from N rows, laying edits over them, grouping and filtering, median of 5.
 * 2. In the built app in Chromium: a run of N rows, each with one proposed remediation, written into the workspace;
 *    then the time from reload to the checklist's counts on screen, to open a group, and from a status change to the
 *    item showing it (store write, audit entry, live queries, re-derivation, render). A benchmark, not a test.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ReconciliationRow, RemediationAction, Severity } from '@core/model/reconciliation';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import { applyEdits, deriveChecklist, filterChecklist, groupChecklist, NO_CHECKLIST_FILTER, type ChecklistEdit } from '@core/review/checklist';
import { openApp, PROJECT_ROOT } from '../e2e/harness/app-session';

const { values } = parseArgs({ options: { items: { type: 'string', default: '100000' } } });
const total = Number(values.items);
const write = (line = ''): boolean => process.stdout.write(`${line}\n`);
const ms = (value: number): string => `${value.toFixed(0).padStart(6)} ms`;
const median = (samples: number[]): number => samples.toSorted((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** Row `index` of the generated run: one finding, one proposal, twenty owners, three actions. Also run in the page. */
function benchRow(index: number): ReconciliationRow {
  const actions: readonly RemediationAction[] = ['disable-account', 'remove-role', 'correct-attribute'];
  const causes = ['STALE_ACCOUNT', 'PRIVILEGED', 'ATTRIBUTE_DRIFT'] as const;
  const severities: readonly Severity[] = ['medium', 'high', 'low'];
  const kind = index % 3;
  const login = `user${index}`;
  return {
    situation: 'MATCHED',
    account: { accountId: `a-${index}`, login, email: `${login}@contoso.com`, displayName: `User ${index}`, givenName: undefined, familyName: undefined, employeeId: undefined, objectId: undefined, enabled: true, lastLoginAt: undefined, createdAt: undefined, roles: [], nonHumanReason: undefined, privilegedReason: undefined, line: index + 2, attributes: {} },
    identities: [{ id: `id-${index}`, upn: `${login}@contoso.com`, mail: undefined, otherAddresses: [], employeeId: undefined, displayName: undefined, givenName: undefined, surname: undefined, accountEnabled: true, userType: 'Member', department: undefined, jobTitle: undefined, createdAt: undefined, lastSignInAt: undefined, employeeLeaveAt: undefined, deleted: false, deletedAt: undefined, attributes: {} }],
    correlation: undefined,
    findings: [{ code: causes[kind]!, severity: severities[kind], reason: 'bench', values: {} }],
    severity: severities[kind],
    remediations: [{ action: actions[kind]!, cause: causes[kind]!, severity: severities[kind]!, owner: `Owner ${index % 20}`, dueDate: index % 10 === 0 ? '2026-11-01' : '2026-12-22', guidance: 'bench' }],
  };
}

const run = { asOf: '2026-11-22T00:00:00.000Z', settings: DEFAULT_SETTINGS };
const rows = Array.from({ length: total }, (_, index) => benchRow(index));
const edits = new Map<string, ChecklistEdit>([['account:a-1|remove-role', { key: 'account:a-1|remove-role', status: 'done', owner: 'IAM', dueDate: '2026-12-01', note: '', ticket: 'CHG-1', evidence: '', by: { name: 'Bench', role: 'bench' }, at: run.asOf }]]);
const timings = { derive: [] as number[], edit: [] as number[], group: [] as number[], filter: [] as number[] };
for (let repeat = 0; repeat < 5; repeat += 1) {
  let started = performance.now();
  const derived = deriveChecklist(rows, new Map(), run);
  timings.derive.push(performance.now() - started);
  started = performance.now();
  const items = applyEdits(derived, edits);
  timings.edit.push(performance.now() - started);
  started = performance.now();
  groupChecklist(items, '2026-11-23');
  timings.group.push(performance.now() - started);
  started = performance.now();
  filterChecklist(items, { ...NO_CHECKLIST_FILTER, overdueOnly: true }, '2026-11-23');
  timings.filter.push(performance.now() - started);
}
write(`bench:checklist  ${total.toLocaleString('en-US')} items (Node, median of 5)`);
write(`derive items from rows + decisions           ${ms(median(timings.derive))}`);
write(`lay the edits over (redone on every edit)    ${ms(median(timings.edit))}`);
write(`group by action and owner, with progress     ${ms(median(timings.group))}`);
write(`filter: overdue only                         ${ms(median(timings.filter))}`);

write('building the renderer…');
execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
const app = await openApp();
try {
  const { page } = app;
  // tsx keeps function names through a `__name` helper that the page does not have.
  await page.evaluate('globalThis.__name = (target) => target');
  await page.evaluate(`globalThis.benchRow = ${benchRow.toString()}`);
  await page.evaluate(storeRun, { total, settings: run.settings });
  const reloaded = performance.now();
  await page.reload();
  const status = page.getByTestId('checklist-status');
  await status.filter({ hasText: `of ${total.toLocaleString('en-US')} items` }).waitFor({ timeout: 300_000 });
  write(`reload → checklist counts on screen          ${ms(performance.now() - reloaded)}`);
  // The findings table reads the same run at the same time; its figure says how much of the wait is shared.
  await page.getByTestId('table-status').filter({ hasNotText: 'loading' }).waitFor({ timeout: 300_000 });
  write(`reload → findings table loaded (for scale)   ${ms(performance.now() - reloaded)}`);
  const groups = await page.locator('.checklist-group').count();
  const domNodes = await page.evaluate(() => document.querySelectorAll('.checklist *').length);
  write(`groups drawn collapsed: ${groups}; elements in the checklist: ${domNodes.toLocaleString('en-US')}`);

  const opening = performance.now();
  await page.locator('.checklist-group h3 button').first().click();
  await page.locator('tr.checklist-item').first().waitFor();
  write(`open a group (first 50 items drawn)          ${ms(performance.now() - opening)}`);

  const statusTimes: number[] = [];
  const key = await page.locator('tr.checklist-item').first().getAttribute('data-key');
  for (const next of ['in-progress', 'done', 'verified', 'open']) {
    const item = page.locator(`tr.checklist-item[data-key="${key}"]`);
    const started = performance.now();
    await item.locator('select').selectOption(next);
    await page.locator(`tr.checklist-item[data-key="${key}"][data-status="${next}"]`).waitFor();
    statusTimes.push(performance.now() - started);
  }
  write(`status change → shown (median of 4)          ${ms(median(statusTimes))}   (${statusTimes.map((value) => value.toFixed(0)).join(', ')} ms)`);
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize);
  if (heap !== undefined) write(`renderer JS heap                             ${(heap / 1024 ** 2).toFixed(0).padStart(6)} MB`);
  await app.screenshot('bench-checklist');
} finally {
  await app.close();
}

/** Runs in the page: a reviewer, and a run of generated rows in the app's block layout, straight into IndexedDB. */
async function storeRun({ total: count, settings }: { total: number; settings: unknown }): Promise<void> {
  const makeRow = (globalThis as unknown as { benchRow: (index: number) => unknown }).benchRow;
  const open = indexedDB.open('recondesk-workspace');
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.addEventListener('success', () => resolve(open.result));
    open.addEventListener('error', () => reject(open.error));
  });
  const runId = 'bench-run';
  for (let seq = 0; seq * 5000 < count; seq += 1) {
    const tx = db.transaction('runRows', 'readwrite');
    tx.objectStore('runRows').put({ runId, seq, rows: Array.from({ length: Math.min(5000, count - seq * 5000) }, (_, offset) => makeRow(seq * 5000 + offset)) });
    await new Promise((resolve, reject) => {
      tx.addEventListener('complete', resolve);
      tx.addEventListener('error', () => reject(tx.error));
    });
  }
  const tx = db.transaction(['runs', 'reviewer'], 'readwrite');
  tx.objectStore('reviewer').put({ id: 'reviewer', name: 'Bench', role: 'bench' });
  tx.objectStore('runs').put({
    id: runId,
    createdAt: '2026-11-22T12:00:00.000Z',
    engineVersion: 'bench',
    asOf: '2026-11-22T00:00:00.000Z',
    settings,
    sourceIds: [],
    population: { identities: count, accounts: count, activeAccounts: count },
    counts: { situations: { MATCHED: count, AMBIGUOUS: 0, ORPHAN: 0, MISSING: 0 }, findings: {}, severities: { low: 0, medium: 0, high: 0, critical: 0 } },
    rowCount: count,
  });
  await new Promise((resolve) => tx.addEventListener('complete', resolve));
  db.close();
}
