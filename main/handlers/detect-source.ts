import { detectEntraUsersLayout } from '@core/import/entra-users';
import type { SourceKind } from '@core/import/source-kind';
import { detectTargetLayout } from '@core/import/target-generic';
import type { ImportIssue } from '@core/model/import-issue';

/** Whether a header fits the kind of source the user is importing; the issue names what is missing. */
export function checkHeader(kind: SourceKind, header: readonly string[]): ImportIssue | undefined {
  const layout = kind === 'entra-users' ? detectEntraUsersLayout(header) : detectTargetLayout(header);
  return layout.ok ? undefined : layout.error;
}
