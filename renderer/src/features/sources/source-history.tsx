import { useLiveQuery } from 'dexie-react-hooks';
import { SOURCE_KIND_LABELS } from '@core/import/source-kind';
import type { Workspace } from '../../workspace/workspace';
import { describeFormat } from './format-summary';

/**
 * Every import of the review, the replaced ones included: what an auditor lists as the population's provenance
 * (file, SHA-256, rows, format, extraction time, warnings). Staged imports never show: they never counted.
 */
export function SourceHistory({ workspace }: { readonly workspace: Workspace }) {
  const sources = useLiveQuery(async () => (await workspace.sources.toArray()).filter((source) => source.status !== 'staging').toSorted((a, b) => b.importedAt.localeCompare(a.importedAt) || a.id.localeCompare(b.id)), [workspace]);
  if (!sources || sources.length === 0) return null;
  return (
    <section className="source-history" aria-label="Imports of this review">
      <h2>Imports of this review</h2>
      <table className="compare">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col">Imported (UTC)</th>
            <th scope="col">Extracted (UTC)</th>
            <th scope="col">Rows</th>
            <th scope="col">Read as</th>
            <th scope="col">Warnings</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.id} className={source.status === 'superseded' ? 'superseded' : undefined}>
              <td>{SOURCE_KIND_LABELS[source.kind]}</td>
              <td>{source.fileName}</td>
              <td>{source.status === 'committed' ? 'current' : 'replaced'}</td>
              <td>{source.importedAt.slice(0, 16).replace('T', ' ')}</td>
              <td>{source.extractedAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
              <td className="number">{source.rowCount.toLocaleString('en-US')}</td>
              <td>
                {source.format ? describeFormat(source.format) : '—'}
                {source.profileId !== undefined && ` · ${source.application ?? ''} (${source.profileId})`}
              </td>
              <td className="number">{source.warnings?.length ?? 0}</td>
              <td className="hash">
                <code>{source.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
