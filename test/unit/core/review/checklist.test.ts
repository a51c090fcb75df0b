import { describe, expect, it } from 'vitest';
import { proposeRemediations } from '@core/engine/remediation';
import type { Finding, ReconciliationRow, Severity, Situation } from '@core/model/reconciliation';
import {
  buildChecklist,
  canMoveTo,
  changedFields,
  checklistEditProblem,
  filterChecklist,
  groupChecklist,
  isOverdue,
  NO_CHECKLIST_FILTER,
  progressOf,
  type ChecklistEdit,
  type ChecklistFields,
  type ChecklistItem,
  type ChecklistStatus,
} from '@core/review/checklist';
import type { Decision, DecisionKind } from '@core/review/decisions';
import { anAccount, anIdentity, AS_OF, someSettings } from '../../../support/builders';

const settings = someSettings({ applicationOwner: 'App owner' });
const run = { asOf: AS_OF, settings };
const ada = { name: 'Ada Lovelace', role: 'IT auditor' };
const finding = (code: Finding['code'], severity: Severity | undefined): Finding => ({ code, severity, reason: code, values: {} });

/** A row with the remediations the engine proposes for it. */
function row(situation: Situation, id: string, findings: Finding[], severity: Severity | undefined, nameProposal = false): ReconciliationRow {
  const isMissing = situation === 'MISSING';
  return {
    situation,
    account: isMissing ? undefined : anAccount({ accountId: id, login: `login-${id}` }),
    identities: situation === 'ORPHAN' ? [] : [anIdentity({ id: `id-${id}`, upn: `${id}@contoso.com` })],
    correlation: undefined,
    findings,
    severity,
    remediations: proposeRemediations(situation, findings, severity, nameProposal, settings, Date.parse(AS_OF)),
  };
}

const terminated = row('MATCHED', '1', [finding('STALE_ACCOUNT', 'medium'), finding('TERMINATED_ACTIVE', 'high')], 'high');
const drifted = row('MATCHED', '2', [finding('ATTRIBUTE_DRIFT', 'low'), finding('PRIVILEGED', undefined)], 'medium');
const orphan = row('ORPHAN', '3', [finding('STALE_ACCOUNT', 'high')], 'high');
const clean = row('MATCHED', '4', [], undefined);
const missing = row('MISSING', '5', [finding('PROVISIONING_ERROR', 'low')], 'low');
const rows = [terminated, drifted, orphan, clean, missing];

const decided = (rowKey: string, kind: DecisionKind, extra: Partial<Decision> = {}): [string, Decision] => [
  rowKey,
  { rowKey, kind, justification: 'because of the audit', answers: [], by: ada, at: '2026-11-22T10:00:00.000Z', ...extra },
];
const summary = (items: readonly ChecklistItem[]): string[] => items.map((item) => `${item.key} ${item.status} ${item.causes.join('+')}`);

describe('deriving the checklist', () => {
  it.each<[string, Map<string, Decision>, string[]]>([
    [
      'undecided rows: every proposal, open; a row without findings: nothing',
      new Map(),
      [
        'account:1|disable-account open STALE_ACCOUNT+TERMINATED_ACTIVE',
        'account:3|disable-account open STALE_ACCOUNT',
        'account:3|remove-account open ORPHAN',
        'identity:id-5|provision-or-remove-assignment open MISSING',
        'account:2|remove-role open PRIVILEGED',
        'account:2|correct-attribute open ATTRIBUTE_DRIFT',
        'identity:id-5|fix-provisioning-error open PROVISIONING_ERROR',
      ],
    ],
    [
      'revoke: the removals only; fix: the corrections only; keep: nothing',
      new Map([decided('account:1', 'revoke'), decided('account:2', 'fix'), decided('account:3', 'keep'), decided('identity:id-5', 'revoke')]),
      [
        'account:1|disable-account open STALE_ACCOUNT+TERMINATED_ACTIVE',
        'identity:id-5|provision-or-remove-assignment open MISSING',
        'account:2|remove-role open PRIVILEGED',
        'account:2|correct-attribute open ATTRIBUTE_DRIFT',
      ],
    ],
    [
      'a revoke of a row with nothing to remove still takes the access away',
      new Map([decided('account:4', 'revoke', { answers: ['MATCHED'] }), decided('account:1', 'keep'), decided('account:2', 'keep'), decided('account:3', 'keep'), decided('identity:id-5', 'keep')]),
      ['account:4|disable-account open MATCHED'],
    ],
    [
      'an exception: one item, done once recorded; an expired one brings the proposals back',
      new Map([
        decided('account:1', 'exception', { answers: ['TERMINATED_ACTIVE'], approver: 'CISO', expires: '2027-01-31' }),
        decided('account:3', 'exception', { answers: ['ORPHAN'], approver: 'CISO', expires: '2026-11-22' }),
        decided('account:2', 'keep'),
        decided('identity:id-5', 'keep'),
      ]),
      ['account:3|disable-account open STALE_ACCOUNT', 'account:3|remove-account open ORPHAN', 'account:1|record-exception done TERMINATED_ACTIVE'],
    ],
  ])('%s', (_name, decisions, expected) => {
    expect(summary(buildChecklist(rows, decisions, new Map(), run))).toEqual(expected);
  });

  it('owns each item by the application owner and dates it by severity from the as-of', () => {
    const items = buildChecklist(rows, new Map(), new Map(), run);
    expect(items.map((item) => [item.key, item.owner, item.severity, item.dueDate])).toEqual([
      ['account:1|disable-account', 'App owner', 'high', '2026-11-29'],
      ['account:3|disable-account', 'App owner', 'high', '2026-11-29'],
      ['account:3|remove-account', 'App owner', 'high', '2026-11-29'],
      ['identity:id-5|provision-or-remove-assignment', 'App owner', 'low', '2027-02-20'],
      ['account:2|remove-role', 'App owner', 'medium', '2026-12-22'],
      ['account:2|correct-attribute', 'App owner', 'medium', '2026-12-22'],
      ['identity:id-5|fix-provisioning-error', 'App owner', 'low', '2027-02-20'],
    ]);
    expect(items[0]).toMatchObject({ rowKey: 'account:1', account: 'login-1', identity: '1@contoso.com', decision: undefined, note: '', ticket: '', evidence: '' });
  });

  it('lays the stored edits over the derived items by key, so they survive a re-run, and sorts by the edited owner', () => {
    const edit: ChecklistEdit = { key: 'account:1|disable-account', status: 'in-progress', owner: 'Zed (IAM)', dueDate: '2026-11-20', note: 'n', ticket: 'CHG-7', evidence: 'ev.pdf', by: ada, at: AS_OF };
    const stale: ChecklistEdit = { ...edit, key: 'account:99|remove-account' };
    const items = buildChecklist(rows, new Map(), new Map([[edit.key, edit], [stale.key, stale]]), run);
    expect(items.map((item) => `${item.key} ${item.owner}`).slice(0, 3)).toEqual(['account:3|disable-account App owner', 'account:1|disable-account Zed (IAM)', 'account:3|remove-account App owner']);
    expect(items.find((item) => item.key === edit.key)).toMatchObject({ status: 'in-progress', dueDate: '2026-11-20', note: 'n', ticket: 'CHG-7', evidence: 'ev.pdf' });
    expect(items).toHaveLength(7);
  });

  it('does not depend on the order rows or decisions come in', () => {
    const decisions = [decided('account:1', 'revoke'), decided('account:2', 'fix')];
    const forward = buildChecklist(rows, new Map(decisions), new Map(), run);
    const backward = buildChecklist(rows.toReversed(), new Map(decisions.toReversed()), new Map(), run);
    expect(backward).toEqual(forward);
  });
});

