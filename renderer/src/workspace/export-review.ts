import type { ExportPackRequest, ExportSigning } from '@core/api/export-request';
import { fail, ok, type Result } from '@core/model/result';
import type { Reviewer } from '@core/review/audit-trail';
import type { Review } from '@core/review/review';
import type { RunRecord, Workspace } from './workspace';

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
  const sources = await workspace.sources.bulkGet([...run.sourceIds]);
  const inputs = [];
  let target;
  for (const source of sources) {
    if (source?.sha256 === undefined) return fail('a source of this run is no longer in the workspace: run the reconciliation again');
    inputs.push({ role: source.kind === 'target' ? ('target' as const) : ('entra' as const), sha256: source.sha256, fileName: source.fileName, rows: source.rowCount });
    if (source.kind === 'target') target = source;
  }
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
