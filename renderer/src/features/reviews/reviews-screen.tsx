import { useState } from 'react';
import type { Review, ReviewDraft } from '@core/review/review';
import { ReviewForm } from './review-form';

interface Props {
  readonly reviews: readonly Review[];
  readonly today: string;
  readonly onOpen: (review: Review) => void;
  readonly onCreate: (draft: ReviewDraft) => Promise<void>;
  readonly onArchive: (review: Review, archived: boolean) => void;
}

/** Every review of the workspace: open one, archive one, or start a new one. */
export function ReviewsScreen({ reviews, today, onOpen, onCreate, onArchive }: Props) {
  const [creating, setCreating] = useState(reviews.length === 0);
  const [showArchived, setShowArchived] = useState(false);
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
