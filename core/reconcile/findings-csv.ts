import { csvLine } from '../csv/write-csv';
import type { ReconciliationRow } from '../model/reconciliation';

export const FINDINGS_CSV_HEADER = [
  'situation',
  'account_id',
  'account_login',
  'account_email',
  'identity_id',
  'identity_upn',
  'match_rule',
  'confidence',
  'findings',
  'severity',
] as const;

// Code-unit order, not locale order: the file must sort the same on every machine.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Situation, account id, identity id, then every other column, so even duplicate keys sort one way only.
const SORT_ORDER = [0, 1, 4, 2, 3, 5, 6, 7, 8, 9];

function compareLines(a: readonly string[], b: readonly string[]): number {
  for (const column of SORT_ORDER) {
    const order = compare(a[column] ?? '', b[column] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

function fields(row: ReconciliationRow): string[] {
  return [
    row.situation,
    row.account?.accountId ?? '',
    row.account?.login ?? '',
    row.account?.email ?? '',
    row.identities.map((identity) => identity.id).join(';'),
    row.identities.map((identity) => identity.upn).join(';'),
    row.correlation?.rule ?? '',
    row.correlation === undefined ? '' : row.correlation.confidence.toFixed(2),
    row.findings.map((finding) => finding.code).toSorted(compare).join(';'),
    row.severity ?? '',
  ];
}

// Lines are gathered into pieces of about this many characters: one string per line would be a million strings.
const PIECE_CHARS = 1 << 20;

/**
 * `findings.csv` as reconciliation.md specifies: header, then one line per row sorted by situation, account
 * id and identity id (then the other columns), so the bytes depend only on the inputs and settings, never on
 * row order. Rows in that order already (as `reconcile` returns them) are written as they come; others are
 * sorted first.
 */
export function writeFindingsCsv(rows: readonly ReconciliationRow[]): string {
  const pieces = [csvLine(FINDINGS_CSV_HEADER)];
  let piece = '';
  let previous: readonly string[] | undefined;
  for (const row of rows) {
    const line = fields(row);
    if (previous !== undefined && compareLines(previous, line) > 0) return sortedCsv(rows);
    piece += csvLine(line);
    if (piece.length >= PIECE_CHARS) {
      pieces.push(piece);
      piece = '';
    }
    previous = line;
  }
  pieces.push(piece);
  return pieces.join('');
}

function sortedCsv(rows: readonly ReconciliationRow[]): string {
  const lines = rows.map(fields).toSorted(compareLines);
  return csvLine(FINDINGS_CSV_HEADER) + lines.map(csvLine).join('');
}