describe('progress, groups, overdue and filters', () => {
  const today = '2026-12-25';
  const items = buildChecklist(rows, new Map(), new Map(), run).map((item, index) => ({ ...item, status: (['open', 'done', 'verified', 'in-progress'] as const)[index % 4]! }));

  it.each<[ChecklistStatus, string, boolean]>([
    ['open', '2026-11-30', true],
    ['in-progress', '2026-11-30', true],
    ['open', '2026-12-01', false],
    ['done', '2026-11-30', false],
    ['verified', '2026-11-01', false],
  ])('an item %s due %s is overdue on 2026-12-01: %s', (status, dueDate, expected) => {
    expect(isOverdue({ status, dueDate }, '2026-12-01')).toBe(expected);
  });

  it('groups by action and owner, counting done and verified as finished', () => {
    const groups = groupChecklist(items, today);
    expect(groups.map((group) => [group.key, group.finished, group.total, group.overdue])).toEqual([
      ['disable-account|App owner', 1, 2, 1],
      ['remove-account|App owner', 1, 1, 0],
      ['provision-or-remove-assignment|App owner', 0, 1, 0],
      ['remove-role|App owner', 0, 1, 1],
      ['correct-attribute|App owner', 1, 1, 0],
      ['fix-provisioning-error|App owner', 1, 1, 0],
    ]);
    expect(progressOf(items, today)).toEqual({ finished: 4, total: 7, overdue: 2 });
  });

  it.each<[string, Partial<typeof NO_CHECKLIST_FILTER>, string[]]>([
    ['open and in progress', { statuses: new Set<ChecklistStatus>(['open', 'in-progress']) }, ['account:1|disable-account', 'identity:id-5|provision-or-remove-assignment', 'account:2|remove-role']],
    ['overdue only', { overdueOnly: true }, ['account:1|disable-account', 'account:2|remove-role']],
    ['one group', { group: 'disable-account|App owner' }, ['account:1|disable-account', 'account:3|disable-account']],
  ])('filters: %s', (_name, filter, expected) => {
    expect(filterChecklist(items, { ...NO_CHECKLIST_FILTER, ...filter }, today).map((item) => item.key)).toEqual(expected);
  });
});

describe('editing an item', () => {
  it.each<[ChecklistStatus, ChecklistStatus, boolean]>([
    ['open', 'in-progress', true],
    ['open', 'done', true],
    ['open', 'verified', false],
    ['in-progress', 'done', true],
    ['in-progress', 'verified', false],
    ['done', 'verified', true],
    ['done', 'in-progress', false],
    ['verified', 'done', false],
    ['verified', 'open', true],
    ['done', 'open', true],
    ['open', 'open', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMoveTo(from, to)).toBe(allowed);
  });

  const fields: ChecklistFields = { status: 'open', owner: 'App owner', dueDate: '2026-11-29', note: '', ticket: '', evidence: '' };
  it.each<[string, Partial<ChecklistFields>, string | undefined]>([
    ['a ticket', { ticket: 'CHG-1' }, undefined],
    ['skipping to verified', { status: 'verified' }, 'an item cannot go from Open to Verified'],
    ['no owner', { owner: ' ' }, 'an item needs an owner'],
    ['a bad due date', { dueDate: '29/11/2026' }, 'the due date must be a date (YYYY-MM-DD)'],
  ])('%s: %s', (_name, change, problem) => {
    expect(checklistEditProblem(fields, { ...fields, ...change })).toBe(problem);
  });

  it('names each changed field as old → new', () => {
    expect(changedFields(fields, { ...fields, status: 'in-progress', ticket: 'CHG-1' })).toEqual({ status: 'open → in-progress', ticket: '(empty) → CHG-1' });
  });
});
