import { useLiveQuery } from 'dexie-react-hooks';
import { SOURCE_KINDS, type SourceKind } from '@core/import/source-kind';
import type { Reviewer } from '@core/review/audit-trail';
import { ChecklistView } from './features/checklist/checklist-view';
import { ResultsView } from './features/results/results-view';
import { AuditTrailView } from './features/review/audit-trail-view';
import { ReviewerPrompt } from './features/review/reviewer-prompt';
import { RunPanel } from './features/run/run-panel';
import { SourceCard } from './features/sources/source-card';
import type { RunRecord, SourceRecord, Workspace } from './workspace/workspace';

interface View {
  readonly sources: Readonly<Record<SourceKind, readonly SourceRecord[]>>;
  readonly run: RunRecord | undefined;
  readonly reviewer: Reviewer | undefined;
}

const OPTIONAL: ReadonlySet<SourceKind> = new Set(['entra-signins', 'entra-assignments', 'entra-provisioning']);

async function loadView(workspace: Workspace): Promise<View> {
  const current = await Promise.all(SOURCE_KINDS.map((kind) => workspace.currentSources(kind)));
  const sources = Object.fromEntries(SOURCE_KINDS.map((kind, index) => [kind, current[index]!])) as Record<SourceKind, SourceRecord[]>;
  const run = await workspace.latestRun();
  return { sources, run, reviewer: await workspace.currentReviewer() };
}

/** The sources in, a reconciliation run in a worker, its result side by side. */
export function App({ workspace }: { readonly workspace: Workspace }) {
  // A live query: it re-runs whenever an import or a run commits, so the screen follows the workspace.
  const view = useLiveQuery(() => loadView(workspace), [workspace]);
  const currentIds = view ? SOURCE_KINDS.flatMap((kind) => view.sources[kind].map((source) => source.id)).toSorted() : [];
  const runIsCurrent = view?.run !== undefined && view.run.sourceIds.toSorted().join() === currentIds.join();
  const ready = view !== undefined && view.sources['entra-users'].length > 0 && view.sources.target.length > 0;

  return (
    <div className="app">
      <header className="app-header">
        <h1>Recondesk</h1>
        <p className="tagline">Offline access reconciliation: Entra ID identities against application accounts</p>
      </header>
      <main>
        {view && <ReviewerPrompt workspace={workspace} reviewer={view.reviewer} />}
        <section className="sources" aria-label="Sources">
          {SOURCE_KINDS.map((kind) => (
            <SourceCard key={kind} kind={kind} workspace={workspace} current={view?.sources[kind] ?? []} optional={OPTIONAL.has(kind)} />
          ))}
        </section>
        {ready ? (
          <RunPanel hasCurrentRun={runIsCurrent} />
        ) : (
          <p className="hint">Import the Entra users export and a target application's user list, then run the reconciliation.</p>
        )}
        {view?.run && <ResultsView workspace={workspace} run={view.run} isCurrent={runIsCurrent} reviewer={view.reviewer} />}
        {view?.run && <ChecklistView key={view.run.id} workspace={workspace} run={view.run} reviewer={view.reviewer} />}
        <AuditTrailView workspace={workspace} />
      </main>
    </div>
  );
}
