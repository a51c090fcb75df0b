import { csvLine, startsFormula } from '../csv/write-csv';
import type { ReconciliationRow, RowList } from '../model/reconciliation';

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
  const line: string[] = [];
  fillFields(line, row);
  return line;
}

// Confidences are a handful of values; each is formatted once rather than once per row.
const confidenceTexts = new Map<number, string>();

function confidenceText(confidence: number): string {
  let text = confidenceTexts.get(confidence);
  if (text === undefined) {
    text = confidence.toFixed(2);
    confidenceTexts.set(confidence, text);
  }
  return text;
}

/** The row's fields written into `line`, which is reused from row to row (a million rows, no array each). */
function fillFields(line: string[], row: ReconciliationRow): void {
  const { account, identities, correlation, findings } = row;
  line[0] = row.situation;
  line[1] = account?.accountId ?? '';
  line[2] = account?.login ?? '';
  line[3] = account?.email ?? '';
  // Nearly every row has one identity or none, and no finding or one: no list is built for those.
  line[4] = identities.length === 1 ? identities[0]!.id : identities.map((identity) => identity.id).join(';');
  line[5] = identities.length === 1 ? identities[0]!.upn : identities.map((identity) => identity.upn).join(';');
  line[6] = correlation?.rule ?? '';
  line[7] = correlation === undefined ? '' : confidenceText(correlation.confidence);
  line[8] = findings.length === 0 ? '' : findings.length === 1 ? findings[0]!.code : findings.map((finding) => finding.code).toSorted(compare).join(';');
  line[9] = row.severity ?? '';
}

// Lines are gathered into pieces of about this many characters: one string per line would be a million strings.
const PIECE_CHARS = 1 << 20;

/**
 * `findings.csv` as reconciliation.md specifies: header, then one line per row sorted by situation, account
 * id and identity id (then the other columns), so the bytes depend only on the inputs and settings, never on
 * row order. Rows in that order already (as `reconcile` returns them) are written as they come; others are
 * sorted first.
 */
export function writeFindingsCsv(rows: RowList): string {
  return [...findingsCsvPieces(rows)].join('');
}

/**
 * The same text in pieces of about a million characters, made as they are asked for: a writer that takes each
 * piece to disk never holds the whole file (100 MB for a million rows, and as much again while it is joined).
 */
export function* findingsCsvPieces(rows: RowList): Generator<string> {
  if (!inFileOrder(rows)) {
    yield sortedCsv(rows);
    return;
  }
  let piece = csvLine(FINDINGS_CSV_HEADER);
  const line: string[] = [];
  for (const row of rows) {
    fillFields(line, row);
    const joined = line.join(',');
    piece += PLAIN_LINE.test(joined) && !anyStartsFormula(line) ? `${joined}\n` : csvLine(line);
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}

// A line whose fields are all written as they are: no field holds a comma (the line has exactly one between
// each two fields), a quote or a line break. One native test of the joined line replaced quoting each field
// apart, a loop over every character in JavaScript (1.2 s of 2.0 s a million rows).
const PLAIN_LINE = new RegExp(`^(?:[^,"\\r\\n]*,){${FINDINGS_CSV_HEADER.length - 1}}[^,"\\r\\n]*$`);

function anyStartsFormula(line: readonly string[]): boolean {
  for (const field of line) if (startsFormula(field)) return true;
  return false;
}

/** Whether the rows are already in the file's order; checked before the first piece, which cannot be taken back. */
function inFileOrder(rows: RowList): boolean {
  let previous: ReconciliationRow | undefined;
  for (const row of rows) {
    if (previous !== undefined) {
      // Situation and account id decide nearly every pair without building the lines.
      const order = compare(previous.situation, row.situation) || compare(previous.account?.accountId ?? '', row.account?.accountId ?? '');
      if (order > 0 || (order === 0 && compareLines(fields(previous), fields(row)) > 0)) return false;
    }
    previous = row;
  }
  return true;
}

function sortedCsv(rows: RowList): string {
  const lines = Array.from(rows, fields).toSorted(compareLines);
  return csvLine(FINDINGS_CSV_HEADER) + lines.map(csvLine).join('');
}
