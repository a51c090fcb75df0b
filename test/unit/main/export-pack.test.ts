import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportPackRequest } from '@core/api/export-request';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import type { ManualLink } from '@core/model/manual-link';
import { chainEntry } from '@core/review/audit-trail';
import { requestValidators } from '@core/api/contract';
import { performAudit } from '../../../main/cli/audit';
import { Cancelled } from '../../../main/evidence/cancelled';
import { inWorker, relayProgress, type WorkerMessage } from '../../../main/evidence/evidence-runner';
import type { HandlerDeps } from '../../../main/handlers/create-handlers';
import { handlersForTest } from '../../support/handlers';
import { tempDir } from '../../support/temp-files';

const SCENARIO = join(import.meta.dirname, '../../fixtures/scenario');
const sha256 = async (text: string): Promise<string> => createHash('sha256').update(text).digest('hex');
const who = { name: 'Alex Auditor', role: 'IT auditor' };
const settings = { ...DEFAULT_SETTINGS, asOf: '2026-11-22T00:00:00.000Z' };
const reading = { profileId: 'salesforce', mapping: {}, dateOrder: undefined };
// Gina Park's Salesforce account has an old address: the reviewer links it by hand.
const link: ManualLink = {
  accountId: '0058d00000AAAA5AAA',
  identityId: '11111111-0000-4000-8000-000000000007',
  action: 'link',
  justification: 'Gina Park: the account predates her change of mail domain (HR ticket 4411)',
  by: 'Alex Auditor',
  at: '2026-11-23T09:10:00.000Z',
};
const FILES = [
  { file: 'entra-users.json', kind: 'entra-users', role: 'entra' },
  { file: 'assignments.csv', kind: 'entra-assignments', role: 'entra' },
  { file: 'salesforce-users.csv', kind: 'target', role: 'target' },
] as const;

/** A review as the app holds it: the three files imported through the real handlers (which keep their bytes). */
async function importedReview(deps: Partial<HandlerDeps> = {}) {
  const test = handlersForTest(deps);
  const { handlers, choose } = test;
  const inputs = [];
  for (const { file, kind, role } of FILES) {
    const started = await handlers.startImport({ token: await choose(join(SCENARIO, file)), kind, ...(kind === 'target' ? { profileId: 'salesforce' } : {}) });
    if (!started.ok) throw new Error(started.error.message);
    let batch;
    do {
      batch = await handlers.nextBatch({ importId: started.value.importId });
      if (!batch.ok) throw new Error(batch.error.message);
    } while (!batch.value.done);
    inputs.push({ role, fileName: file, sha256: batch.value.sha256!, rows: batch.value.rowsRead });
  }
  const paths = FILES.map(({ file }) => join(SCENARIO, file));
  const run = await performAudit({ entra: paths.slice(0, 2), target: paths[2]!, reading, settings, scope: undefined, links: [link] });
  const first = await chainEntry(undefined, { at: '2026-11-23T09:00:00.000Z', who, action: 'import', details: { files: '3' } }, sha256);
  const second = await chainEntry(first, { at: '2026-11-23T09:10:00.000Z', who, action: 'correlation', details: { account: link.accountId } }, sha256);
  const orphan = [...run.result.rows].find((row) => row.account?.accountId === '0058d00000AAAA6AAA')!;
  return { ...test, inputs, run, trail: [first, second], orphanCodes: orphan.findings.map((finding) => finding.code) };
}

async function exportRequest(review: Awaited<ReturnType<typeof importedReview>>, destination: string, changes: Partial<ExportPackRequest> = {}): Promise<ExportPackRequest> {
  review.nextChoices.push([destination]);
  const chosen = await review.handlers.chooseExportDestination({ suggestedName: 'evidence' });
  if (!chosen.ok || chosen.value === null) throw new Error('no destination');
  return {
    exportId: 'export-1',
    destination: chosen.value.token,
    review: { name: 'Salesforce 2026-Q4', application: 'Salesforce', period: '2026-Q4', owner: 'Sales Ops', reviewer: who },
    inputs: review.inputs,
    reading,
    settings,
    scope: null,
    links: [link],
    decisions: [{ rowKey: 'account:0058d00000AAAA6AAA', kind: 'revoke', justification: 'Nobody owns this integration', answers: review.orphanCodes, by: who, at: '2026-11-23T09:20:00.000Z' }],
    checklistEdits: [],
    trail: review.trail,
    expectedCounts: review.run.result.counts,
    includeInputs: true,
    signing: { kind: 'unsigned' },
    ...changes,
  };
}

