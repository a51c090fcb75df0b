import { useEffect, useState } from 'react';
import type { Reviewer } from '@core/review/audit-trail';
import { rankCandidates, type Candidate } from '@core/review/correlation-case';
import type { ManualLink } from '@core/model/manual-link';
import type { ReconciliationRow } from '@core/model/reconciliation';
import { describeIssue } from '@core/model/import-issue';
import { startRun } from '../../engine/start-run';
import type { RunRecord, Workspace } from '../../workspace/workspace';
import { CorrelationFixForm } from './correlation-fix-form';
import { loadIdentityPool, type IdentityPool } from './load-identities';

interface Props {
  readonly workspace: Workspace;
  readonly run: RunRecord;
  readonly row: ReconciliationRow;
  readonly reviewer: Reviewer | undefined;
}

type Fix = { readonly action: ManualLink['action']; readonly identityId: string; readonly label: string };

/**
 * Correlation fixes for one row: an orphan or ambiguous account gets its ranked candidates with every attribute
 * compared; a match can be unlinked, a proposed match confirmed. Each fix needs a justification, is recorded in
 * the audit trail, and the engine runs again with it.
 */
export function CorrelationCase({ workspace, run, row, reviewer }: Props) {
  const account = row.account;
  const [pool, setPool] = useState<IdentityPool | string | undefined>();
  const [query, setQuery] = useState('');
  const [fix, setFix] = useState<Fix | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const needsCandidates = account !== undefined && (row.situation === 'ORPHAN' || row.situation === 'AMBIGUOUS');
  useEffect(() => {
    if (!needsCandidates) return undefined;
    let live = true;
    void loadIdentityPool(workspace, run.settings).then((loaded) => live && setPool(loaded));
    return () => {
      live = false;
    };
  }, [workspace, run.settings, needsCandidates]);
  if (!account) return null;

  async function record(chosen: Fix, justification: string): Promise<void> {
    if (!reviewer || !account) return;
    const at = new Date().toISOString();
    await workspace.fixCorrelation({ accountId: account.accountId, identityId: chosen.identityId, action: chosen.action, justification, by: `${reviewer.name} (${reviewer.role})`, at }, reviewer);
    setFix(undefined);
    setStatus('Recorded. Running the reconciliation again with the fix…');
    const outcome = await startRun({ database: workspace.name, asOf: run.asOf, staleDays: undefined }, () => undefined).done;
    setStatus(outcome.type === 'failed' ? `The fix is recorded, but the run failed: ${describeIssue(outcome.error)}` : undefined);
  }

  const candidates: readonly Candidate[] = typeof pool === 'object' ? rankCandidates(account, searched(pool, query), pool.keys, { keepDisagreeing: query.trim() !== '' }) : [];
  const linked = row.situation === 'MATCHED' ? row.identities[0] : undefined;
  return (
    <section className="correlation-case" aria-label="Correlation case">
      <h4>Correlation</h4>
      {!reviewer && <p className="hint">Say who is reviewing to fix a correlation.</p>}
      {status && <output className="hint">{status}</output>}
      {linked && reviewer && !fix && (
        <div className="actions">
          {row.correlation?.proposal && (
            <button type="button" onClick={() => setFix({ action: 'link', identityId: linked.id, label: `Confirm the match with ${linked.upn}` })}>
              Confirm this match…
            </button>
          )}
          <button type="button" onClick={() => setFix({ action: 'unlink', identityId: linked.id, label: `Unlink from ${linked.upn}` })}>
            Unlink this match…
          </button>
        </div>
      )}
      {needsCandidates && (
        <>
          <label className="candidate-search">
            Other identities
            <input type="search" value={query} placeholder="search by UPN, mail or name" onChange={(event) => setQuery(event.target.value)} />
          </label>
          {pool === undefined && <p className="hint">Looking for candidates among the identities…</p>}
          {typeof pool === 'string' && (
            <p className="error" role="alert">
              {pool}
            </p>
          )}
          {typeof pool === 'object' && candidates.length === 0 && <p className="hint">No identity agrees with this account on any attribute{query ? ' among those searched' : ''}.</p>}
          {candidates.map((candidate, rank) => (
            <CandidateCard key={candidate.identity.id} rank={rank + 1} candidate={candidate} canLink={reviewer !== undefined && !fix} onLink={() => setFix({ action: 'link', identityId: candidate.identity.id, label: `Link to ${candidate.identity.upn}` })} />
          ))}
        </>
      )}
      {fix && <CorrelationFixForm label={fix.label} onSubmit={(justification) => record(fix, justification)} onCancel={() => setFix(undefined)} />}
    </section>
  );
}

/** Identities whose UPN, mail or name contain the search, or all of them when it is empty. */
function searched(pool: IdentityPool, query: string): IdentityPool['identities'] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return pool.identities;
  return pool.identities.filter((identity) => [identity.upn, identity.mail, identity.displayName].some((value) => value?.toLowerCase().includes(needle)));
}

function CandidateCard({ rank, candidate, canLink, onLink }: { readonly rank: number; readonly candidate: Candidate; readonly canLink: boolean; readonly onLink: () => void }) {
  const { identity, score, agreements } = candidate;
  return (
    <article className="candidate" aria-label={`Candidate ${rank}: ${identity.upn}`}>
      <header>
        <strong>
          {rank}. {identity.displayName ?? identity.upn}
        </strong>{' '}
        <span className="muted">{identity.upn}</span> <span className="score">agreement {(score * 100).toFixed(0)}%</span>
        {canLink && (
          <button type="button" onClick={onLink}>
            Link to this identity…
          </button>
        )}
      </header>
      <table className="compare">
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">Account</th>
            <th scope="col">Identity</th>
            <th scope="col">Agreement</th>
          </tr>
        </thead>
        <tbody>
          {agreements.map((agreement) => (
            <tr key={agreement.attribute} className={`agreement-${agreement.agreement}`}>
              <th scope="row">{agreement.attribute}</th>
              <td>{agreement.account ?? '—'}</td>
              <td>{agreement.identity ?? '—'}</td>
              <td>{agreement.agreement}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
