import { FINDING_CODES, SEVERITIES, SITUATIONS, type ReconciliationRow } from '@core/model/reconciliation';
import type { RunRecord } from '../../workspace/workspace';

interface Props {
  readonly run: RunRecord;
  /** The first rows of the run, in canonical order. */
  readonly rows: readonly ReconciliationRow[];
  readonly isCurrent: boolean;
}

/** A run's counts per situation, finding and severity, then each account beside its identity. */
export function ResultsView({ run, rows, isCurrent }: Props) {
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
      <div className="table-scroll">
        <table className="side-by-side">
          <caption>
            {run.rowCount > rows.length ? `First ${rows.length} of ${run.rowCount} rows` : `${run.rowCount} rows`}, by situation and account id
          </caption>
          <thead>
            <tr>
              <th rowSpan={2}>Situation</th>
              <th colSpan={3}>Account</th>
              <th colSpan={2}>Identity</th>
              <th rowSpan={2}>Rule</th>
              <th rowSpan={2}>Findings</th>
              <th rowSpan={2}>Severity</th>
            </tr>
            <tr>
              <th>Id</th>
              <th>Login</th>
              <th>Email</th>
              <th>UPN</th>
              <th>Display name</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <ResultRow key={`${row.situation}-${row.account?.accountId ?? ''}-${index}`} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ResultRow({ row }: { readonly row: ReconciliationRow }) {
  const join = (pick: (identity: ReconciliationRow['identities'][number]) => string | undefined): string =>
    row.identities.map((identity) => pick(identity) ?? '').join('; ');
  return (
    <tr data-situation={row.situation}>
      <td>
        <span className={`badge situation-${row.situation.toLowerCase()}`}>{row.situation}</span>
      </td>
      <td>{row.account?.accountId}</td>
      <td>{row.account?.login}</td>
      <td>{row.account?.email}</td>
      <td>{join((identity) => identity.upn)}</td>
      <td>{join((identity) => identity.displayName)}</td>
      <td title={row.correlation?.reason}>{row.correlation ? `${row.correlation.rule} (${row.correlation.confidence.toFixed(2)})` : '—'}</td>
      <td>
        {row.findings.map((finding) => (
          <span key={finding.code} className="finding" title={finding.reason}>
            {finding.code}
          </span>
        ))}
      </td>
      <td>{row.severity && <span className={`badge severity-${row.severity}`}>{row.severity}</span>}</td>
    </tr>
  );
}
