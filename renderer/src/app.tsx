import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { SOURCE_KINDS, type SourceKind } from '@core/import/source-kind';
import type { Reviewer } from '@core/review/audit-trail';
import type { Review } from '@core/review/review';
import { ChecklistView } from './features/checklist/checklist-view';
import { ExportView } from './features/evidence/export-view';
import { ResultsView } from './features/results/results-view';
import { AuditTrailView } from './features/review/audit-trail-view';
import { RunPanel } from './features/run/run-panel';
import { SamplingView } from './features/sampling/sampling-view';
import { SettingsView } from './features/settings/settings-view';
import { SourceCard } from './features/sources/source-card';
import { SourceHistory } from './features/sources/source-history';
import { Tabs, type Tab } from './ui/tabs';
import type { RunRecord, SettingsRecord, SourceRecord, Workspace } from './workspace/workspace';

interface View {
  readonly sources: Readonly<Record<SourceKind, readonly SourceRecord[]>>;
  readonly run: RunRecord | undefined;
  readonly reviewer: Reviewer | undefined;
  readonly trailLength: number;
  readonly settings: SettingsRecord | undefined;
}

type Screen = 'sources' | 'findings' | 'checklist' | 'sampling' | 'settings' | 'export' | 'trail';

const OPTIONAL: ReadonlySet<SourceKind> = new Set(['entra-signins', 'entra-assignments', 'entra-provisioning']);

async function loadView(workspace: Workspace): Promise<View> {
  const current = await Promise.all(SOURCE_KINDS.map((kind) => workspace.currentSources(kind)));
  const sources = Object.fromEntries(SOURCE_KINDS.map((kind, index) => [kind, current[index]!])) as Record<SourceKind, SourceRecord[]>;
  const run = await workspace.latestRun();
  return { sources, run, reviewer: await workspace.currentReviewer(), trailLength: await workspace.auditTrail.count(), settings: await workspace.reviewSettings() };
}

/** One review: its sources and runs, the findings of its latest run, and its audit trail. */
export function App({ workspace, review }: { readonly workspace: Workspace; readonly review: Review }) {
  // A live query: it re-runs whenever an import or a run commits, so the screen follows the workspace.
  const view = useLiveQuery(() => loadView(workspace), [workspace]);
  const [chosen, setScreen] = useState<Screen | undefined>();
  if (!view) return null;
  const screen: Screen = chosen ?? (view.run ? 'findings' : 'sources');
  const currentIds = SOURCE_KINDS.flatMap((kind) => view.sources[kind].map((source) => source.id)).toSorted();
  const runIsCurrent = view.run !== undefined && view.run.sourceIds.toSorted().join() === currentIds.join();
  const ready = view.sources['entra-users'].length > 0 && view.sources.target.length > 0;
  const imported = SOURCE_KINDS.filter((kind) => view.sources[kind].length > 0).length;
  const tabs: Tab<Screen>[] = [
    { key: 'sources', label: 'Sources', badge: `${imported}` },
    { key: 'findings', label: 'Findings', ...(view.run ? { badge: view.run.rowCount.toLocaleString('en-US') } : {}) },
    { key: 'checklist', label: 'Remediation' },
    { key: 'sampling', label: 'Sampling' },
    { key: 'settings', label: 'Settings' },
    { key: 'export', label: 'Evidence' },
    { key: 'trail', label: 'Audit trail', badge: `${view.trailLength}` },
  ];

  return (
    <Tabs label="Review screens" tabs={tabs} selected={screen} onSelect={setScreen}>
      {screen === 'sources' && (
        <>
          <section className="sources" aria-label="Sources">
            {SOURCE_KINDS.map((kind) => (
              <SourceCard key={kind} kind={kind} workspace={workspace} current={view.sources[kind]} optional={OPTIONAL.has(kind)} application={review.application} />
            ))}
          </section>
          {ready ? (
            <RunPanel hasCurrentRun={runIsCurrent} database={workspace.name} reviewAsOf={review.asOf} onDone={() => setScreen('findings')} />
          ) : (
            <p className="hint">Import the Entra users export and a target application&apos;s user list, then run the reconciliation.</p>
          )}
          <SourceHistory workspace={workspace} />
        </>
      )}
      {screen === 'findings' &&
        (view.run ? (
          <ResultsView workspace={workspace} review={review} run={view.run} isCurrent={runIsCurrent} reviewer={view.reviewer} />
        ) : (
          <p className="hint">No run yet: import the sources and run the reconciliation on the Sources screen.</p>
        ))}
      {screen === 'checklist' &&
        (view.run ? <ChecklistView key={view.run.id} workspace={workspace} run={view.run} reviewer={view.reviewer} /> : <p className="hint">No run yet: the checklist comes from a run&apos;s findings and decisions.</p>)}
      {screen === 'sampling' &&
        (view.run ? <SamplingView workspace={workspace} run={view.run} reviewer={view.reviewer} /> : <p className="hint">No run yet: a sample is drawn from a run&apos;s rows.</p>)}
      {screen === 'settings' && <SettingsView key={view.settings?.savedAt ?? 'defaults'} workspace={workspace} review={review} run={view.run} stored={view.settings} reviewer={view.reviewer} />}
      {screen === 'export' &&
        (view.run ? (
          <ExportView workspace={workspace} review={review} run={view.run} isCurrent={runIsCurrent} reviewer={view.reviewer} />
        ) : (
          <p className="hint">No run yet: an evidence pack is made from a run.</p>
        ))}
      {screen === 'trail' && <AuditTrailView workspace={workspace} />}
    </Tabs>
  );
}