describe('exporting a review as an evidence pack (the app path)', () => {
  it('re-performs the run from the bytes kept at import, with the review\'s fixes, and the pack verifies', async () => {
    const review = await importedReview();
    const folder = join(await tempDir(), 'Salesforce 2026-Q4');
    const exported = await review.handlers.exportPack(validated(await exportRequest(review, folder)));
    expect(exported.ok ? exported.value : exported.error).toMatchObject({ folder, zip: `${folder}.zip`, rows: review.run.result.rows.length, signer: null });
    // Reading is reported in bytes of the three kept inputs, each small enough to be read in one batch.
    const [users, assignments, accounts] = await Promise.all(FILES.map(async ({ file }) => (await stat(join(SCENARIO, file))).size));
    const total = users! + assignments! + accounts!;
    expect(review.events.filter((event) => (event.payload as { taskId: string }).taskId === 'export-1').map(({ payload }) => `${payload.phase} ${payload.done}/${payload.total}`)).toEqual([
      `read 0/${total}`,
      `read ${users}/${total}`,
      `read ${users! + assignments!}/${total}`,
      `read ${total}/${total}`,
      'sort 0/13',
      'sort 7/13',
      'sort 13/13',
      'match 6/6',
      'classify 6/6',
      'write 0/3',
      'write 1/3',
      'write 2/3',
      'write 3/3',
    ]);

    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.links).toEqual([link]);
    expect(manifest.review).toMatchObject({ name: 'Salesforce 2026-Q4', reviewer: who });
    expect((await readdir(join(folder, 'inputs'))).toSorted()).toEqual(['assignments.csv', 'entra-users.json', 'salesforce-users.csv']);
    expect(await readFile(join(folder, 'inputs/salesforce-users.csv'))).toEqual(await readFile(join(SCENARIO, 'salesforce-users.csv')));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, 'evidence.xlsx'));
    const column = (sheet: string, index: number) => workbook.getWorksheet(sheet)!.getColumn(index).values.slice(2).map(String);
    expect(column('Decisions', 1)).toEqual(['account:0058d00000AAAA6AAA']);
    expect(column('Correlation fixes', 1)).toEqual(['0058d00000AAAA5AAA']);
    expect(column('Audit trail', 4)).toEqual(['import', 'correlation']);
    expect(column('Remediation', 1)).toContain('Disable the account');
    const summary = Object.fromEntries(workbook.getWorksheet('Summary')!.getSheetValues().slice(1).map((row) => [String((row as unknown[])[1]), (row as unknown[])[2]]));
    expect(summary).toMatchObject({ Review: 'Salesforce 2026-Q4', 'Reviewer and role': 'Alex Auditor, IT auditor', 'Audit trail': expect.stringMatching(/^intact: 2 entries/) });
    expect(summary['salesforce-users.csv: rows imported in the app = records read for the pack']).toBe('6 = 6: holds');

    // The app's Verify screen: the same checks as `recondesk verify`, re-performance with the link included.
    for (const [kind, path] of [['folder', folder], ['zip', `${folder}.zip`]] as const) {
      review.nextChoices.push([path]);
      const chosen = await review.handlers.chooseEvidence({ kind });
      const verified = await review.handlers.verifyEvidence({ token: chosen.ok && chosen.value ? chosen.value.token : '', verifyId: 'verify-1' });
      // Unsigned: the signature check fails first, and says so.
      expect(verified.ok && verified.value.checks[0]).toMatchObject({ check: 'manifest.json.p7s', ok: false, detail: expect.stringContaining('unsigned') });
    }
  });

  it('signs with a stored signing identity, and the pack verifies whole, re-performance included', async () => {
    const review = await importedReview();
    const identity = await review.handlers.createSigningIdentity({ name: 'Alex Auditor', email: 'alex@contoso.com', organisation: 'Contoso', passphrase: 'correct horse battery' });
    if (!identity.ok) throw new Error(identity.error.message);
    const folder = join(await tempDir(), 'signed');
    const wrong = await review.handlers.exportPack(validated(await exportRequest(review, folder, { signing: { kind: 'identity', id: identity.value.id, passphrase: 'wrong' } })));
    expect(wrong.ok ? 'ok' : wrong.error.message).toMatch(/^cannot sign with that identity/);

    const exported = await review.handlers.exportPack(validated(await exportRequest(review, folder, { signing: { kind: 'identity', id: identity.value.id, passphrase: 'correct horse battery' } })));
    expect(exported.ok && exported.value.signer).toEqual({ subject: expect.stringContaining('Alex Auditor'), fingerprint: identity.value.fingerprint });
    review.nextChoices.push([`${folder}.zip`]);
    const chosen = await review.handlers.chooseEvidence({ kind: 'zip' });
    const verified = await review.handlers.verifyEvidence({ token: chosen.ok && chosen.value ? chosen.value.token : '', verifyId: 'verify-1' });
    expect(verified.ok && verified.value).toMatchObject({ ok: true, review: { name: 'Salesforce 2026-Q4' } });
    expect(verified.ok && verified.value.checks.map((check) => check.check)).toEqual(['manifest.json.p7s', 'SHA256SUMS', 'files', 're-performance']);

    // The review's link is in the signed manifest, so a verifier re-applies it: without it the counts differ (next test).
    expect(JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')).links).toHaveLength(1);
  });

  it('refuses a pack whose re-performed counts are not the review\'s last run, and writes nothing', async () => {
    const review = await importedReview();
    const parent = await tempDir();
    // Settings changed since the run (stale after 10 days, not 90): the run being exported is not what they give.
    const request = await exportRequest(review, join(parent, 'stale'), { settings: { ...settings, staleDays: 10 } });
    const refused = await review.handlers.exportPack(validated(request));
    expect(refused.ok ? 'ok' : refused.error.message).toMatch(/other counts than the review's last run: run the reconciliation again/);
    expect(await readdir(parent)).toEqual([]);
  });

  it('stops when cancelled and leaves nothing behind; a cancel for an export not running is ignored', async () => {
    const review = await importedReview();
    const parent = await tempDir();
    // A cancel while nothing runs is ignored: it does not stop the next export of that id.
    expect(await review.handlers.cancelExport({ exportId: 'export-1' })).toEqual({ ok: true, value: null });
    const written = await review.handlers.exportPack(validated(await exportRequest(review, join(parent, 'written'))));
    expect(written.ok && written.value.folder).toBe(join(parent, 'written'));

    const running = review.handlers.exportPack(validated(await exportRequest(review, join(parent, 'cancelled'))));
    await review.handlers.cancelExport({ exportId: 'export-1' });
    const cancelled = await running;
    expect(cancelled.ok ? 'ok' : cancelled.error).toMatchObject({ code: 'CANCELLED', message: 'the export was cancelled; nothing was written' });
    expect((await readdir(parent)).toSorted()).toEqual(['written', 'written.zip']);
  });

  it('names an input this machine holds no copy of', async () => {
    const review = await importedReview();
    const parent = await tempDir();
    const inputs = review.inputs.map((input) => (input.role === 'target' ? { ...input, sha256: 'f'.repeat(64) } : input));
    const refused = await review.handlers.exportPack(validated(await exportRequest(review, join(parent, 'missing'), { inputs })));
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({ code: 'FILE_UNREADABLE', file: 'salesforce-users.csv', message: expect.stringContaining('holds no copy') });
    expect(await readdir(parent)).toEqual([]);
  });

  it('on a machine without the copies (a restored workspace), lists the missing inputs and takes a located file only if its bytes match', async () => {
    const review = await importedReview();
    const elsewhere = handlersForTest();
    const refs = review.inputs.map(({ sha256: hash, fileName }) => ({ sha256: hash, fileName }));
    expect(await elsewhere.handlers.missingInputs({ inputs: refs })).toEqual({ ok: true, value: ['entra-users.json', 'assignments.csv', 'salesforce-users.csv'] });
    const target = refs[2]!;
    const wrong = await elsewhere.handlers.keepInput({ ...target, token: await elsewhere.choose(join(SCENARIO, 'assignments.csv')) });
    expect(wrong.ok ? 'ok' : wrong.error.message).toMatch(/^not the file that was imported as salesforce-users\.csv: its SHA-256 is [0-9a-f]{64}, the import's/);
    expect(await elsewhere.handlers.keepInput({ ...target, token: await elsewhere.choose(join(SCENARIO, 'salesforce-users.csv')) })).toEqual({ ok: true, value: null });
    expect(await elsewhere.handlers.missingInputs({ inputs: refs })).toEqual({ ok: true, value: ['entra-users.json', 'assignments.csv'] });
  });

  it('never replaces an existing folder', async () => {
    const review = await importedReview();
    const parent = await tempDir();
    await writeFile(join(parent, 'taken.zip'), 'mine');
    const refused = await review.handlers.exportPack(validated(await exportRequest(review, join(parent, 'taken'))));
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({ file: 'taken.zip', message: expect.stringContaining('never replaces') });
    expect(await readFile(join(parent, 'taken.zip'), 'utf8')).toBe('mine');
  });
});

// The app's runner: a worker thread. Here it runs the TypeScript entry through tsx; the browser tests run the built one.
const inWorkerThread = inWorker(new URL('../../support/evidence-worker-from-source.mjs', import.meta.url), { env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' } });

// Terminating a thread while it creates a zlib stream aborts the whole process (Node's "close before init"): a
// cancelled worker must stop itself.
const terminations = () => vi.spyOn(Worker.prototype, 'terminate');
afterEach(() => void vi.restoreAllMocks());

/** An export in a worker thread, once the worker has reported that it started (the import's progress came before). */
async function exportUnderWay() {
  const review = await importedReview({ evidenceRunner: inWorkerThread });
  const parent = await tempDir();
  const running = review.handlers.exportPack(validated(await exportRequest(review, join(parent, 'pack'))));
  while (!review.events.some(({ payload }) => payload.taskId === 'export-1')) await new Promise((resolve) => setTimeout(resolve, 5));
  return { review, parent, running };
}

describe('exporting in a worker thread, as the app does', () => {
  it('writes the same pack as this thread does, with its progress relayed', async () => {
    const here = await importedReview();
    const there = await importedReview({ evidenceRunner: inWorkerThread });
    const parent = await tempDir();
    const mine = await here.handlers.exportPack(validated(await exportRequest(here, join(parent, 'here'))));
    const theirs = await there.handlers.exportPack(validated(await exportRequest(there, join(parent, 'there'))));
    expect(theirs.ok && theirs.value.runId).toBe(mine.ok && mine.value.runId);
    expect(await readFile(join(parent, 'there/findings.csv'), 'utf8')).toBe(await readFile(join(parent, 'here/findings.csv'), 'utf8'));
    expect(there.events.map(({ payload }) => payload.phase)).toContain('classify');
    const files = async (folder: string) => JSON.parse(await readFile(join(parent, folder, 'manifest.json'), 'utf8')).files.map((file: { path: string; sha256: string }) => [file.path, file.path === 'evidence.xlsx' ? 'dated at its export' : file.sha256]);
    expect(await files('there')).toEqual(await files('here'));
  });

  it('stops the worker when cancelled, without terminating it, and leaves nothing behind', async () => {
    const terminate = terminations();
    const { review, parent, running } = await exportUnderWay();
    await review.handlers.cancelExport({ exportId: 'export-1' });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await readdir(parent)).toEqual([]);
    expect(terminate).not.toHaveBeenCalled();
  });

  it('stops a running export when the app quits, and resolves once its staging folder is gone', async () => {
    const terminate = terminations();
    const { review, parent, running } = await exportUnderWay();
    // The hidden staging folder, and nothing else yet.
    expect(await readdir(parent)).toEqual([expect.stringMatching(/^\.recondesk-export-/)]);
    await review.handlers.stopRunningWork();
    expect(await readdir(parent)).toEqual([]);
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(terminate).not.toHaveBeenCalled();
  });

  it('terminates a worker that does not stop by itself, as a last resort', async () => {
    const terminate = terminations();
    const stuck = inWorker(new URL('../../support/stuck-evidence-worker.mjs', import.meta.url), { forcedStopMs: 100 });
    const control = new AbortController();
    const reports: string[] = [];
    const running = stuck.verify('no pack', (phase) => reports.push(phase), control.signal);
    while (reports.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    control.abort();
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(terminate).toHaveBeenCalledOnce();
  });

  it('relays progress until main raises the stop flag, then unwinds the job at the next report', () => {
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const posted: WorkerMessage[] = [];
    const report = relayProgress(stop, (message) => posted.push(message));
    report('match', 50_000, 100_000);
    Atomics.store(stop, 0, 1);
    expect(() => report('match', 100_000, 100_000)).toThrow(Cancelled);
    expect(posted).toEqual([{ kind: 'progress', phase: 'match', done: 50_000, total: 100_000 }]);
  });
});

describe('verifying in a worker thread, as the app does', () => {
  it('runs every check with progress, and a cancel stops it with nothing reported as verified', async () => {
    const terminate = terminations();
    const review = await importedReview({ evidenceRunner: inWorkerThread });
    const identity = await review.handlers.createSigningIdentity({ name: 'Alex Auditor', email: 'alex@contoso.com', organisation: 'Contoso', passphrase: 'correct horse battery' });
    if (!identity.ok) throw new Error(identity.error.message);
    const folder = join(await tempDir(), 'signed');
    const signing = { kind: 'identity', id: identity.value.id, passphrase: 'correct horse battery' } as const;
    const exported = await review.handlers.exportPack(validated(await exportRequest(review, folder, { signing })));
    expect(exported.ok).toBe(true);

    const verify = async (verifyId: string) => {
      review.nextChoices.push([`${folder}.zip`]);
      const chosen = await review.handlers.chooseEvidence({ kind: 'zip' });
      return review.handlers.verifyEvidence({ token: chosen.ok && chosen.value ? chosen.value.token : '', verifyId });
    };
    const verified = await verify('verify-whole');
    expect(verified.ok && verified.value.checks.map((check) => [check.check, check.ok])).toEqual([
      ['manifest.json.p7s', true],
      ['SHA256SUMS', true],
      ['files', true],
      ['re-performance', true],
    ]);
    const phases = new Set(review.events.filter(({ payload }) => payload.taskId === 'verify-whole').map(({ payload }) => payload.phase));
    expect([...phases]).toEqual(['read', 'parse', 'sort', 'match', 'classify']);
    // Every file hashed before re-performance starts: the read phase ends at its total.
    const reads = review.events.filter(({ payload }) => payload.taskId === 'verify-whole' && payload.phase === 'read').map(({ payload }) => payload);
    expect(reads.at(-1)).toMatchObject({ done: reads.at(-1)?.total });
    expect(reads.at(-1)?.done).toBeGreaterThan(0);

    const running = verify('verify-cancelled');
    while (!review.events.some(({ payload }) => payload.taskId === 'verify-cancelled')) await new Promise((resolve) => setTimeout(resolve, 5));
    await review.handlers.cancelVerify({ verifyId: 'verify-cancelled' });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(terminate).not.toHaveBeenCalled();
    // A worker thread compiling the sources through tsx, a signed export and two verifications: seconds on a
    // busy machine, past the default 5 s.
  }, 30_000);
});

/** The request as it crosses the process boundary: JSON, then the contract's validator, as main receives it. */
function validated(request: ExportPackRequest): ExportPackRequest {
  const checked = requestValidators.exportPack(JSON.parse(JSON.stringify(request)));
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.value;
}
