import { useId, useState } from 'react';
import { periodOf, reviewProblem, type ReviewDraft } from '@core/review/review';

/** The facts a review is created with; the as-of defaults to today and the period to its quarter. */
export function ReviewForm({ today, onCreate, onCancel }: { readonly today: string; readonly onCreate: (draft: ReviewDraft) => Promise<void>; readonly onCancel?: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState<ReviewDraft>({ name: '', application: '', period: periodOf(today), owner: '', asOf: today });
  const [periodTouched, setPeriodTouched] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const field = (name: keyof ReviewDraft, label: string, extra: { type?: string; placeholder?: string } = {}) => (
    <>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type={extra.type ?? 'text'}
        placeholder={extra.placeholder}
        value={draft[name]}
        required
        onChange={(event) => {
          const value = event.target.value;
          if (name === 'period') setPeriodTouched(true);
          // The period follows the as-of date until the user names it themselves.
          setDraft((current) => ({ ...current, [name]: value, ...(name === 'asOf' && !periodTouched && /^\d{4}-\d{2}/.test(value) ? { period: periodOf(value) } : {}) }));
        }}
      />
    </>
  );
  return (
    <form
      className="review-form"
      aria-label="New review"
      onSubmit={(event) => {
        event.preventDefault();
        const found = reviewProblem(draft);
        setProblem(found);
        if (found === undefined) void onCreate(draft);
      }}
    >
      <h2>New review</h2>
      <div className="form-grid">
        {field('name', 'Name', { placeholder: 'e.g. Salesforce quarterly access review' })}
        {field('application', 'Application', { placeholder: 'e.g. Salesforce' })}
        {field('period', 'Period', { placeholder: 'e.g. 2026-Q4' })}
        {field('owner', 'Owner', { placeholder: 'who answers for the review' })}
        {field('asOf', 'As of', { type: 'date' })}
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          Create review
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
