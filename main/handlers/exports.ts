import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ApiResult, ProgressPhase } from '@core/api/contract';
import type { ExportedPack, ExportPackRequest } from '@core/api/export-request';
import type { ImportIssue } from '@core/model/import-issue';
import { fail, ok } from '@core/model/result';
import type { ExportJob } from '../evidence/export-job';
import { cancelled, inThisThread, type EvidenceRunner } from '../evidence/evidence-runner';
import type { SigningIdentities } from '../evidence/identity-store';
import { packZipPath } from '../evidence/pack-zip';
import type { Signer } from '../evidence/signer';
import type { InputStore } from '../files/input-store';
import { RunningWork } from './running-work';

export type ExportProgress = (exportId: string, phase: ProgressPhase, done: number, total: number) => void;

/**
 * Evidence packs of the app's reviews. Main re-performs the run from the bytes it kept at import, with the
 * review's settings, scope and correlation fixes, so the pack's findings.csv is exactly what `recondesk verify`
 * re-performs; the run must give the counts of the app's own last run, or the pack is refused. The pack is
 * written in a hidden folder beside the destination and moved into place whole: a failed or cancelled export
 * leaves nothing that looks like a pack. The work itself is the runner's (a worker thread in the app).
 */
export class Exports {
  readonly #running = new RunningWork();

  constructor(
    private readonly inputs: InputStore,
    private readonly identities: SigningIdentities,
    private readonly progress: ExportProgress,
    private readonly runner: EvidenceRunner = inThisThread,
  ) {}

  /** Asks a running export to stop; an id that is not running (finished, or never started) is ignored. */
  cancel(exportId: string): void {
    this.#running.cancel(exportId);
  }

  /** Cancels every export under way and resolves once each has removed its staging folder. */
  stopAll(): Promise<void> {
    return this.#running.stopAll();
  }

  async export(request: ExportPackRequest, destination: string, now: Date): Promise<ApiResult<ExportedPack>> {
    return this.#running.run(request.exportId, (signal) => this.#export(request, destination, now, signal));
  }

  async #export(request: ExportPackRequest, destination: string, now: Date, signal: AbortSignal): Promise<ApiResult<ExportedPack>> {
    const staging = join(dirname(destination), `.recondesk-export-${randomUUID()}`);
    try {
      const taken = await this.#destinationProblem(destination);
      if (taken) return fail(taken);
      const paths = await this.#keptInputs(request);
      if (!Array.isArray(paths)) return fail(paths);
      const signer = await this.#signer(request);
      if (signer !== undefined && 'code' in signer) return fail(signer);

      const audit = {
        entra: paths.filter((_, index) => request.inputs[index]!.role === 'entra'),
        target: paths[request.inputs.findIndex((input) => input.role === 'target')]!,
        reading: request.reading,
        settings: request.settings,
        scope: request.scope ?? undefined,
        links: request.links,
      };
      const out = join(staging, basename(destination));
      await mkdir(staging, { recursive: true });
      const exportedAt = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
      const done = await this.runner.exportPack(
        { out, audit, request: pickJobFields(request), signer, exportedAt },
        (phase, step, total) => this.progress(request.exportId, phase, step, total),
        signal,
      );
      if (!done.ok) return done;
      // A cancel that came after the last byte was written still means the user does not want the pack.
      if (signal.aborted) return cancelled('export');
      await rename(out, destination);
      await rename(done.value.zip, packZipPath(destination));
      const { runId, files, rows } = done.value;
      return ok({ folder: destination, zip: packZipPath(destination), runId, files, rows, signer: done.value.signer });
    } finally {
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

/** What the job needs of the request: not its signing choice, whose passphrase main has used already. */
function pickJobFields(request: ExportPackRequest): ExportJob['request'] {
  const { review, inputs, decisions, checklistEdits, trail, expectedCounts, includeInputs } = request;
  return { review, inputs, decisions, checklistEdits, trail, expectedCounts, includeInputs };
}
