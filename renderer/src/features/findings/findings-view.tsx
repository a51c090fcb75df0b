import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useId, useMemo, useRef, useState, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
import { FINDING_CODES, SEVERITIES, SITUATIONS, type FindingCode, type Severity, type Situation } from '@core/model/reconciliation';
import type { Reviewer } from '@core/review/audit-trail';
import { DECISION_LABELS, DECISION_STATUSES, isExpired, type DecisionKind, type DecisionStatus } from '@core/review/decisions';
import { columnOrder, decisionColumn, filterMask, tableRow, visibleRows, type FindingsTable, type TableColumn, type TableFilter } from '@core/review/findings-table';
import { DecisionForm, type DecisionTarget } from '../review/decision-form';
import type { Workspace } from '../../workspace/workspace';
import { RowDetail } from './row-detail';
import { useColumnOrders } from './use-column-orders';
import { useFindingsTable } from './use-findings-table';

interface Props {
  readonly workspace: Workspace;
  readonly runId: string;
  readonly rowCount: number;
  readonly asOf: string;
  /** Decisions need to know who makes them; without a reviewer they are offered but not taken. */
  readonly reviewer: Reviewer | undefined;
  /** The situation, finding and severity filters, shared with the dashboard's charts. */
  readonly facets: Facets;
  readonly onFacets: (facets: Facets) => void;
  /** Search, sort, columns and the open row, kept above the table so the next run's table shows them again. */
  readonly view: TableView;
  readonly onView: Dispatch<SetStateAction<TableView>>;
}

export interface Facets {
  readonly situations: ReadonlySet<Situation>;
  readonly findings: ReadonlySet<FindingCode>;
  readonly severities: ReadonlySet<Severity | 'none'>;
}

export const NO_FACETS: Facets = { situations: new Set(), findings: new Set(), severities: new Set() };

/**
 * What the reviewer is looking at. A correlation fix runs the engine again and the table is the new run's: the
 * reviewer expects the same search and the fixed row still open, now showing its new correlation.
 */
export interface TableView {
  readonly text: string;
  readonly sort: { readonly column: TableColumn; readonly descending: boolean };
  readonly hidden: ReadonlySet<TableColumn>;
  readonly statuses: ReadonlySet<DecisionStatus>;
  /** The open row by its key, which a new run keeps, and by where it was in the table it was opened in. */
  readonly opened: { readonly key: string; readonly index: number } | undefined;
}

export const FIRST_TABLE_VIEW: TableView = { text: '', sort: { column: 'situation', descending: false }, hidden: new Set(), statuses: new Set(), opened: undefined };

/** Where the open row is in this table: where it was opened, or found again by its key in a new run's table. */
function openedIndex(table: FindingsTable, opened: TableView['opened']): number | undefined {
  if (!opened) return undefined;
  if (table.keys[opened.index] === opened.key) return opened.index;
  const found = table.keys.indexOf(opened.key);
  return found < 0 ? undefined : found;
}

const SHORTCUTS: Readonly<Record<string, DecisionKind>> = { k: 'keep', r: 'revoke', f: 'fix', x: 'exception' };

interface ColumnSpec {
  readonly id: TableColumn;
  readonly label: string;
  readonly width: number;
}

const COLUMNS: readonly ColumnSpec[] = [
  { id: 'situation', label: 'Situation', width: 105 },
  { id: 'accountId', label: 'Account id', width: 110 },
  { id: 'login', label: 'Login', width: 150 },
  { id: 'email', label: 'Email', width: 200 },
  { id: 'upn', label: 'Identity UPN', width: 200 },
  { id: 'name', label: 'Name', width: 140 },
  { id: 'rule', label: 'Rule', width: 75 },
  { id: 'findings', label: 'Findings', width: 240 },
  { id: 'severity', label: 'Severity', width: 80 },
];

const DECISION_WIDTH = 110;
const ROW_HEIGHT = 30;
const VIEW_ROWS = 16;
const OVERSCAN = 8;

/** The run's rows, a million or more: filtered, searched and sorted over columns, drawn only where visible. */
export function FindingsView(props: Props) {
  const loaded = useFindingsTable(props.workspace, props.runId, props.rowCount);
  if (!loaded) return <p className="hint">Loading the rows…</p>;
  return <LoadedFindings {...props} table={loaded.table} complete={loaded.complete} />;
}

