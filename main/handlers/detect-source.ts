import type { StartImportRequest } from '@core/api/contract';
import { detectAssignmentsLayout } from '@core/import/entra-assignments';
import { detectProvisioningLayout, provisioningCompanionRole } from '@core/import/entra-provisioning';
import { detectSignInLayout } from '@core/import/entra-signins';
import { detectEntraUsersLayout } from '@core/import/entra-users';
import { findTargetProfile } from '@core/import/profiles/target-profiles';
import { detectTargetLayout } from '@core/import/target-generic';
import type { ImportIssue } from '@core/model/import-issue';

/**
 * Whether a header can be read as the kind (and target profile) the user is importing; the issue names
 * what is missing. Checked before a single row is stored, so a wrong file is refused at once.
 */
export function checkHeader(request: Pick<StartImportRequest, 'kind' | 'profileId' | 'mapping'>, header: readonly string[]): ImportIssue | undefined {
  switch (request.kind) {
    case 'entra-users':
      return issueOf(detectEntraUsersLayout(header));
    case 'entra-signins':
      return issueOf(detectSignInLayout(header));
    case 'entra-assignments':
      return issueOf(detectAssignmentsLayout(header));
    case 'entra-provisioning':
      return provisioningCompanionRole(header) === undefined ? issueOf(detectProvisioningLayout(header)) : undefined;
    case 'target': {
      const profile = findTargetProfile(request.profileId ?? 'generic');
      if (!profile) return { code: 'BAD_REQUEST', message: `unknown target profile "${request.profileId}"` };
      return issueOf(detectTargetLayout(header, [], request.mapping ?? {}, profile));
    }
  }
}

const issueOf = (result: { ok: true } | { ok: false; error: ImportIssue }): ImportIssue | undefined => (result.ok ? undefined : result.error);
