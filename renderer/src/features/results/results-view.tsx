import { useState } from 'react';
import { FINDING_CODES, SEVERITIES, SITUATIONS, type FindingCode, type Severity, type Situation } from '@core/model/reconciliation';
import type { Reviewer } from '@core/review/audit-trail';
import type { Review } from '@core/review/review';
import type { RunRecord, Workspace } from '../../workspace/workspace';
import { FindingsView, FIRST_TABLE_VIEW, NO_FACETS, type Facets, type TableView } from '../findings/findings-view';
import { BarChart } from './bar-chart';
import { PreviousComparison } from './previous-comparison';

interface Props {
  readonly workspace: Workspace;
  readonly review: Review;
  readonly run: RunRecord;
  readonly isCurrent: boolean;
  readonly reviewer: Reviewer | undefined;
}

/** A chart's bar shows only its value; pressing it again shows everything. */
function only<T>(current: ReadonlySet<T>, value: T): ReadonlySet<T> {
  return current.size === 1 && current.has(value) ? new Set() : new Set([value]);
}

/** The dashboard of a run (populations, charts that filter the table, the previous review) above its findings table. */
export function ResultsView({ workspace, review, run, isCurrent, reviewer }: Props) {
  const { counts, population } = run;
  const [facets, setFacets] = useState<Facets>(NO_FACETS);
  const [tableView, setTableView] = useState<TableView>(FIRST_TABLE_VIEW);
  return (
    <section className="results" aria-label="Reconciliation">
      <p className="run-facts">
        As of <strong data-testid="run-as-of">{run.asOf.slice(0, 10)}</strong> · stale after {run.settings.staleDays} days · engine {run.engineVersion}
        {!isCurrent && <span className="warning"> · the sources changed since this run: run it again</span>}
      </p>
      <ul className="counts" aria-label="Population">
        <li>
          <span className="count" data-testid="count-identities">{population.identities.toLocaleString('en-US')}</span> identities
        </li>
        <li>
          <span className="count" data-testid="count-accounts">{population.accounts.toLocaleString('en-US')}</span> accounts
        </li>
        <li>
          <span className="count" data-testid="count-in-scope">{(population.inScope ?? population.identities).toLocaleString('en-US')}</span> identities in scope
          {population.inScope === undefined && <span className="hint"> (no scoping filter)</span>}
        </li>
        <li>
          <span className="count" data-testid="count-active">{population.activeAccounts.toLocaleString('en-US')}</span> active accounts
        </li>
      </ul>
      <PreviousComparison workspace={workspace} review={review} run={run} />
      <div className="charts">
        <BarChart<Situation>
          title="Situations"
          testId="count"
          bars={SITUATIONS.map((situation) => ({ key: situation, label: situation.toLowerCase(), count: counts.situations[situation], tone: `situation-${situation.toLowerCase()}` }))}
          selected={facets.situations}
          onToggle={(situation) => setFacets({ ...NO_FACETS, situations: only(facets.situations, situation) })}
        />
        <BarChart<Severity>
          title="Severities"
          testId="severity"
          bars={SEVERITIES.toReversed().map((severity) => ({ key: severity, label: severity, count: counts.severities[severity], tone: `severity-${severity}` }))}
          selected={facets.severities as ReadonlySet<Severity>}
          onToggle={(severity) => setFacets({ ...NO_FACETS, severities: only(facets.severities, severity) })}
        />
        <BarChart<FindingCode>
          title="Findings"
          testId="finding"
          bars={FINDING_CODES.filter((code) => counts.findings[code] > 0).map((code) => ({ key: code, label: code.toLowerCase().replaceAll('_', ' '), count: counts.findings[code], tone: 'finding-bar' }))}
          selected={facets.findings}
          onToggle={(code) => setFacets({ ...NO_FACETS, findings: only(facets.findings, code) })}
        />
      </div>
      <FindingsView key={run.id} workspace={workspace} runId={run.id} rowCount={run.rowCount} asOf={run.asOf} reviewer={reviewer} facets={facets} onFacets={setFacets} view={tableView} onView={setTableView} />
    </section>
  );
}
