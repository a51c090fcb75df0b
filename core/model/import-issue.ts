/** Why an input could not be taken; closed, so every code has a message and a test. */
export type ImportIssueCode =
  | 'BAD_REQUEST'
  | 'FILE_UNREADABLE'
  | 'EMPTY_FILE'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_HEADER'
  | 'PARSE_ERROR'
  | 'WRONG_COLUMN_COUNT'
  | 'CANCELLED'
  | 'UNKNOWN_IMPORT'
  /** Not text: an image, a workbook, an archive, or a file with NUL or control bytes. */
  | 'BINARY_FILE'
  /** Text, but neither CSV rows nor JSON records (e.g. a JSON number or string). */
  | 'UNKNOWN_FORMAT'
  /** Bytes that are not valid in the file's (detected or chosen) encoding. */
  | 'ENCODING_ERROR';

/** A problem with an input, pointing at the file and, where it has one, the 1-based line. */
export interface ImportIssue {
  readonly code: ImportIssueCode;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}

/** `file, line N: message`, the form every shell shows. */
export function describeIssue(issue: ImportIssue): string {
  const where = [issue.file, issue.line === undefined ? undefined : `line ${issue.line}`].filter(Boolean).join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** A recoverable problem with one row or column: the import goes on, and the warning is kept with the source. */
export interface ImportWarning {
  readonly message: string;
  readonly file?: string;
  /** 1-based line of the row, when the warning is about one row. */
  readonly line?: number;
}
