import { describe, expect, it } from 'vitest';
import type { Finding, ReconciliationRow, Severity, Situation } from '@core/model/reconciliation';
import { buildFindingsTable, columnOrder, decisionColumn, filterMask, NO_FILTER, tableRow, visibleRows, type TableFilter } from '@core/review/findings-table';
import { anAccount, anIdentity } from '../../../support/builders';

const finding = (code: Finding['code'], severity: Severity | undefined): Finding => ({ code, severity, reason: code, values: {} });

function row(situation: Situation, accountId: string | undefined, login: string, findings: Finding[], severity?: Severity): ReconciliationRow {
  return {
    situation,
    account: accountId === undefined ? undefined : anAccount({ accountId, login, email: `${login}@contoso.com`, displayName: `Name ${login}` }),
    identities: situation === 'ORPHAN' ? [] : [anIdentity({ id: `id-${login}`, upn: `${login}@contoso.com`, displayName: `Name ${login}` })],
    correlation: situation === 'MATCHED' ? { rule: 'email', confidence: 0.95, proposal: false, reason: '' } : undefined,
    findings,
    severity,
    remediations: [],
  };
}

// Canonical order, as a run stores it: situation, then account id.
const rows = [
  row('AMBIGUOUS', 'a-1', 'zed', [], undefined),
  row('MATCHED', 'm-1', 'carol', [finding('STALE_ACCOUNT', 'medium')], 'medium'),
  row('MATCHED', 'm-2', 'alice', [finding('PRIVILEGED', undefined), finding('TERMINATED_ACTIVE', 'critical')], 'critical'),
  row('MATCHED', 'm-3', 'bob', [], undefined),
  row('MISSING', undefined, 'dave', [finding('UNASSIGNED', 'low')], 'low'),
  row('ORPHAN', 'o-1', 'svc-backup', [finding('SERVICE_ACCOUNT', 'low')], 'low'),
];
const table = buildFindingsTable(rows);
const logins = (indices: Iterable<number>): string[] => [...indices].map((index) => tableRow(table, index).login || tableRow(table, index).upn);
const shown = (filter: Partial<TableFilter>): string[] => logins(visibleRows(columnOrder(table, 'situation'), filterMask(table, { ...NO_FILTER, ...filter }), false));

describe('the findings table model', () => {
  it('reads a row back from its columns', () => {
    expect(tableRow(table, 2)).toEqual({
      situation: 'MATCHED', accountId: 'm-2', login: 'alice', email: 'alice@contoso.com', upn: 'alice@contoso.com', name: 'Name alice',
      rule: 'email', findings: ['PRIVILEGED', 'TERMINATED_ACTIVE'], severity: 'critical',
    });
  });

  it('filters by situation, finding, severity (including none) and free text, and "any" when a set is empty', () => {
    expect(shown({})).toHaveLength(6);
    expect(shown({ situations: new Set(['MATCHED', 'ORPHAN']) })).toEqual(['carol', 'alice', 'bob', 'svc-backup']);
    expect(shown({ findings: new Set(['STALE_ACCOUNT', 'TERMINATED_ACTIVE']) })).toEqual(['carol', 'alice']);
    expect(shown({ severities: new Set(['none']) })).toEqual(['zed', 'bob']);
    expect(shown({ severities: new Set(['low']), situations: new Set(['ORPHAN']) })).toEqual(['svc-backup']);
    expect(shown({ text: '  ALICE@Contoso ' })).toEqual(['alice']);
    expect(shown({ text: 'dave' })).toEqual(['dave@contoso.com']);
  });

  it('sorts by a column, ties in canonical order, either way', () => {
    const all = filterMask(table, NO_FILTER);
    expect(logins(visibleRows(columnOrder(table, 'login'), all, false))).toEqual(['dave@contoso.com', 'alice', 'bob', 'carol', 'svc-backup', 'zed']);
    expect(logins(visibleRows(columnOrder(table, 'severity'), all, true)).slice(0, 2)).toEqual(['alice', 'carol']);
    expect(logins(visibleRows(columnOrder(table, 'severity'), all, false))).toEqual(['zed', 'bob', 'dave@contoso.com', 'svc-backup', 'carol', 'alice']);
  });

  it('filters by decision status, keyed by the row key decisions are recorded under', () => {
    expect(table.keys).toEqual(['account:a-1', 'account:m-1', 'account:m-2', 'account:m-3', 'identity:id-dave', 'account:o-1']);
    const decisions = decisionColumn(table, new Map([['account:m-2', 'revoke'], ['identity:id-dave', 'exception']]));
    const by = (statuses: TableFilter['decisions']) => logins(visibleRows(columnOrder(table, 'situation'), filterMask(table, { ...NO_FILTER, decisions: statuses }, decisions), false));
    expect(by(new Set(['revoke', 'exception']))).toEqual(['alice', 'dave@contoso.com']);
    expect(by(new Set(['undecided']))).toEqual(['zed', 'carol', 'bob', 'svc-backup']);
  });
});
