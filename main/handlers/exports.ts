import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ApiResult, ProgressPhase } from '@core/api/contract';
import type { ExportedPack, ExportPackRequest } from '@core/api/export-request';
import { canonicalJson } from '@core/canonical-json';
import { describeIssue, type ImportIssue } from '@core/model/import-issue';
import { fail, ok } from '@core/model/result';
import { verifyChain } from '@core/review/audit-trail';
import { buildChecklist } from '@core/review/checklist';
import { performAudit } from '../cli/audit';
import type { SigningIdentities } from '../evidence/identity-store';
import { writePack } from '../evidence/pack';
import { packZipPath } from '../evidence/pack-zip';
import type { Signer } from '../evidence/signer';
import { ImportFailure } from '../files/import-failure';
import type { InputStore } from '../files/input-store';

export type ExportProgress = (exportId: string, phase: ProgressPhase, done: number, total: number) => void;

const STEPS = 3;
const nodeSha256 = async (text: string): Promise<string> => createHash('sha256').update(text).digest('hex');

class Cancelled extends Error {}

/**
 * Evidence packs of the app's reviews. Main re-performs the run from the bytes it kept at import, with the
 * review's settings, scope and correlation fixes, so the pack's findings.csv is exactly what `recondesk verify`
 * re-performs; the run must give the counts of the app's own last run, or the pack is refused. The pack is
 * written in a hidden folder beside the destination and moved into place whole: a failed or cancelled export
 * leaves nothing that looks like a pack. Cancelling takes effect between the steps (reading, reconciling, writing).
 */
export class Exports {
  readonly #running = new Set<string>();
  readonly #cancelled = new Set<string>();

  constructor(
    private readonly inputs: InputStore,
    private readonly identities: SigningIdentities,
    private readonly progress: ExportProgress,
  ) {}

  /** Asks a running export to stop; an id that is not running (finished, or never started) is ignored. */
  cancel(exportId: string): void {
    if (this.#running.has(exportId)) this.#cancelled.add(exportId);
  }

  async export(request: ExportPackRequest, destination: string, now: Date): Promise<ApiResult<ExportedPack>> {
    const { exportId } = request;
    const staging = join(dirname(destination), `.recondesk-export-${randomUUID()}`);
    const step = (done: number, phase: ProgressPhase): void => {
      if (this.#cancelled.has(exportId)) throw new Cancelled();
      this.progress(exportId, phase, done, STEPS);
    };
    this.#running.add(exportId);
    try {
      const taken = await this.#destinationProblem(destination);
      if (taken) return fail(taken);
      const paths = await this.#keptInputs(request);
      if (!Array.isArray(paths)) return fail(paths);
      const signer = await this.#signer(request);
      if (signer !== undefined && 'code' in signer) return fail(signer);

      step(0, 'read');
      const auditRequest = {
        entra: paths.filter((_, index) => request.inputs[index]!.role === 'entra'),
        target: paths[request.inputs.findIndex((input) => input.role === 'target')]!,
        reading: request.reading,
        settings: request.settings,
        scope: request.scope ?? undefined,
        links: request.links,
      };
      const outcome = await performAudit(auditRequest);
      step(1, 'match');
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
      const review = { record: request.review, decisions: request.decisions.toSorted((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0)), checklist, trail, chain: await verifyChain(trail, nodeSha256), importedRows: Object.fromEntries(request.inputs.map((input) => [input.sha256, input.rows])) };

      step(2, 'write');
      const out = join(staging, basename(destination));
      await mkdir(staging, { recursive: true });
      const exportedAt = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
      const pack = await writePack({ out, request: auditRequest, outcome, includeInputs: request.includeInputs, exportedAt, signer, review });
      step(3, 'write');
      await rename(out, destination);
      await rename(pack.zip, packZipPath(destination));
      return ok({
        folder: destination,
        zip: packZipPath(destination),
        runId: pack.manifest.runId,
        files: pack.manifest.files.length,
        rows: outcome.result.rows.length,
        signer: pack.manifest.signer,
      });
    } catch (error) {
      if (error instanceof Cancelled) return fail({ code: 'CANCELLED', message: 'the export was cancelled; nothing was written' });
      if (error instanceof ImportFailure) return fail({ ...error.issue, message: `re-performing the run from the kept inputs: ${describeIssue(error.issue)}` });
      throw error;
    } finally {
      this.#running.delete(exportId);
      this.#cancelled.delete(exportId);
      await rm(staging, { recursive: true, force: true });
    }
  }

  async #destinationProblem(destination: string): Promise<ImportIssue | undefined> {
    for (const path of [destination, packZipPath(destination)]) {
      if (await stat(path).then(() => true, () => false)) {
        return { code: 'BAD_REQUEST', file: basename(path), message: 'already exists: an evidence pack is written to a new folder and never replaces anything' };
      }
    }
    return undefined;
  }

  /** The kept copy of every input, in the request's order; the first one this machine does not hold is named. */
  async #keptInputs(request: ExportPackRequest): Promise<string[] | ImportIssue> {
    const paths: string[] = [];
    for (const input of request.inputs) {
      const path = await this.inputs.find(input.sha256, input.fileName);
      if (path === undefined) {
        return { code: 'FILE_UNREADABLE', file: input.fileName, message: 'this machine holds no copy of the imported file (was the workspace restored from a backup?): import it again, run, then export' };
      }
      paths.push(path);
    }
    return paths;
  }

  async #signer(request: ExportPackRequest): Promise<Signer | ImportIssue | undefined> {
    const { signing } = request;
    if (signing.kind === 'unsigned') return undefined;
    try {
      return await this.identities.signer(signing.id, signing.passphrase);
    } catch (error) {
      return { code: 'BAD_REQUEST', message: `cannot sign with that identity: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
