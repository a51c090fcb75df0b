import { FINDING_CODES, SEVERITIES, SITUATIONS } from '@core/model/reconciliation';
import type { RunRecord, Workspace } from '../../workspace/workspace';
import type { Reviewer } from '@core/review/audit-trail';
import { FindingsView } from '../findings/findings-view';

interface Props {
  readonly workspace: Workspace;
  readonly run: RunRecord;
  readonly isCurrent: boolean;
  readonly reviewer: Reviewer | undefined;
}

/** A run's counts per situation, finding and severity, then its rows in the findings table. */
export function ResultsView({ workspace, run, isCurrent, reviewer }: Props) {
  const { counts, population } = run;
  const findings = FINDING_CODES.filter((code) => counts.findings[code] > 0);
  return (
    <section className="results" aria-label="Reconciliation">
      <p className="run-facts">
        As of <strong data-testid="run-as-of">{run.asOf.slice(0, 10)}</strong> · stale after {run.settings.staleDays} days · engine {run.engineVersion}
        {!isCurrent && <span className="warning"> · the sources changed since this run: run it again</span>}
      </p>
      <ul className="counts">
        <li>
          <span className="count" data-testid="count-identities">{population.identities}</span> identities
        </li>
        <li>
          <span className="count" data-testid="count-accounts">{population.accounts}</span> accounts
        </li>
        {SITUATIONS.map((situation) => (
          <li key={situation} className={`situation-${situation.toLowerCase()}`}>
            <span className="count" data-testid={`count-${situation}`}>
              {counts.situations[situation]}
            </span>{' '}
            {situation.toLowerCase()}
          </li>
        ))}
      </ul>
      <ul className="counts small" aria-label="Findings and severities">
        {findings.map((code) => (
          <li key={code}>
            <span className="count" data-testid={`finding-${code}`}>
              {counts.findings[code]}
            </span>{' '}
            {code}
          </li>
        ))}
        {SEVERITIES.toReversed().map((severity) => (
          <li key={severity} className={`severity-${severity}`}>
            <span className="count" data-testid={`severity-${severity}`}>
              {counts.severities[severity]}
            </span>{' '}
            {severity}
          </li>
        ))}
      </ul>
      <FindingsView key={run.id} workspace={workspace} runId={run.id} rowCount={run.rowCount} asOf={run.asOf} reviewer={reviewer} />
    </section>
  );
}
