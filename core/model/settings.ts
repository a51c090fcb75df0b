import type { Severity } from './reconciliation';

/** A pair of attributes compared for drift: a target column against an Entra attribute. */
export interface DriftAttribute {
  readonly account: string;
  readonly identity: string;
}

/** Everything a reviewer can tune about a run; every value is recorded with the result. */
export interface ReconciliationSettings {
  /** The instant every date is compared against (ISO 8601, UTC). */
  readonly asOf: string;
  readonly staleDays: number;
  /** Groups of domains that are the same organisation, e.g. [["contoso.com", "contoso.onmicrosoft.com"]]. */
  readonly domainAliases: readonly (readonly string[])[];
  /** Domain given to a login without one; undefined means the most common domain of the identities' UPNs. */
  readonly defaultDomain: string | undefined;
  /** Suffixes stripped from target logins and emails, e.g. ".uat" for Salesforce sandboxes. */
  readonly loginSuffixes: readonly string[];
  readonly stripSubaddressing: boolean;
  /** Case-insensitive regular expressions matched against roles, profiles and groups. */
  readonly privilegedPatterns: readonly string[];
  /** Case-insensitive regular expressions matched against login, email and display name. */
  readonly serviceAccountPatterns: readonly string[];
  /** Account ids or logins the organisation declares to be service accounts. */
  readonly serviceAccounts: readonly string[];
  /** Attribute pairs compared for ATTRIBUTE_DRIFT beyond the built-in ones. */
  readonly driftAttributes: readonly DriftAttribute[];
  /** Days from as-of to the due date of a remediation, by severity. */
  readonly dueDays: Readonly<Record<Severity, number>>;
  /** Who owns remediation when nobody else is assigned. */
  readonly applicationOwner: string;
}

export const DEFAULT_SETTINGS: Omit<ReconciliationSettings, 'asOf'> = {
  staleDays: 90,
  domainAliases: [],
  defaultDomain: undefined,
  loginSuffixes: [],
  stripSubaddressing: true,
  privilegedPatterns: [
    '\\badmin',
    'administrator',
    '\\bowner\\b',
    '\\broot\\b',
    'super ?user',
    'superuser',
    'security_admin',
    'global admin',
    'org:owner',
  ],
  serviceAccountPatterns: ['^svc[-_.]', '[-_.]svc\\b', '\\bservice\\b', '\\bbot\\b', '^api[-_.]', '[-_.]api\\b', 'no-?reply', '\\bintegration\\b'],
  serviceAccounts: [],
  driftAttributes: [],
  dueDays: { critical: 2, high: 7, medium: 30, low: 90 },
  applicationOwner: 'Application owner',
};
