import type { Api } from '@core/api/contract';
import { describeIssue } from '@core/model/import-issue';
import type { Review } from '@core/review/review';
import type { Catalogue } from './catalogue';
import { importSources } from './import-source';

/** The bundled sample's review: a quarter of a small Contoso tenant's Salesforce access. */
export const SAMPLE_REVIEW = { name: 'Sample: Contoso Salesforce access review', application: 'Salesforce', period: '2026-Q4', owner: 'Sample application owner', asOf: '2026-11-22' } as const;
// The sample's data was extracted on its as-of day; the files' own timestamps are the installation's.
const SAMPLE_EXTRACTED_AT = '2026-11-22T00:00:00.000Z';

type SampleApi = Pick<Api, 'sampleSources' | 'startImport' | 'nextBatch' | 'cancelImport'>;

/**
 * Creates the sample review and imports the bundled files through the normal import path; the caller runs the
 * reconciliation. A failure removes the half-made review, so the workspace is as it was.
 */
export async function createSampleReview(api: SampleApi, catalogue: Catalogue, now: Date): Promise<Review> {
  const files = await api.sampleSources({});
  if (!files.ok) throw new Error(describeIssue(files.error));
  const review = await catalogue.createReview(SAMPLE_REVIEW, now);
  const workspace = catalogue.workspaceOf(review);
  try {
    for (const file of files.value) {
      const choice = { kind: file.kind, extractedAt: SAMPLE_EXTRACTED_AT, ...(file.kind === 'target' ? { profileId: file.profileId, mapping: {}, application: SAMPLE_REVIEW.application } : {}) };
      const imported = await importSources(api, workspace, [{ token: file.token, choice }]);
      if (!imported.ok) throw new Error(`the sample did not import: ${describeIssue(imported.error)}`);
    }
    return review;
  } catch (error) {
    await workspace.delete();
    await catalogue.reviews.delete(review.id);
    throw error;
  } finally {
    workspace.close();
  }
}
