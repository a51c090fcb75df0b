import { countSituations, SITUATIONS, type ReconciliationRow } from '@core/model/reconciliation';
import type { WorkspaceReconciliation } from '../../workspace/reconcile-workspace';

// The table shows the first rows only; the virtualised findings table replaces it in the review workspace.
const SHOWN_ROWS = 500;

/** Counts per situation, then each account beside the identity it correlates to. */
export function ResultsView({ result }: { readonly result: WorkspaceReconciliation }) {
  const counts = countSituations(result.rows);
  const shown = result.rows.slice(0, SHOWN_ROWS);
  return (
    <section className="results" aria-label="Reconciliation">
      <ul className="counts">
        <li>
          <span className="count" data-testid="count-identities">{result.identityCount}</span> identities
        </li>
        <li>
          <span className="count" data-testid="count-accounts">{result.accountCount}</span> accounts
        </li>
        {SITUATIONS.map((situation) => (
          <li key={situation} className={`situation-${situation.toLowerCase()}`}>
            <span className="count" data-testid={`count-${situation}`}>
              {counts[situation]}
            </span>{' '}
            {situation.toLowerCase()}
          </li>
        ))}
      </ul>
      <table className="side-by-side">
        <caption>
          Accounts of {result.accountSource.fileName} against identities of {result.identitySource.fileName}
          {result.rows.length > SHOWN_ROWS && ` (first ${SHOWN_ROWS} of ${result.rows.length})`}
        </caption>
        <thead>
          <tr>
            <th rowSpan={2}>Situation</th>
            <th colSpan={3}>Account</th>
            <th colSpan={3}>Identity</th>
            <th rowSpan={2}>Rule</th>
          </tr>
          <tr>
            <th>Id</th>
            <th>Login</th>
            <th>Email</th>
            <th>UPN</th>
            <th>Display name</th>
            <th>Mail</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row, index) => (
            <ResultRow key={`${row.account?.accountId ?? ''}-${index}`} row={row} />
          ))}
        </tbody>
      </table>
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
      <td>{join((identity) => identity.mail)}</td>
      <td>{row.rule ? `${row.rule} (${row.confidence?.toFixed(2)})` : '—'}</td>
    </tr>
  );
}
