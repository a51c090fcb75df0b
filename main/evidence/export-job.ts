import { createHash } from 'node:crypto';
import type { ApiResult, ProgressPhase } from '@core/api/contract';
import type { ExportPackRequest } from '@core/api/export-request';
import { canonicalJson } from '@core/canonical-json';
import { describeIssue } from '@core/model/import-issue';
import { fail, ok } from '@core/model/result';
import { verifyChain } from '@core/review/audit-trail';
import { buildChecklist } from '@core/review/checklist';
import { performAudit, type AuditRequest } from '../cli/audit';
import { ImportFailure } from '../files/import-failure';
import { writePack } from './pack';
import { inputBytesProgress } from './read-progress';
import type { Signer } from './signer';

/**
 * One export's work after main has checked the destination, found the kept inputs and unlocked the key: plain
 * data only, so it can be handed to a worker thread (which is where the app runs it; main stays responsive).
 */
export interface ExportJob {
  readonly out: string;
  readonly audit: AuditRequest;
  readonly request: Pick<ExportPackRequest, 'review' | 'inputs' | 'decisions' | 'checklistEdits' | 'trail' | 'expectedCounts' | 'includeInputs'>;
  readonly signer: Signer | undefined;
  readonly exportedAt: string;
}

export interface ExportJobDone {
  readonly zip: string;
  readonly runId: string;
  readonly files: number;
  readonly rows: number;
  readonly signer: { readonly subject: string; readonly fingerprint: string } | null;
}

/** An evidence job's progress: the phase, and how far into it. */
export type JobProgress = (phase: ProgressPhase, done: number, total: number) => void;

// The write phase's steps, as the pack reports them: findings.csv, the workbook, then manifest, signature and zip.
const WRITE_STEPS = 3;
const nodeSha256 = async (text: string): Promise<string> => createHash('sha256').update(text).digest('hex');
const byRowKey = (a: { rowKey: string }, b: { rowKey: string }): number => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0);

/**
 * Re-performs the run from the kept inputs with the review's settings, scope and fixes, refuses when it does not
 * give the counts of the app's last run, and writes the pack into `out` (the caller moves it into place).
 * Progress: the inputs' bytes read, accounts matched and classified, each part of the pack written.
 */
export async function runExportJob(job: ExportJob, progress: JobProgress): Promise<ApiResult<ExportJobDone>> {
  try {
    return await exportPack(job, progress);
  } catch (error) {
    if (error instanceof ImportFailure) return fail({ ...error.issue, message: `re-performing the run from the kept inputs: ${describeIssue(error.issue)}` });
    throw error;
  }
}

async function exportPack(job: ExportJob, progress: JobProgress): Promise<ApiResult<ExportJobDone>> {
  const { request } = job;
  const onRead = await inputBytesProgress([...job.audit.entra, job.audit.target], 'read', progress);
  const outcome = await performAudit(job.audit, undefined, progress, onRead);
  if (canonicalJson(outcome.result.counts) !== canonicalJson(request.expectedCounts)) {
    return fail({
      code: 'BAD_REQUEST',
      message: 'the kept inputs, settings and correlation fixes give other counts than the review\'s last run: run the reconciliation again, then export',
    });
  }
  const decisions = new Map(request.decisions.map((decision) => [decision.rowKey, decision]));
  const edits = new Map(request.checklistEdits.map((edit) => [edit.key, edit]));
  const checklist = buildChecklist(outcome.result.rows, decisions, edits, { asOf: outcome.result.asOf, settings: outcome.result.settings });
  const trail = request.trail.toSorted((a, b) => a.seq - b.seq);
  const review = {
    record: request.review,
    decisions: request.decisions.toSorted(byRowKey),
    checklist,
    trail,
    chain: await verifyChain(trail, nodeSha256),
    importedRows: Object.fromEntries(request.inputs.map((input) => [input.sha256, input.rows])),
  };

  let written = 0;
  progress('write', 0, WRITE_STEPS);
  const pack = await writePack({
    out: job.out,
    request: job.audit,
    outcome,
    includeInputs: request.includeInputs,
    exportedAt: job.exportedAt,
    signer: job.signer,
    review,
    onStep: () => progress('write', (written += 1), WRITE_STEPS),
  });
  progress('write', WRITE_STEPS, WRITE_STEPS);
  return ok({ zip: pack.zip, runId: pack.manifest.runId, files: pack.manifest.files.length, rows: outcome.result.rows.length, signer: pack.manifest.signer });
}
