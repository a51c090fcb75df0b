import { FINDING_CODES, SEVERITIES, SITUATIONS, type FindingCode, type ReconciliationRow, type Severity, type Situation } from '../model/reconciliation';
import { DECISION_STATUSES, rowKey, type DecisionStatus } from './decisions';

/** The columns a reviewer can sort the findings by. */
export const TABLE_COLUMNS = ['situation', 'accountId', 'login', 'email', 'upn', 'name', 'rule', 'findings', 'severity'] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];
type TextColumn = Exclude<TableColumn, 'situation' | 'findings' | 'severity'>;

/**
 * A run's rows as columns: small typed arrays for what is filtered (situation, severity, findings as bits) and
 * one string array per shown text, so filtering a million rows is a loop over bytes, not over objects. Row i is
 * the run's i-th row in canonical order; the full row is read from the run's blocks when it is opened.
 */
export interface FindingsTable {
  readonly size: number;
  /** Index into SITUATIONS. */
  readonly situation: Uint8Array;
  /** 0 none, then 1 + index into SEVERITIES (low … critical). */
  readonly severity: Uint8Array;
  /** Bit i set when the row has FINDING_CODES[i]. */
  readonly findings: Uint16Array;
  readonly text: Readonly<Record<TextColumn, readonly string[]>>;
  /** Lower-cased account id, login, email, UPN and names, for free-text search. */
  readonly search: readonly string[];
  /** Each row's key (`rowKey`), which decisions are recorded under. */
  readonly keys: readonly string[];
}

const SITUATION_INDEX = new Map<Situation, number>(SITUATIONS.map((situation, index) => [situation, index]));
const SEVERITY_INDEX = new Map<Severity, number>(SEVERITIES.map((severity, index) => [severity, index + 1]));
const FINDING_BIT = new Map<FindingCode, number>(FINDING_CODES.map((code, index) => [code, 1 << index]));

/** Builds the table block by block, so rows can be dropped once their columns are read. */
export class FindingsTableBuilder {
  readonly #situation: number[] = [];
  readonly #severity: number[] = [];
  readonly #findings: number[] = [];
  readonly #text: Record<TextColumn, string[]> = { accountId: [], login: [], email: [], upn: [], name: [], rule: [] };
  readonly #search: string[] = [];
  readonly #keys: string[] = [];

  add(rows: readonly ReconciliationRow[]): void {
    for (const row of rows) {
      const identities = row.identities;
      const upn = identities.length === 1 ? identities[0]!.upn : identities.map((identity) => identity.upn).join('; ');
      const name = row.account?.displayName ?? identities.map((identity) => identity.displayName ?? '').join('; ');
      this.#situation.push(SITUATION_INDEX.get(row.situation)!);
      this.#severity.push(row.severity === undefined ? 0 : SEVERITY_INDEX.get(row.severity)!);
      let bits = 0;
      for (const finding of row.findings) bits |= FINDING_BIT.get(finding.code)!;
      this.#findings.push(bits);
      const accountId = row.account?.accountId ?? '';
      const login = row.account?.login ?? '';
      const email = row.account?.email ?? '';
      this.#text.accountId.push(accountId);
      this.#text.login.push(login);
      this.#text.email.push(email);
      this.#text.upn.push(upn);
      this.#text.name.push(name);
      this.#text.rule.push(row.correlation?.rule ?? '');
      this.#search.push(`${accountId}\n${login}\n${email}\n${upn}\n${name}`.toLowerCase());
      this.#keys.push(rowKey(row));
    }
  }

