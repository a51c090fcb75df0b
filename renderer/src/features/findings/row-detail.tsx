import { useEffect, useState } from 'react';
import { correlationExplainer } from '@core/engine/correlate';
import { keyMaker } from '@core/engine/keys';
import type { ReconciliationRow } from '@core/model/reconciliation';
import type { Reviewer } from '@core/review/audit-trail';
import type { RunRecord, Workspace } from '../../workspace/workspace';
import { CorrelationCase } from '../correlation/correlation-case';
import { ProvisioningView } from './provisioning-view';

// Run rows are stored in blocks of this many (Workspace.saveRun).
const BLOCK_ROWS = 5000;

const date = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
const yesNo = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : value ? 'yes' : 'no');

// Fields both sides describe the same way. Ids and logins are each system's own, and dates are different events.
const COMPARED = new Set(['Email', 'Name', 'Given name', 'Family name', 'Employee id', 'Enabled']);

/** Both sides have a compared field and disagree. */
const differs = (left: string | undefined, right: string | undefined, label: string): boolean =>
  COMPARED.has(label) && left !== undefined && right !== undefined && left.trim().toLowerCase() !== right.trim().toLowerCase();

/** One row opened: the account and its identity field by field, the correlation, and why each finding was raised. */
export function RowDetail({ workspace, runId, index, reviewer, onClose }: { readonly workspace: Workspace; readonly runId: string; readonly index: number; readonly reviewer: Reviewer | undefined; readonly onClose: () => void }) {
  const [row, setRow] = useState<ReconciliationRow>();
  const [run, setRun] = useState<RunRecord>();
  useEffect(() => {
    let live = true;
    void (async () => {
      const block = await workspace.runRows.get([runId, Math.floor(index / BLOCK_ROWS)]);
      const record = await workspace.runs.get(runId);
      if (!live) return;
      setRow(block?.rows[index % BLOCK_ROWS]);
      setRun(record);
    })();
    return () => {
      live = false;
    };
  }, [workspace, runId, index]);
  if (!row || !run) return null;
  const account = row.account;
  // A key match keeps no key with its row: made again from the account with the run's keys.
  const explain = correlationExplainer(keyMaker(run.settings, run.defaultDomain));
  const identity = row.identities[0];
  const pairs: readonly [string, string | undefined, string | undefined][] = [
    ['Id', account?.accountId, identity?.id],
    ['Login / UPN', account?.login, identity?.upn],
    ['Email', account?.email, identity?.mail],
    ['Name', account?.displayName, identity?.displayName],
    ['Given name', account?.givenName, identity?.givenName],
    ['Family name', account?.familyName, identity?.surname],
    ['Employee id', account?.employeeId, identity?.employeeId],
    ['Enabled', yesNo(account?.enabled), yesNo(identity?.accountEnabled)],
    ['Last login / sign-in', date(account?.lastLoginAt), date(identity?.lastSignInAt)],
    ['Created', date(account?.createdAt), date(identity?.createdAt)],
    ['Roles', account?.roles.join('; ') || undefined, undefined],
  ];
  return (
    <section className="row-detail" aria-label="Side by side" data-testid="row-detail">
      <header>
        <h3>
          <span className={`badge situation-${row.situation.toLowerCase()}`}>{row.situation}</span> {account?.login ?? account?.accountId ?? identity?.upn}
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="correlation">
        {row.correlation
          ? `Linked by ${row.correlation.rule} (confidence ${row.correlation.confidence.toFixed(2)}${row.correlation.proposal ? ', a proposal to confirm' : ''}): ${explain(row.correlation, account)}`
          : row.identities.length > 1
            ? `${row.identities.length} candidate identities`
            : 'No identity linked'}
      </p>
      <table className="compare">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Account</th>
            <th scope="col">Identity</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map(([label, left, right]) => (
            <tr key={label} className={differs(left, right, label) ? 'differs' : undefined}>
              <th scope="row">{label}</th>
              <td>{left ?? '—'}</td>
              <td>{right ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {row.findings.length > 0 && (
        <ul className="finding-reasons" aria-label="Why each finding was raised">
          {row.findings.map((finding) => (
            <li key={finding.code}>
              <strong>{finding.code}</strong>
              {finding.severity && <span className={`badge severity-${finding.severity}`}>{finding.severity}</span>} {finding.reason}
              {Object.keys(finding.values).length > 0 && (
                <span className="values">
                  {' '}
                  ({Object.entries(finding.values).map(([name, value]) => `${name} ${value}`).join(', ')})
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {identity && <ProvisioningView workspace={workspace} identityId={identity.id} />}
      <CorrelationCase key={`${runId}:${index}`} workspace={workspace} run={run} row={row} reviewer={reviewer} />
    </section>
  );
}
