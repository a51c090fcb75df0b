import { describe, expect, it } from 'vitest';
import { compareFindings, findingsByRow, orderReviews, periodOf, previousReview, reviewProblem, type Review } from '@core/review/review';
import { anAccount, anIdentity } from '../../../support/builders';
import type { ReconciliationRow } from '@core/model/reconciliation';

const review = (id: string, facts: Partial<Review> = {}): Review => ({
  id,
  name: `Review ${id}`,
  period: '2026-Q4',
  application: 'Salesforce',
  owner: 'Dana',
  asOf: '2026-11-22',
  status: 'open',
  createdAt: '2026-11-22T09:00:00.000Z',
  database: `db-${id}`,
  ...facts,
});

const row = (accountId: string, codes: string[]): ReconciliationRow => ({
  situation: 'MATCHED',
  account: anAccount({ accountId }),
  identities: [anIdentity({ id: `id-${accountId}`, upn: `${accountId}@contoso.com` })],
  correlation: undefined,
  findings: codes.map((code) => ({ code, severity: 'medium', reason: '', values: {} })) as ReconciliationRow['findings'],
  severity: undefined,
  remediations: [],
});

describe('reviews', () => {
  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-11-22', '2026-Q4'],
  ])('names the period of %s as %s', (date, period) => {
    expect(periodOf(date)).toBe(period);
  });

  const draft = { name: 'Salesforce Q4', application: 'Salesforce', period: '2026-Q4', owner: 'Dana', asOf: '2026-11-22' };
  it.each([
    [{}, undefined],
    [{ name: '  ' }, 'name the review'],
    [{ application: '' }, 'name the application'],
    [{ period: '' }, 'name the period'],
    [{ owner: '' }, "name the review's owner"],
    [{ asOf: '22/11/2026' }, 'the as-of date must be a date'],
    [{ asOf: '2026-13-45' }, 'the as-of date must be a date'],
  ])('checks a draft %o', (change, problem) => {
    expect(reviewProblem({ ...draft, ...change })?.slice(0, problem?.length)).toBe(problem);
  });

  it('lists open reviews before archived ones, newest as-of first', () => {
    const reviews = [review('a', { asOf: '2026-06-30' }), review('b', { asOf: '2026-09-30', status: 'archived' }), review('c', { asOf: '2026-12-31' })];
    expect(orderReviews(reviews).map((one) => one.id)).toEqual(['c', 'a', 'b']);
  });

  it('compares a review with the latest earlier one of the same application, whatever the case of its name', () => {
    const q2 = review('q2', { asOf: '2026-06-30' });
    const q3 = review('q3', { asOf: '2026-09-30', application: ' salesforce ' });
    const github = review('gh', { asOf: '2026-10-31', application: 'GitHub' });
    const q4 = review('q4', { asOf: '2026-12-31' });
    expect(previousReview([q2, q3, github, q4], q4)?.id).toBe('q3');
    expect(previousReview([q2, q3, github, q4], q2)).toBeUndefined();
    expect(previousReview([q2, q3, github, q4], github)).toBeUndefined();
  });

  it('counts new, resolved and persisting findings between two runs, a finding being a row and a code', () => {
    const before = findingsByRow([row('1', ['STALE_ACCOUNT', 'PRIVILEGED']), row('2', ['ORPHAN']), row('3', [])]);
    const now = findingsByRow([row('1', ['STALE_ACCOUNT']), row('3', ['ATTRIBUTE_DRIFT']), row('4', ['PRIVILEGED'])]);
    expect(compareFindings(before, now)).toEqual({ new: 2, resolved: 2, persisting: 1 });
    expect(compareFindings(new Map(), now)).toEqual({ new: 3, resolved: 0, persisting: 0 });
  });
});
