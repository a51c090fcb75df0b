import { canonicalColumnName, findColumn } from '../header';
import { GENERIC_COLUMNS } from '../target-generic';
import type { TargetProfile } from './target-profile';
import { atlassian, atlassianLegacy, atlassianManaged } from './targets/atlassian';
import { awsIam } from './targets/aws-iam';
import { githubEnterprise, githubMembers, githubServer } from './targets/github';
import { googleWorkspace } from './targets/google-workspace';
import { okta, oktaPasswordHealth } from './targets/okta';
import { salesforce } from './targets/salesforce';
import { scim } from './targets/scim';
import { servicenow } from './targets/servicenow';
import { slack, slackAnalytics } from './targets/slack';
import { zoom } from './targets/zoom';

/** The generic reading of any CSV with an email or login column, offered when no named format fits. */
export const GENERIC: TargetProfile = { id: 'generic', label: 'Any CSV (column mapping)', signature: [], columns: GENERIC_COLUMNS };

/** Every target format Recondesk reads, the generic one last. */
export const TARGET_PROFILES: readonly TargetProfile[] = [
  awsIam,
  salesforce,
  servicenow,
  githubMembers,
  githubEnterprise,
  githubServer,
  googleWorkspace,
  slack,
  slackAnalytics,
  atlassian,
  atlassianManaged,
  atlassianLegacy,
  okta,
  oktaPasswordHealth,
  scim,
  zoom,
  GENERIC,
];

export const findTargetProfile = (id: string): TargetProfile | undefined => TARGET_PROFILES.find((profile) => profile.id === id);

export interface ProfileScore {
  readonly profile: TargetProfile;
  /** 0 to 1, two decimals. */
  readonly confidence: number;
  /** The signature columns the header has. */
  readonly matched: readonly string[];
}

const GENERIC_NAMES: ReadonlySet<string> = new Set(Object.values(GENERIC_COLUMNS).flat().map(canonicalColumnName));

// The generic reading fits any dump with an address or login, so it must lose to every named format that fits.
const GENERIC_CONFIDENCE = 0.1;

/** How well each profile's signature fits the header, best first (ties by profile id). */
export function scoreTargetProfiles(header: readonly string[]): ProfileScore[] {
  const scores = TARGET_PROFILES.map((profile): ProfileScore => {
    if (profile === GENERIC) {
      const usable = findColumn(header, GENERIC_COLUMNS.email) >= 0 || findColumn(header, GENERIC_COLUMNS.login) >= 0;
      return { profile, confidence: usable ? GENERIC_CONFIDENCE : 0, matched: [] };
    }
    const matched = profile.signature.filter((name) => findColumn(header, [name]) >= 0);
    // Names any dump may have (email, username, active) say little: a profile needs its own columns too.
    const distinctive = profile.signature.filter((name) => !GENERIC_NAMES.has(canonicalColumnName(name)));
    const ownFound = matched.filter((name) => !GENERIC_NAMES.has(canonicalColumnName(name))).length;
    const share = matched.length / profile.signature.length;
    const confidence = ownFound >= Math.min(2, distinctive.length) ? share : share * 0.3;
    return { profile, confidence: Math.round(confidence * 100) / 100, matched };
  });
  return scores.toSorted((a, b) => b.confidence - a.confidence || (a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0));
}
