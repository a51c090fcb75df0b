import { canonicalColumnName } from '../header';
import type { Signature, SignatureColumn, TargetProfile } from './target-profile';
import { awsIam } from './targets/aws-iam';
import { atlassian, atlassianLegacy } from './targets/atlassian';
import { EMAIL_COLUMNS, generic, LOGIN_COLUMNS } from './targets/generic';
import { githubEnterprise, githubMembers, githubServer } from './targets/github';
import { googleWorkspace } from './targets/google-workspace';
import { okta } from './targets/okta';
import { salesforce } from './targets/salesforce';
import { scim } from './targets/scim';
import { servicenow } from './targets/servicenow';
import { slack } from './targets/slack';
import { zoom } from './targets/zoom';

/** The generic reading of any CSV with an email or login column, offered when no named format fits. */
export const GENERIC: TargetProfile = generic;

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
  atlassian,
  atlassianLegacy,
  okta,
  scim,
  zoom,
  GENERIC,
];

/** The profile with this id, if there is one. */
export const findTargetProfile = (id: string): TargetProfile | undefined => TARGET_PROFILES.find((profile) => profile.id === id);

/** How well one profile fits a header. */
export interface ProfileScore {
  readonly profile: TargetProfile;
  /** 0 to 1, two decimals: the share of the best-fitting signature's columns the header has. */
  readonly confidence: number;
  /** The signature columns the header has (the first name of each). */
  readonly matched: readonly string[];
}

// Names any user dump may carry: they count towards a signature's share but cannot identify a format alone.
const COMMON: ReadonlySet<string> = new Set(
  [
    'id', 'user id', 'user', 'username', 'login', 'email', 'e-mail', 'email address', 'mail', 'name', 'display name', 'full name',
    'first name', 'given name', 'last name', 'family name', 'surname', 'active', 'enabled', 'status', 'role', 'roles', 'groups', 'title',
    'created', 'created at', 'last login', 'last active',
  ].map(canonicalColumnName),
);

// The generic reading fits any dump with an address or login, so it must lose to every named format that fits.
const GENERIC_CONFIDENCE = 0.1;

// A signature with fewer than two of its own (not common) columns present is a coincidence, not the format:
// its share is scaled below the generic reading's.
const OWN_NEEDED = 2;
const COINCIDENCE = 0.05;
// Unless nearly all of the signature is there: then one own column is the format, with less confidence
// (a Salesforce report by labels without `Created Date` still has `Profile`, `Role`, `Last Login`, …).
const NEARLY_ALL = 0.8;
const ONE_OWN = 0.5;

/** How well each profile's signatures fit the header, best first (ties by profile id). */
export function scoreTargetProfiles(header: readonly string[]): ProfileScore[] {
  const present = new Set(header.map(canonicalColumnName));
  const scores = TARGET_PROFILES.map((profile) => scoreProfile(profile, header, present));
  return scores.toSorted((a, b) => b.confidence - a.confidence || (a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0));
}

function scoreProfile(profile: TargetProfile, header: readonly string[], present: ReadonlySet<string>): ProfileScore {
  const prefix = profile.lastLoginPrefix === undefined ? undefined : canonicalColumnName(profile.lastLoginPrefix);
  const has = (name: string): boolean => {
    const wanted = canonicalColumnName(name);
    // The prefix stands for any number of per-product columns (`Last seen in Jira - acme`).
    if (wanted === prefix) return header.some((column) => canonicalColumnName(column).startsWith(prefix));
    return present.has(wanted);
  };
  if (profile.signatures.length === 0) {
    const usable = [...EMAIL_COLUMNS, ...LOGIN_COLUMNS].some(has);
    return { profile, confidence: usable ? GENERIC_CONFIDENCE : 0, matched: [] };
  }
  if (profile.rejects?.(has) === true) return { profile, confidence: 0, matched: [] };
  let best: ProfileScore = { profile, confidence: 0, matched: [] };
  for (const signature of profile.signatures) {
    const score = scoreSignature(profile, signature, has);
    if (score.confidence > best.confidence) best = score;
  }
  return best;
}

function scoreSignature(profile: TargetProfile, signature: Signature, has: (name: string) => boolean): ProfileScore {
  const matched: string[] = [];
  let own = 0;
  let ownInSignature = 0;
  for (const column of signature) {
    const names = namesOf(column);
    if (names.some((name) => !COMMON.has(canonicalColumnName(name)))) ownInSignature += 1;
    const found = names.find(has);
    if (found === undefined) continue;
    matched.push(names[0]!);
    if (!COMMON.has(canonicalColumnName(found))) own += 1;
  }
  const share = matched.length / signature.length;
  const confidence = own >= Math.min(OWN_NEEDED, ownInSignature) ? share : own === 1 && share >= NEARLY_ALL ? share * ONE_OWN : share * COINCIDENCE;
  return { profile, confidence: Math.round(confidence * 100) / 100, matched };
}

const namesOf = (column: SignatureColumn): readonly string[] => (typeof column === 'string' ? [column] : column);
