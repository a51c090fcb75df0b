import { useRef, useState } from 'react';
import { describeIssue } from '@core/model/import-issue';
import { getApi } from '../../api';
import { backUpWorkspace, restoreWorkspace, type BackupProgress } from '../../workspace/backup';
import type { Catalogue } from '../../workspace/catalogue';

type Work = { readonly label: string; readonly progress: BackupProgress };

/** Backs the whole workspace up to one file, or restores one as new reviews; with progress and cancel. */
export function BackupPanel({ catalogue }: { readonly catalogue: Catalogue }) {
  const [work, setWork] = useState<Work | undefined>();
  const [message, setMessage] = useState<{ readonly text: string; readonly error: boolean } | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);

  async function run(label: string, task: (signal: AbortSignal, onProgress: (progress: BackupProgress) => void) => Promise<string | undefined>): Promise<void> {
    setMessage(undefined);
    abort.current = new AbortController();
    setWork({ label, progress: { done: 0, total: 1 } });
    try {
      const text = await task(abort.current.signal, (progress) => setWork({ label, progress }));
      if (text !== undefined) setMessage({ text, error: false });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setWork(undefined);
    }
  }

  const backUp = () =>
    run('Backing up', async (signal, onProgress) => {
      const result = await backUpWorkspace(getApi(), catalogue, new Date(), { signal, onProgress });
      if (!result.ok) throw new Error(describeIssue(result.error));
      return result.value && `Backed up to ${result.value.name}: ${(result.value.bytes / 1_048_576).toFixed(1)} MB, SHA-256 ${result.value.sha256}.`;
    });
  const restore = () =>
    run('Restoring', async (signal, onProgress) => {
      const result = await restoreWorkspace(getApi(), catalogue, { signal, onProgress });
      if (!result.ok) throw new Error(`Nothing was restored: ${describeIssue(result.error)}`);
      return result.value && `Restored ${result.value.reviews} review${result.value.reviews === 1 ? '' : 's'} (${result.value.records.toLocaleString('en-US')} records), listed as "(restored)".`;
    });

  return (
    <section className="backup" aria-label="Backup">
      <h2>Backup</h2>
      <p className="hint">Every review, its sources, runs, decisions and audit trail in one file; a restore adds the reviews beside the current ones.</p>
      {work ? (
        <div className="progress">
          <progress max={Math.max(work.progress.total, 1)} value={work.progress.done} aria-label={`${work.label} progress`} />
          <span>{work.label}…</span>
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => void backUp()}>
            Back up the workspace…
          </button>
          <button type="button" onClick={() => void restore()}>
            Restore a backup…
          </button>
        </div>
      )}
      {message && (message.error ? <p className="error" role="alert">{message.text}</p> : <output className="backup-result">{message.text}</output>)}
    </section>
  );
}
