import { useState } from 'react';
import type { Review, ReviewDraft } from '@core/review/review';
import { ReviewForm } from './review-form';

interface Props {
  readonly reviews: readonly Review[];
  readonly today: string;
  readonly onOpen: (review: Review) => void;
  readonly onCreate: (draft: ReviewDraft) => Promise<void>;
  readonly onArchive: (review: Review, archived: boolean) => void;
  /** Creates the bundled sample review, imported and run; resolves to an error message when it failed. */
  readonly onOpenSample: () => Promise<string | undefined>;
}

/** Every review of the workspace: open one, archive one, or start a new one. */
export function ReviewsScreen({ reviews, today, onOpen, onCreate, onArchive, onOpenSample }: Props) {
  const [creating, setCreating] = useState(reviews.length === 0);
  const [showArchived, setShowArchived] = useState(false);
  const [sample, setSample] = useState<{ readonly busy: boolean; readonly error?: string }>({ busy: false });
  const shown = reviews.filter((review) => showArchived || review.status === 'open');
  const archived = reviews.length - reviews.filter((review) => review.status === 'open').length;
  return (
    <section className="reviews" aria-label="Reviews">
      <div className="reviews-head">
        <h2>Reviews</h2>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New review…
          </button>
        )}
        {archived > 0 && (
          <label className="toggle">
            <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} /> Show {archived} archived
          </label>
        )}
      </div>
      <p className="sample-offer">
        {reviews.length === 0 ? 'New to Recondesk? ' : ''}
        <button
          type="button"
          disabled={sample.busy}
          onClick={() => {
            setSample({ busy: true });
            void onOpenSample().then((error) => setSample({ busy: false, ...(error === undefined ? {} : { error }) }));
          }}
        >
          Open the sample review
        </button>{' '}
        {sample.busy ? <output className="hint">Importing the sample and running the reconciliation…</output> : <span className="hint">a small Contoso tenant and its Salesforce users, imported and reconciled</span>}
        {sample.error && (
          <span className="error" role="alert">
            {' '}
            {sample.error}
          </span>
        )}
      </p>
      {creating && <ReviewForm today={today} onCreate={onCreate} {...(reviews.length > 0 ? { onCancel: () => setCreating(false) } : {})} />}
      {shown.length === 0 && !creating && <p className="hint">No open review. Start one for an application and a period.</p>}
      {shown.length > 0 && (
        <table className="review-list">
          <thead>
            <tr>
              <th scope="col">Review</th>
              <th scope="col">Application</th>
              <th scope="col">Period</th>
              <th scope="col">As of</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((review) => (
              <tr key={review.id} className={review.status === 'archived' ? 'archived' : undefined}>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(review)}>
                    {review.name}
                  </button>
                </td>
                <td>{review.application}</td>
                <td>{review.period}</td>
                <td>{review.asOf}</td>
                <td>{review.owner}</td>
                <td>{review.status}</td>
                <td>
                  <button type="button" aria-label={`${review.status === 'open' ? 'Archive' : 'Reopen'} ${review.name}`} onClick={() => onArchive(review, review.status === 'open')}>
                    {review.status === 'open' ? 'Archive' : 'Reopen'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
