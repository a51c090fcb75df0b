import type { ImportProgress } from '../../workspace/import-source';

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Bytes read against the file size, and rows stored so far. */
export function ProgressBar({ progress }: { readonly progress: ImportProgress }) {
  const { bytesRead, bytesTotal, rowsStored, file, files } = progress;
  return (
    <div className="progress">
      <progress max={Math.max(bytesTotal, 1)} value={bytesRead} aria-label="Import progress" />
      <span>
        {files !== undefined && files > 1 ? `file ${file} of ${files} · ` : ''}
        {rowsStored.toLocaleString('en-US')} rows · {megabytes(bytesRead)} of {megabytes(bytesTotal)}
      </span>
    </div>
  );
}
