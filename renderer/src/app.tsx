import { useLiveQuery } from 'dexie-react-hooks';
import { describeIssue } from '@core/model/import-issue';
import { SourceCard } from './features/sources/source-card';
import { ResultsView } from './features/results/results-view';
import { reconcileWorkspace, type WorkspaceReconciliation } from './workspace/reconcile-workspace';
import type { SourceRecord, Workspace } from './workspace/workspace';

interface Loaded {
  readonly identities: SourceRecord | undefined;
  readonly accounts: SourceRecord | undefined;
  readonly result: WorkspaceReconciliation | undefined;
  readonly error: string | undefined;
}

async function loadView(workspace: Workspace): Promise<Loaded> {
  const [identities, accounts] = await Promise.all([workspace.currentSource('entra-users'), workspace.currentSource('target')]);
  const reconciled = await reconcileWorkspace(workspace);
  return {
    identities,
    accounts,
    result: reconciled?.ok ? reconciled.value : undefined,
    error: reconciled && !reconciled.ok ? describeIssue(reconciled.error) : undefined,
  };
}

/** The walking-skeleton screen: two sources in, one side-by-side table out. */
export function App({ workspace }: { readonly workspace: Workspace }) {
  // A live query: it re-runs whenever an import commits, so the table follows the workspace by itself.
  const loaded = useLiveQuery(() => loadView(workspace), [workspace]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Recondesk</h1>
        <p className="tagline">Offline access reconciliation: Entra ID identities against application accounts</p>
      </header>
      <main>
        <section className="sources" aria-label="Sources">
          <SourceCard kind="entra-users" workspace={workspace} current={loaded?.identities} />
          <SourceCard kind="target" workspace={workspace} current={loaded?.accounts} />
        </section>
        {loaded?.error && (
          <p className="error" role="alert">
            {loaded.error}
          </p>
        )}
        {loaded?.result ? (
          <ResultsView result={loaded.result} />
        ) : (
          <p className="hint">Import the Entra users export and a target application's user list to see the reconciliation.</p>
        )}
      </main>
    </div>
  );
}