function LoadedFindings({ workspace, runId, table, complete, rowCount, asOf, reviewer, facets, onFacets, view, onView }: Props & { readonly table: FindingsTable; readonly complete: boolean }) {
  const id = useId();
  const { situations, findings, severities } = facets;
  const { text, sort, hidden, statuses } = view;
  const deferredText = useDeferredValue(text);
  const [active, setActive] = useState(0);
  const opened = useMemo(() => openedIndex(table, view.opened), [table, view.opened]);
  const setOpened = (row: number | undefined) => onView((current) => ({ ...current, opened: row === undefined ? undefined : { key: table.keys[row]!, index: row } }));
  const [scrollTop, setScrollTop] = useState(0);
  const [deciding, setDeciding] = useState<{ rows: readonly DecisionTarget[]; kind: DecisionKind }>();
  const decisions = useLiveQuery(() => workspace.decisions.toArray(), [workspace]);
  // An expired exception no longer covers its row: it is back to undecided.
  const statusOf = useMemo(() => new Map((decisions ?? []).filter((decision) => !isExpired(decision, asOf)).map((decision) => [decision.rowKey, decision.kind as DecisionStatus])), [decisions, asOf]);
  const decisionOf = useMemo(() => decisionColumn(table, statusOf), [table, statusOf]);
  // An exception past its expiry comes back for a decision, saying so.
  const expiredOn = useMemo(() => new Map((decisions ?? []).filter((decision) => isExpired(decision, asOf)).map((decision) => [decision.rowKey, decision.expires ?? ''])), [decisions, asOf]);
  const scroller = useRef<HTMLDivElement>(null);

  const filter: TableFilter = useMemo(() => ({ situations, findings, severities, text: deferredText, decisions: statuses }), [situations, findings, severities, deferredText, statuses]);
  const mask = useMemo(() => filterMask(table, filter, decisionOf), [table, filter, decisionOf]);
  // The column's order is kept while only the filter or the direction changes: those are a pass over the mask.
  // Text columns are sorted ahead in a worker; a click before that sorts here.
  const prepared = useColumnOrders(table, complete);
  const preparedOrder = prepared.orders.get(sort.column);
  const order = useMemo(() => preparedOrder ?? columnOrder(table, sort.column), [table, sort.column, preparedOrder]);
  const rows = useMemo(() => visibleRows(order, mask, sort.descending), [order, mask, sort.descending]);
  const columns = COLUMNS.filter((column) => !hidden.has(column.id));
  const width = columns.reduce((total, column) => total + column.width, DECISION_WIDTH);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_ROWS * ROW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const activeRow = Math.min(active, Math.max(0, rows.length - 1));

  function moveTo(index: number): void {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    const element = scroller.current;
    if (!element) return;
    if (next * ROW_HEIGHT < element.scrollTop) element.scrollTop = next * ROW_HEIGHT;
    else if ((next + 1) * ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = (next + 1) * ROW_HEIGHT - element.clientHeight;
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: VIEW_ROWS - 1, PageUp: -(VIEW_ROWS - 1) };
    if (event.key in moves) moveTo(activeRow + moves[event.key]!);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(rows.length - 1);
    else if (event.key === 'Enter' && rows.length > 0) setOpened(rows[activeRow]);
    else if (event.key === 'Escape') setOpened(undefined);
    else if (event.key in SHORTCUTS && !event.ctrlKey && !event.metaKey && !event.altKey && rows.length > 0) decide([rows[activeRow]!], SHORTCUTS[event.key]!);
    else return;
    event.preventDefault();
  }

  const target = (row: number): DecisionTarget => {
    const values = tableRow(table, row);
    return { rowKey: table.keys[row]!, answers: values.findings.length > 0 ? values.findings : [values.situation] };
  };
  function decide(chosen: readonly number[], kind: DecisionKind): void {
    setDeciding({ rows: chosen.map(target), kind });
  }

  return (
    <section className="findings" aria-label="Findings">
      <div className="filters">
        <label htmlFor={`${id}-search`}>Search</label>
        <input id={`${id}-search`} type="search" value={text} placeholder="login, email, name, UPN, account id" onChange={(event) => onView((current) => ({ ...current, text: event.target.value }))} />
        <Toggles legend="Situation" values={SITUATIONS} selected={situations} onChange={(next) => onFacets({ ...facets, situations: next })} />
        <Toggles legend="Severity" values={[...SEVERITIES.toReversed(), 'none'] as const} selected={severities} onChange={(next) => onFacets({ ...facets, severities: next })} />
        <Toggles legend="Finding" values={FINDING_CODES} selected={findings} onChange={(next) => onFacets({ ...facets, findings: next })} />
        <Toggles legend="Decision" values={DECISION_STATUSES} selected={statuses} onChange={(next) => onView((current) => ({ ...current, statuses: next }))} />
        <details className="column-chooser">
          <summary>Columns</summary>
          {COLUMNS.map((column) => (
            <label key={column.id}>
              <input
                type="checkbox"
                checked={!hidden.has(column.id)}
                onChange={() => onView((current) => ({ ...current, hidden: toggled(current.hidden, column.id) }))}
              />
              {column.label}
            </label>
          ))}
        </details>
      </div>
      <div className="decide-bar">
        {reviewer ? (
          <>
            <button type="button" disabled={rows.length === 0} onClick={() => decide([rows[activeRow]!], 'revoke')}>
              Decide on the selected row…
            </button>
            <button type="button" disabled={rows.length === 0} onClick={() => decide(Array.from(rows), 'keep')}>
              Decide on all {rows.length.toLocaleString('en-US')} shown rows…
            </button>
            <span className="hint">Keys: K keep, R revoke, F fix, X exception</span>
          </>
        ) : (
          <span className="hint">Say who is reviewing (above) to record decisions.</span>
        )}
      </div>
      <p className="table-status" data-testid="table-status" data-sorts-ready={prepared.ready} aria-live="polite">
        {rows.length.toLocaleString('en-US')} of {table.size.toLocaleString('en-US')} rows
        {!complete && ` (loading: ${table.size.toLocaleString('en-US')} of ${rowCount.toLocaleString('en-US')} read; filters and sorts apply to the rows read)`}
      </p>
      <div
        ref={scroller}
        className="table-window"
        style={{ height: (Math.min(Math.max(rows.length, 3), VIEW_ROWS) + 1) * ROW_HEIGHT + 2 }}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <table className="side-by-side-head" aria-hidden="true" style={{ width }}>
          <colgroup>
            <col style={{ width: DECISION_WIDTH }} />
            {columns.map((column) => <col key={column.id} style={{ width: column.width }} />)}
          </colgroup>
          <thead>
            <tr>
              <th>Decision</th>
              {columns.map((column) => (
                <th key={column.id}>
                  <button type="button" tabIndex={-1} onClick={() => onView((current) => ({ ...current, sort: { column: column.id, descending: current.sort.column === column.id && !current.sort.descending } }))}>
                    {column.label}
                    {sort.column === column.id ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
        </table>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative', width }}>
          {/* The grid is the body table: focus stays on it while the active row moves (aria-activedescendant). */}
          <table
            className="side-by-side"
            style={{ position: 'absolute', top: first * ROW_HEIGHT, width }}
            // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-to-interactive-role -- a table with role grid is the APG data-grid pattern
            role="grid"
            tabIndex={0}
            aria-label="Findings rows: arrows move, Enter opens the row side by side"
            aria-rowcount={rows.length}
            aria-activedescendant={rows.length > 0 ? `${id}-row-${activeRow}` : undefined}
            onKeyDown={onKeyDown}
          >
            <colgroup>
              <col style={{ width: DECISION_WIDTH }} />
              {columns.map((column) => <col key={column.id} style={{ width: column.width }} />)}
            </colgroup>
            <thead className="visually-hidden">
              <tr>
                <th scope="col">Decision</th>
                {columns.map((column) => (
                  <th key={column.id} scope="col" aria-sort={sort.column === column.id ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from(rows.subarray(first, last), (row, offset) => (
                <Row key={row} id={`${id}-row-${first + offset}`} index={row} position={first + offset} table={table} columns={columns} decision={DECISION_STATUSES[decisionOf[row]!]!} expiredOn={expiredOn.get(table.keys[row]!)} active={first + offset === activeRow} onOpen={() => { setActive(first + offset); setOpened(row); }} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {deciding && reviewer && <DecisionForm workspace={workspace} reviewer={reviewer} rows={deciding.rows} initialKind={deciding.kind} onDone={() => setDeciding(undefined)} />}
      {opened !== undefined && <RowDetail workspace={workspace} runId={runId} index={opened} reviewer={reviewer} onClose={() => setOpened(undefined)} />}
    </section>
  );
}

function Row({ id, index, position, table, columns, decision, expiredOn, active, onOpen }: { readonly id: string; readonly decision: DecisionStatus; readonly expiredOn: string | undefined; readonly index: number; readonly position: number; readonly table: FindingsTable; readonly columns: readonly ColumnSpec[]; readonly active: boolean; readonly onOpen: () => void }) {
  const row = tableRow(table, index);
  const cells: Record<TableColumn, React.ReactNode> = {
    situation: <span className={`badge situation-${row.situation.toLowerCase()}`}>{row.situation}</span>,
    accountId: row.accountId,
    login: row.login,
    email: row.email,
    upn: row.upn,
    name: row.name,
    rule: row.rule,
    findings: row.findings.map((code) => <span key={code} className="finding">{code}</span>),
    severity: row.severity && <span className={`badge severity-${row.severity}`}>{row.severity}</span>,
  };
  return (
    <tr id={id} data-situation={row.situation} aria-rowindex={position + 1} aria-selected={active} className={active ? 'active' : undefined} onClick={onOpen} style={{ height: ROW_HEIGHT }}>
      <td className={`decision decision-${decision}${expiredOn === undefined ? '' : ' decision-expired'}`}>
        {decision !== 'undecided' ? DECISION_LABELS[decision] : expiredOn === undefined ? '—' : `exception expired ${expiredOn}`}
      </td>
      {columns.map((column) => (
        <td key={column.id}>
          {cells[column.id]}
        </td>
      ))}
    </tr>
  );
}

function Toggles<T extends string>({ legend, values, selected, onChange }: { readonly legend: string; readonly values: readonly T[]; readonly selected: ReadonlySet<T>; readonly onChange: (next: ReadonlySet<T>) => void }) {
  return (
    <fieldset className="toggles">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className={selected.has(value) ? 'on' : undefined}>
          <input type="checkbox" checked={selected.has(value)} onChange={() => onChange(toggled(selected, value))} />
          {value.toLowerCase().replaceAll('_', ' ')}
        </label>
      ))}
    </fieldset>
  );
}

function toggled<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
