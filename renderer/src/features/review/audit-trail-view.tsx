import { useLiveQuery } from 'dexie-react-hooks';
import type { Workspace } from '../../workspace/workspace';

/** Every recorded action, newest last, and whether the hash chain still holds. */
export function AuditTrailView({ workspace }: { readonly workspace: Workspace }) {
  const trail = useLiveQuery(() => workspace.verifiedTrail(), [workspace]);
  if (!trail) return null;
  const { entries, verdict } = trail;
  return (
    <section className="audit-trail" aria-label="Audit trail">
      <h2>Audit trail</h2>
      <output className={verdict.intact ? 'chain intact' : 'chain broken'} data-testid="chain-status">
        {verdict.intact ? `Chain intact: ${verdict.entries} entries, each hashed with the one before.` : `Chain broken at entry ${verdict.seq}: ${verdict.reason}.`}
      </output>
      {entries.length > 0 && (
        <table className="compare">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Details</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{entry.seq}</td>
                <td>{entry.at.slice(0, 19).replace('T', ' ')}</td>
                <td>
                  {entry.who.name} ({entry.who.role})
                </td>
                <td>{entry.action}</td>
                <td>
                  {Object.entries(entry.details)
                    .map(([name, value]) => `${name}: ${value}`)
                    .join(' · ')}
                </td>
                <td className="hash" title={entry.hash}>
                  {entry.hash.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