  build(): FindingsTable {
    return {
      size: this.#situation.length,
      situation: Uint8Array.from(this.#situation),
      severity: Uint8Array.from(this.#severity),
      findings: Uint16Array.from(this.#findings),
      text: this.#text,
      search: this.#search,
      keys: this.#keys,
    };
  }
}

export function buildFindingsTable(rows: readonly ReconciliationRow[]): FindingsTable {
  const builder = new FindingsTableBuilder();
  builder.add(rows);
  return builder.build();
}

/** What the reviewer narrowed the table to; an empty set means "any". */
export interface TableFilter {
  readonly situations: ReadonlySet<Situation>;
  readonly findings: ReadonlySet<FindingCode>;
  readonly severities: ReadonlySet<Severity | 'none'>;
  /** Matched case-insensitively against account id, login, email, UPN and names. */
  readonly text: string;
  readonly decisions: ReadonlySet<DecisionStatus>;
}

export const NO_FILTER: TableFilter = { situations: new Set(), findings: new Set(), severities: new Set(), text: '', decisions: new Set() };

/** Each row's decision status as an index into DECISION_STATUSES (0, undecided, when the map has none). */
export function decisionColumn(table: FindingsTable, statusOf: ReadonlyMap<string, DecisionStatus>): Uint8Array {
  const column = new Uint8Array(table.size);
  if (statusOf.size === 0) return column;
  for (let row = 0; row < table.size; row += 1) {
    const status = statusOf.get(table.keys[row]!);
    if (status !== undefined) column[row] = DECISION_STATUSES.indexOf(status);
  }
  return column;
}

/** The rows that pass the filter: a mask (1 = shown), one byte per row. */
export function filterMask(table: FindingsTable, filter: TableFilter, decisions: Uint8Array = new Uint8Array(table.size)): Uint8Array {
  const statuses = maskOf(filter.decisions, (status) => 1 << DECISION_STATUSES.indexOf(status), 0xff);
  const situations = maskOf(filter.situations, (situation) => 1 << SITUATION_INDEX.get(situation)!, 0xff);
  const severities = maskOf(filter.severities, (severity) => 1 << (severity === 'none' ? 0 : SEVERITY_INDEX.get(severity)!), 0xff);
  const findings = maskOf(filter.findings, (code) => FINDING_BIT.get(code)!, -1);
  const needle = filter.text.trim().toLowerCase();
  const mask = new Uint8Array(table.size);
  for (let row = 0; row < table.size; row += 1) {
    if ((situations & (1 << table.situation[row]!)) === 0) continue;
    if ((severities & (1 << table.severity[row]!)) === 0) continue;
    if (findings !== -1 && (table.findings[row]! & findings) === 0) continue;
    if ((statuses & (1 << decisions[row]!)) === 0) continue;
    if (needle !== '' && !table.search[row]!.includes(needle)) continue;
    mask[row] = 1;
  }
  return mask;
}

function maskOf<T>(values: ReadonlySet<T>, bit: (value: T) => number, any: number): number {
  if (values.size === 0) return any;
  let mask = 0;
  for (const value of values) mask |= bit(value);
  return mask;
}

/**
 * Every row in the order of a column, ties in canonical order. Rows are already in canonical order (situation,
 * account id), so those two need no sort; the others are sorted once and can be kept for later sorts.
 */
export function columnOrder(table: FindingsTable, column: TableColumn): Uint32Array {
  const order = new Uint32Array(table.size);
  for (let row = 0; row < table.size; row += 1) order[row] = row;
  if (column === 'situation' || column === 'accountId') return order;
  if (column === 'severity' || column === 'findings') {
    const key = column === 'severity' ? table.severity : table.findings;
    // A counting sort: the keys are small integers.
    return countingSort(order, key);
  }
  return textOrder(table.text[column]);
}

/** The text columns whose order is a real sort: worth preparing ahead, off the window's thread. */
export const SORTED_TEXT_COLUMNS = ['login', 'email', 'upn', 'name', 'rule'] as const satisfies readonly TableColumn[];

/** Row indexes in the order of their values (UTF-16 code unit order), ties in row order. */
export function textOrder(values: readonly string[]): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let row = 0; row < values.length; row += 1) order[row] = row;
  return order.toSorted((a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
}

function countingSort(order: Uint32Array, key: Uint8Array | Uint16Array): Uint32Array {
  const buckets = new Map<number, number[]>();
  for (const row of order) {
    const bucket = buckets.get(key[row]!);
    if (bucket) bucket.push(row);
    else buckets.set(key[row]!, [row]);
  }
  const sorted = new Uint32Array(order.length);
  let at = 0;
  for (const value of [...buckets.keys()].toSorted((a, b) => a - b)) for (const row of buckets.get(value)!) sorted[at++] = row;
  return sorted;
}

/** The shown rows: a column's order (or the reverse), keeping only the rows the mask lets through. */
export function visibleRows(order: Uint32Array, mask: Uint8Array, descending: boolean): Uint32Array {
  let count = 0;
  for (let row = 0; row < mask.length; row += 1) count += mask[row]!;
  const rows = new Uint32Array(count);
  let at = 0;
  if (descending) {
    for (let index = order.length - 1; index >= 0; index -= 1) if (mask[order[index]!] === 1) rows[at++] = order[index]!;
  } else {
    for (let index = 0; index < order.length; index += 1) if (mask[order[index]!] === 1) rows[at++] = order[index]!;
  }
  return rows;
}

/** Readable values of row i, for the virtualised table. */
export function tableRow(table: FindingsTable, row: number) {
  const bits = table.findings[row]!;
  const severity = table.severity[row]!;
  return {
    situation: SITUATIONS[table.situation[row]!]!,
    accountId: table.text.accountId[row]!,
    login: table.text.login[row]!,
    email: table.text.email[row]!,
    upn: table.text.upn[row]!,
    name: table.text.name[row]!,
    rule: table.text.rule[row]!,
    findings: FINDING_CODES.filter((_, index) => (bits & (1 << index)) !== 0),
    severity: severity === 0 ? undefined : SEVERITIES[severity - 1],
  };
}
