import { basename } from 'node:path';
import { detectEntraUsersLayout, hasSignInColumns, identityFromRow } from '@core/import/entra-users';
import { accountFromRow, detectTargetLayout, type ColumnMapping } from '@core/import/target-generic';
import type { Account } from '@core/model/account';
import type { Identity } from '@core/model/identity';
import { ImportFailure } from '../files/import-failure';
import { readCsv, type CsvEnd, type CsvHeader, type CsvRows } from '../files/read-csv';

export interface LoadedSource<T> {
  readonly fileName: string;
  readonly items: T[];
  readonly end: CsvEnd;
}

/** Reads a CSV, mapping each batch as it arrives so raw rows never pile up in memory. */
async function loadCsv<T, L>(
  path: string,
  detect: (header: readonly string[]) => { ok: true; value: L } | { ok: false; error: ImportFailure['issue'] },
  map: (layout: L, header: readonly string[], row: readonly string[], line: number) => T | undefined,
): Promise<LoadedSource<T> & { layout: L }> {
  const fileName = basename(path);
  const reader = readCsv(path, { fileName, batchRows: 10_000 });
  const first = await reader.next();
  if (first.done || !('header' in first.value)) throw new ImportFailure({ code: 'EMPTY_FILE', file: fileName, message: 'the file is empty: no header row' });
  const { header } = first.value as CsvHeader;
  const detected = detect(header);
  if (!detected.ok) throw new ImportFailure({ ...detected.error, file: fileName });
  const items: T[] = [];
  for (;;) {
    const step = await reader.next();
    if (step.done) return { fileName, items, end: step.value, layout: detected.value };
    const batch = step.value as CsvRows;
    batch.rows.forEach((row, index) => {
      const item = map(detected.value, header, row, batch.lines[index] ?? 0);
      if (item !== undefined) items.push(item);
    });
  }
}

/** Identities from an Entra users CSV, and whether it carries sign-in activity. */
export async function loadIdentities(path: string, keepColumns: readonly string[]): Promise<LoadedSource<Identity> & { hasSignInData: boolean }> {
  const loaded = await loadCsv(path, (header) => detectEntraUsersLayout(header, keepColumns), (layout, header, row) => identityFromRow(layout, header, row));
  return { ...loaded, hasSignInData: hasSignInColumns(loaded.layout) };
}

/** Accounts from a target CSV, with the user's column mapping applied over detection. */
export function loadAccounts(path: string, keepColumns: readonly string[], mapping: ColumnMapping): Promise<LoadedSource<Account>> {
  return loadCsv(path, (header) => detectTargetLayout(header, keepColumns, mapping), accountFromRow);
}
