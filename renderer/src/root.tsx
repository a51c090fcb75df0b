import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Review } from '@core/review/review';
import { App } from './app';
import { ReviewerPrompt } from './features/review/reviewer-prompt';
import { BackupPanel } from './features/reviews/backup-panel';
import { ReviewsScreen } from './features/reviews/reviews-screen';
import { ThemeChoice } from './features/reviews/theme-choice';
import { SigningPanel } from './features/signing/signing-panel';
import { VerifyPanel } from './features/evidence/verify-panel';
import type { Catalogue } from './workspace/catalogue';
import { CatalogueContext } from './workspace/catalogue-context';
import { createSampleReview, SAMPLE_REVIEW } from './workspace/sample-review';
import { getApi } from './api';
import { startRun } from './engine/start-run';
import { describeIssue } from '@core/model/import-issue';
import type { Workspace } from './workspace/workspace';

/** The workspace: who is reviewing, its reviews, and the one open now. */
export function Root({ catalogue }: { readonly catalogue: Catalogue }) {
  const state = useLiveQuery(async () => ({ reviews: await catalogue.listReviews(), openId: await catalogue.openReviewId(), reviewer: await catalogue.reviewer(), theme: await catalogue.theme() }), [catalogue]);
  const open = state?.reviews.find((review) => review.id === state.openId);
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  return (
    <CatalogueContext value={catalogue}>
      <div className="app">
        <header className="app-header">
          <h1>Recondesk</h1>
          {state && <ThemeChoice theme={state.theme} onChange={(theme) => void catalogue.setTheme(theme)} />}
          {open ? (
            <nav className="review-bar" aria-label="Review">
              <button type="button" className="link" onClick={() => void catalogue.setOpenReview(undefined)}>
                All reviews
              </button>
              <span aria-hidden="true">›</span>
              <strong data-testid="open-review">{open.name}</strong>
              <span className="muted">
                {open.application} · {open.period} · as of {open.asOf} · owner {open.owner}
                {open.status === 'archived' && ' · archived'}
              </span>
            </nav>
          ) : (
            <p className="tagline">Offline access reconciliation: Entra ID identities against application accounts</p>
          )}
        </header>
        <main>
          {state && <ReviewerPrompt reviewer={state.reviewer} onSave={(reviewer) => catalogue.setReviewer(reviewer)} />}
          <StorageNotice />
          {state && !open && (
            <ReviewsScreen
              reviews={state.reviews}
              today={today}
              onOpen={(review) => void catalogue.setOpenReview(review.id)}
              onArchive={(review, archived) => void catalogue.setArchived(review.id, archived)}
              onOpenSample={async () => {
                try {
                  const review = await createSampleReview(getApi(), catalogue, new Date());
                  const run = await startRun({ database: review.database, asOf: `${SAMPLE_REVIEW.asOf}T00:00:00.000Z`, staleDays: undefined }, () => undefined).done;
                  await catalogue.setOpenReview(review.id);
                  return run.type === 'failed' ? `The sample imported, but the run failed: ${describeIssue(run.error)}` : undefined;
                } catch (error) {
                  return error instanceof Error ? error.message : String(error);
                }
              }}
              onCreate={async (draft) => {
                const review = await catalogue.createReview(draft, new Date());
                await catalogue.carryForward(review, state.reviewer, new Date().toISOString());
                await catalogue.setOpenReview(review.id);
              }}
            />
          )}
          {state && !open && <BackupPanel catalogue={catalogue} />}
          {state && !open && <SigningPanel />}
          {state && !open && <VerifyPanel />}
          {open && state && <OpenReview key={open.id} review={open} catalogue={catalogue} reviewer={state.reviewer} />}
        </main>
      </div>
    </CatalogueContext>
  );
}

/** Opens the review's own database for as long as it is shown, and records who works in it. */
function OpenReview({ review, catalogue, reviewer }: { readonly review: Review; readonly catalogue: Catalogue; readonly reviewer: Parameters<Workspace['setReviewer']>[0] | undefined }) {
  const [workspace, setWorkspace] = useState<Workspace | undefined>();
  useEffect(() => {
    const opened = catalogue.workspaceOf(review);
    // A staged import left by a crash or a closed window never counts: drop it before anything reads.
    void opened.discardStaged().finally(() => setWorkspace(opened));
    return () => opened.close();
  }, [catalogue, review]);
  useEffect(() => {
    if (!workspace || !reviewer) return;
    void workspace.currentReviewer().then((recorded) => {
      if (recorded?.name !== reviewer.name || recorded.role !== reviewer.role) return workspace.setReviewer(reviewer, new Date().toISOString());
      return undefined;
    });
  }, [workspace, reviewer]);
  return workspace ? <App workspace={workspace} review={review} /> : null;
}

/** Asks the browser to keep the workspace under storage pressure, and says so when it will not. */
function StorageNotice() {
  const [persisted, setPersisted] = useState<boolean | undefined>();
  useEffect(() => {
    void navigator.storage?.persist?.().then(setPersisted, () => setPersisted(false));
  }, []);
  if (persisted !== false) return null;
  return (
    <p className="hint" data-testid="storage-notice">
      The browser did not grant persistent storage: keep a backup of the workspace.
    </p>
  );
}
