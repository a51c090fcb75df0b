import { presentValue } from '../normalise/absent';
import { ownText } from './own-text';
import { instantMs, parseBooleanValue, type InstantOptions } from './values';

/** Reads the cells of one row by column position; -1 means the column is absent from the file. */
export const cell = (row: readonly string[], index: number): string | undefined => (index < 0 ? undefined : presentValue(row[index]));

/** A cell kept by a record: its own string, not a view keeping the file's text (see `ownText`). */
export const keptCell = (row: readonly string[], index: number): string | undefined => ownText(cell(row, index));

/** An instant cell as epoch ms, or undefined when absent or unreadable (the importer reports unreadable ones). */
export function instantCell(row: readonly string[], index: number, options?: InstantOptions): number | undefined {
  return index < 0 ? undefined : instantMs(row[index], options);
}

const ENABLED_WORDS: Readonly<Record<string, boolean>> = {
  active: true,
  enabled: true,
  member: true,
  admin: true,
  owner: true,
  'primary owner': true,
  suspended: false,
  deactivated: false,
  disabled: false,
  inactive: false,
  deprovisioned: false,
  locked: false,
  'locked out': false,
  archived: false,
};

/** Whether an account is enabled, from a boolean or a status word (`Active`, `Suspended`, `Deactivated`, …). */
export function enabledCell(row: readonly string[], index: number): boolean | undefined {
  const value = cell(row, index);
  if (value === undefined) return undefined;
  return parseBooleanValue(value) ?? ENABLED_WORDS[value.toLowerCase()];
}

/** The one empty list every record without values shares: a million rows need no million empty arrays. */
export const NO_VALUES: readonly string[] = Object.freeze([]);

/** A multi-valued cell (`a;b`, `a, b`, `a|b`) as a list without empties. */
export function listCell(row: readonly string[], index: number): string[] {
  const value = cell(row, index);
  if (value === undefined) return [];
  return value
    .split(/[;,|]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The chosen columns of a row as a name → value record, for scoping filters and mapped drift. */
export function keepAttributes(header: readonly string[], row: readonly string[], columns: readonly number[]): Readonly<Record<string, string>> {
  if (columns.length === 0) return EMPTY;
  const kept: Record<string, string> = {};
  for (const index of columns) {
    const value = row[index];
    const name = header[index];
    if (name !== undefined && value !== undefined && value !== '') kept[name] = value;
  }
  return kept;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

/** Positions of the named columns (loosely matched is not needed: attribute names are exact header names, case-insensitive). */
export function columnsNamed(header: readonly string[], names: readonly string[]): number[] {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  return header.flatMap((name, index) => (wanted.has(name.toLowerCase()) ? [index] : []));
}
