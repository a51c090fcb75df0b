import { useId, useState } from 'react';

const MIN_JUSTIFICATION = 10;

/** The justification a correlation fix needs before it is recorded; the fix is named on the button. */
export function CorrelationFixForm({ label, onSubmit, onCancel }: { readonly label: string; readonly onSubmit: (justification: string) => Promise<void>; readonly onCancel: () => void }) {
  const id = useId();
  const [justification, setJustification] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="correlation-fix"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        if (justification.trim().length < MIN_JUSTIFICATION) return setProblem(`say why, in at least ${MIN_JUSTIFICATION} characters: an auditor will read it`);
        setBusy(true);
        void onSubmit(justification.trim()).finally(() => setBusy(false));
        return undefined;
      }}
    >
      <label htmlFor={`${id}-why`}>Justification</label>
      <textarea id={`${id}-why`} rows={2} value={justification} onChange={(event) => setJustification(event.target.value)} />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {label}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
