/** How a file was read: what detection found (or the user chose), recorded with the import. */
export interface SourceFormat {
  readonly container: 'csv' | 'json';
  /** `utf-8`, `utf-16le`, `utf-16be` or `windows-1252`. */
  readonly encoding: string;
  readonly bom: boolean;
  /** The CSV separator; absent for JSON. */
  readonly delimiter?: string;
  /** Lines before the header (a PowerShell `#TYPE` line, report titles), and the first of them as text. */
  readonly preambleLines: number;
  readonly preamble: readonly string[];
  /** 1-based line of the header row. */
  readonly headerLine: number;
}

/** Encodings a user may force when detection guessed wrong. */
export const SOURCE_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type SourceEncoding = (typeof SOURCE_ENCODINGS)[number];

/** Separators a user may force. */
export const SOURCE_DELIMITERS = [',', ';', '\t', '|'] as const;
export type SourceDelimiter = (typeof SOURCE_DELIMITERS)[number];

const ENCODING_NAMES: Readonly<Record<string, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
};

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** "CSV · UTF-16 LE with BOM · tab-separated · 1 line before the header skipped", as the app and the command line say it. */
export function describeFormat(format: SourceFormat): string {
  const parts = [format.container === 'json' ? 'JSON' : 'CSV', `${ENCODING_NAMES[format.encoding] ?? format.encoding}${format.bom ? ' with BOM' : ''}`];
  if (format.delimiter !== undefined) parts.push(`${DELIMITER_NAMES[format.delimiter] ?? format.delimiter}-separated`);
  if (format.preambleLines > 0) parts.push(`${format.preambleLines} line${format.preambleLines === 1 ? '' : 's'} before the header skipped`);
  return parts.join(' · ');
}
