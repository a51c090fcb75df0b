import type { ExportPackRequest, ExportSigning } from '@core/api/export-request';
import { fail, ok, type Result } from '@core/model/result';
import type { Reviewer } from '@core/review/audit-trail';
import type { Review } from '@core/review/review';
import type { RunRecord, SourceRecord, Workspace } from './workspace';

/** The committed sources a run read, each with its hash; fails when one is gone from the workspace. */
export async function sourcesOf(workspace: Workspace, run: RunRecord): Promise<Result<SourceRecord[], string>> {
  const sources = await workspace.sources.bulkGet([...run.sourceIds]);
  const found = sources.filter((source): source is SourceRecord => source?.sha256 !== undefined);
  return found.length === sources.length ? ok(found) : fail('a source of this run is no longer in the workspace: run the reconciliation again');
}

export interface ExportChoices {
  readonly exportId: string;
  readonly destination: string;
  readonly includeInputs: boolean;
  readonly signing: ExportSigning;
}

/**
 * What main needs to write the pack of a review's run: the run's inputs by hash (main kept their bytes), how the
 * target was read, the run's settings, scope and correlation fixes, and what only the review holds: decisions,
 * checklist edits and the audit trail. The run's counts go along: main's re-performance must give the same.
 */
export async function exportRequestOf(workspace: Workspace, review: Review, reviewer: Reviewer, run: RunRecord, choices: ExportChoices): Promise<Result<ExportPackRequest, string>> {
  const sources = await sourcesOf(workspace, run);
  if (!sources.ok) return sources;
  const inputs = sources.value.map((source) => ({ role: source.kind === 'target' ? ('target' as const) : ('entra' as const), sha256: source.sha256!, fileName: source.fileName, rows: source.rowCount }));
  const target = sources.value.find((source) => source.kind === 'target');
  if (target === undefined) return fail('the run has no target dump');
  const stored = await workspace.reviewSettings();
  return ok({
    ...choices,
    review: { name: review.name, application: review.application, period: review.period, owner: review.owner, reviewer },
    inputs,
    reading: { profileId: target.profileId, mapping: target.mapping ?? {}, dateOrder: target.dateOrder },
    settings: run.settings,
    scope: stored?.scope ?? null,
    links: await workspace.links.toArray(),
    decisions: await workspace.decisions.toArray(),
    checklistEdits: await workspace.checklist.toArray(),
    trail: await workspace.auditTrail.orderBy('seq').toArray(),
    expectedCounts: run.counts,
  });
}
