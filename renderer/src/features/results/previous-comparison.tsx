import { useEffect, useState } from 'react';
import { compareFindings, findingsByRow, previousReview, type FindingComparison, type Review } from '@core/review/review';
import { useCatalogue } from '../../workspace/catalogue-context';
import type { Catalogue } from '../../workspace/catalogue';
import type { RunRecord, Workspace } from '../../workspace/workspace';

type Comparison = { readonly state: 'none' } | { readonly state: 'no-run'; readonly previous: Review } | { readonly state: 'done'; readonly previous: Review; readonly counts: FindingComparison };

/** The run's findings against the latest run of the previous review of the same application. */
export function PreviousComparison({ workspace, review, run }: { readonly workspace: Workspace; readonly review: Review; readonly run: RunRecord }) {
  const catalogue = useCatalogue();
  const [comparison, setComparison] = useState<Comparison | undefined>();
  useEffect(() => {
    let live = true;
    void compareWithPrevious(catalogue, review, workspace, run.id).then((found) => live && setComparison(found));
    return () => {
      live = false;
    };
  }, [catalogue, workspace, review, run.id]);

  if (!comparison || comparison.state === 'none') return null;
  const name = `${comparison.previous.name} (${comparison.previous.period})`;
  if (comparison.state === 'no-run') return <p className="hint">The previous review, {name}, has no run to compare with.</p>;
  const { counts } = comparison;
  return (
    <p className="comparison" data-testid="previous-comparison">
      Against {name}: <strong>{counts.new.toLocaleString('en-US')}</strong> new, <strong>{counts.resolved.toLocaleString('en-US')}</strong> resolved and{' '}
      <strong>{counts.persisting.toLocaleString('en-US')}</strong> persisting findings.
    </p>
  );
}

async function compareWithPrevious(catalogue: Catalogue, review: Review, workspace: Workspace, runId: string): Promise<Comparison> {
  const previous = previousReview(await catalogue.reviews.toArray(), review);
  if (!previous) return { state: 'none' };
  const before = catalogue.workspaceOf(previous);
  try {
    const previousRun = await before.latestRun();
    if (!previousRun) return { state: 'no-run', previous };
    return { state: 'done', previous, counts: compareFindings(findingsByRow(await before.rowsOf(previousRun.id)), findingsByRow(await workspace.rowsOf(runId))) };
  } finally {
    before.close();
  }
}
