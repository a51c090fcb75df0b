import { useLiveQuery } from 'dexie-react-hooks';
import type { ReconciliationRow } from '@core/model/reconciliation';
import { ResultsView } from './features/results/results-view';
import { RunPanel } from './features/run/run-panel';
import { SourceCard } from './features/sources/source-card';
import type { RunRecord, SourceRecord, Workspace } from './workspace/workspace';

interface View {
  readonly identities: SourceRecord | undefined;
  readonly accounts: SourceRecord | undefined;
  readonly run: RunRecord | undefined;
  readonly rows: readonly ReconciliationRow[];
}

// The table shows the first rows only; the virtualised findings table replaces it in the review workspace.
const SHOWN_ROWS = 500;

async function loadView(workspace: Workspace): Promise<View> {
  const [identities, accounts, run] = await Promise.all([workspace.currentSource('entra-users'), workspace.currentSource('target'), workspace.latestRun()]);
  const rows = run ? (await workspace.runRows.where('[runId+seq]').equals([run.id, 0]).first())?.rows ?? [] : [];
  return { identities, accounts, run, rows: rows.slice(0, SHOWN_ROWS) };
}

/** Two sources in, a reconciliation run in a worker, its result side by side. */
export function App({ workspace }: { readonly workspace: Workspace }) {
  // A live query: it re-runs whenever an import or a run commits, so the screen follows the workspace.
  const view = useLiveQuery(() => loadView(workspace), [workspace]);
  const currentSourceIds = [view?.identities?.id, view?.accounts?.id];
  const runIsCurrent = view?.run !== undefined && view.run.sourceIds.every((id, index) => id === currentSourceIds[index]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Recondesk</h1>
        <p className="tagline">Offline access reconciliation: Entra ID identities against application accounts</p>
      </header>
      <main>
        <section className="sources" aria-label="Sources">
          <SourceCard kind="entra-users" workspace={workspace} current={view?.identities} />
          <SourceCard kind="target" workspace={workspace} current={view?.accounts} />
        </section>
        {view?.identities && view.accounts ? (
          <RunPanel hasCurrentRun={runIsCurrent} />
        ) : (
          <p className="hint">Import the Entra users export and a target application's user list, then run the reconciliation.</p>
        )}
        {view?.run && <ResultsView run={view.run} rows={view.rows} isCurrent={runIsCurrent} />}
      </main>
    </div>
  );
}
