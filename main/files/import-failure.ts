import type { ImportIssue } from '@core/model/import-issue';

/** Thrown inside main's file readers for a problem with the input; handlers turn it back into a value. */
export class ImportFailure extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
    this.name = 'ImportFailure';
  }
}
