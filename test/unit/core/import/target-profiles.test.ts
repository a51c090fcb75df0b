import { readdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectSource } from '@core/import/detect-source';
import type { RowBatch } from '@core/import/map-rows';
import { mapTargetAccounts } from '@core/import/map-target';
import { findTargetProfile, scoreTargetProfiles, TARGET_PROFILES } from '@core/import/profiles/target-profiles';
import { accountFromRow, detectTargetLayout, type ColumnMapping } from '@core/import/target-generic';
import type { Account } from '@core/model/account';
import { fixture } from '../../../support/fixtures';

interface Table {
  readonly header: string[];
  readonly rows: string[][];
}

/** A target CSV fixture as the reader delivers it. */
function csvFixture(name: string): Table {
  const [header = [], ...rows] = Papa.parse<string[]>(readFileSync(fixture(`target/${name}`), 'utf8'), { skipEmptyLines: true }).data;
  return { header, rows };
}

const batches = (rows: string[][]): RowBatch[] => [{ rows, lines: rows.map((_, index) => index + 2) }];

function accounts(name: string, profileId: string, mapping: ColumnMapping = {}): Account[] {
  const { header, rows } = csvFixture(name);
  const profile = findTargetProfile(profileId);
  if (!profile) throw new Error(`no profile ${profileId}`);
  const result = mapTargetAccounts(header, batches(rows), { profile, mapping, keepColumns: [] });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The fields a profile decides, instants as ISO text so that a failure reads as dates. */
interface Seen {
  readonly id: string;
  readonly login?: string | undefined;
  readonly email?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly lastLogin?: string | undefined;
  readonly created?: string | undefined;
  readonly roles?: readonly string[] | undefined;
  readonly objectId?: string | undefined;
  readonly nonHuman?: string | undefined;
  readonly privileged?: string | undefined;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

// toEqual ignores undefined properties, so an expectation lists only what is set.
const seen = (account: Account): Seen => ({
  id: account.accountId,
  login: account.login,
  email: account.email,
  enabled: account.enabled,
  lastLogin: iso(account.lastLoginAt),
  created: iso(account.createdAt),
  roles: account.roles.length === 0 ? undefined : account.roles,
  objectId: account.objectId,
  nonHuman: account.nonHumanReason,
  privileged: account.privilegedReason,
});

const ROOT = 'the AWS account root user';
const SF_ADA = '0055g00000AdaAAA';
const SF_GRC = '0055g00000GrcAAA';
const SF_INT = '0055g00000IntAAA';
const SF_PRT = '0055g00000PrtAAA';
const ATL = (n: number): string => `5b10ac8d82e05b22cc7d4ef${n}`;
const ENTRA_ID = (n: number): string => `0b6f1c1e-000${n}-4a4a-9c9c-00000000000${n}`;

const FIXTURES: readonly (readonly [file: string, profile: string, expected: readonly Seen[]])[] = [
  [
    'aws-iam.csv',
    'aws-iam',
    [
      { id: '<root_account>', login: '<root_account>', enabled: true, lastLogin: '2026-10-03T14:22:05.000Z', created: '2019-04-02T08:11:37.000Z', nonHuman: ROOT, privileged: ROOT },
      { id: 'ada.lovelace', login: 'ada.lovelace', enabled: true, lastLogin: '2026-11-05T17:45:00.000Z', created: '2021-06-15T09:30:00.000Z' },
      {
        id: 'ci-deploy',
        login: 'ci-deploy',
        enabled: true,
        lastLogin: '2026-11-20T03:12:00.000Z',
        created: '2022-02-01T00:00:00.000Z',
        nonHuman: 'AWS user with access keys and no console password',
      },
      { id: 'grace.hopper', login: 'grace.hopper', enabled: true, created: '2020-01-20T10:00:00.000Z' },
      { id: 'alan.turing', login: 'alan.turing', enabled: false, lastLogin: '2024-05-01T11:30:00.000Z', created: '2018-11-05T16:40:12.000Z' },
    ],
  ],
  [
    'google-workspace.csv',
    'google-workspace',
    [
      { id: 'ada@contoso.com', email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-03T09:12:45.000Z' },
      { id: 'grace.hopper@contoso.com', email: 'grace.hopper@contoso.com', enabled: false, lastLogin: '2025-06-30T17:00:00.000Z' },
      { id: 'linus@contoso.com', email: 'linus@contoso.com', enabled: true },
      { id: 'alan.turing@contoso.com', email: 'alan.turing@contoso.com', enabled: true, lastLogin: '2026-10-31T23:59:59.000Z' },
    ],
  ],
  [
    'google-workspace-api.csv',
    'google-workspace',
    [
      { id: '104857395012345678901', email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-03T09:12:45.000Z', created: '2021-06-15T09:30:00.000Z', roles: ['admin'] },
      { id: '104857395012345678902', email: 'grace.hopper@contoso.com', enabled: false, lastLogin: '2025-06-30T17:00:00.000Z', created: '2020-01-20T10:00:00.000Z' },
      { id: '104857395012345678903', email: 'linus@contoso.com', enabled: true, created: '2026-11-15T08:00:00.000Z' },
      { id: '104857395012345678904', email: 'former@contoso.com', enabled: false, lastLogin: '2024-02-29T12:00:00.000Z', created: '2019-09-01T07:00:00.000Z' },
    ],
  ],
  [
    'slack.csv',
    'slack',
    [
      { id: 'U01ADA0001', login: 'ada', email: 'ada@contoso.com', enabled: true, roles: ['Primary Owner'] },
      { id: 'U01GRC0002', login: 'grace', email: 'grace.hopper@contoso.com', enabled: true, roles: ['Admin'] },
      { id: 'U01ALN0003', login: 'alan', email: 'alan.turing@contoso.com', enabled: true },
      { id: 'U01OLD0004', login: 'old.timer', email: 'old.timer@contoso.com', enabled: false },
      { id: 'B01JIRA005', login: 'jirabot', enabled: true, nonHuman: 'Slack bot user' },
      { id: 'U01VIC0006', login: 'vendor.vic', email: 'vic@vendor.example', enabled: true },
    ],
  ],
  [
    'slack-analytics.csv',
    'slack',
    [
      // `Last active (UTC)` is the overall last activity, the reason to take this export over the member list.
      { id: 'U01ADA0001', login: 'ada', email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-20T00:00:00.000Z', created: '2024-03-14T00:00:00.000Z', roles: ['Primary Owner'] },
      {
        id: 'U01GRC0002',
        login: 'grace',
        email: 'grace.hopper@contoso.com',
        enabled: true,
        lastLogin: '2026-10-30T00:00:00.000Z',
        created: '2024-01-02T00:00:00.000Z',
        roles: ['Admin'],
      },
      { id: 'U01ALN0003', login: 'alan', email: 'alan.turing@contoso.com', enabled: true, lastLogin: '2026-01-10T00:00:00.000Z', created: '2025-11-30T00:00:00.000Z' },
      { id: 'U01VIC0006', login: 'vendor.vic', email: 'vic@vendor.example', enabled: true, created: '2026-09-09T00:00:00.000Z' },
    ],
  ],
  [
    'github-members.csv',
    'github-members',
    [
      { id: 'ada-l', login: 'ada-l', email: 'ada@contoso.com', lastLogin: '2026-11-18T10:22:03.000Z', roles: ['Owner'] },
      { id: 'ghopper', login: 'ghopper', email: 'grace.hopper@contoso.com', objectId: ENTRA_ID(2), lastLogin: '2026-09-01T08:00:00.000Z', roles: ['Member'] },
      { id: 'aturing', login: 'aturing', roles: ['Member'] },
      { id: 'jdoe-ext', login: 'jdoe-ext', email: 'jane.doe@contoso.com', lastLogin: '2025-12-24T12:00:00.000Z', roles: ['Member'] },
    ],
  ],
  [
    'github-enterprise.csv',
    'github-enterprise',
    [
      { id: 'ada-l', login: 'ada-l', email: 'ada@contoso.com', roles: ['acme:Owner', 'Owner'] },
      { id: 'ghopper', login: 'ghopper', email: 'grace.hopper@contoso.com', roles: ['acme:Member', 'acme-labs:Member', 'Member'] },
      { id: 'contractor-x', login: 'contractor-x', roles: ['Outside collaborator'] },
      { id: 'svc-release', login: 'svc-release', objectId: '7d9c2b7a-5a1e-4c38-9d2a-0f4b1c2d3e4f', roles: ['acme:Member', 'Member'] },
    ],
  ],
  [
    'github-server.csv',
    'github-server',
    [
      { id: '4', login: 'ghe-admin', email: 'ghe-admin@contoso.com', enabled: true, lastLogin: '2026-11-19T16:05:00.000Z', created: '2019-03-04T10:00:00.000Z', roles: ['admin'] },
      { id: '17', login: 'ada-l', email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-18T10:22:03.000Z', created: '2021-06-15T09:30:00.000Z' },
      { id: '23', login: 'ghopper', email: 'grace.hopper@contoso.com', enabled: false, lastLogin: '2025-02-11T09:00:00.000Z', created: '2020-01-20T10:00:00.000Z' },
      { id: '51', login: 'aturing', email: 'alan.turing@contoso.com', enabled: true, created: '2023-08-08T08:08:08.000Z' },
    ],
  ],
  [
    'salesforce.csv',
    'salesforce',
    [
      {
        id: SF_ADA,
        login: 'ada@contoso.com',
        email: 'ada@contoso.com',
        enabled: true,
        lastLogin: '2026-11-03T09:15:00.000Z',
        created: '2021-06-15T09:30:00.000Z',
        objectId: ENTRA_ID(1),
        roles: ['System Administrator', 'CEO', '00e5g000000SysAAA'],
      },
      {
        id: SF_GRC,
        login: 'grace.hopper@contoso.com',
        email: 'grace.hopper@contoso.com',
        enabled: false,
        lastLogin: '2025-06-30T17:00:00.000Z',
        created: '2020-01-20T10:00:00.000Z',
        roles: ['Standard User', '00e5g000000StdAAA'],
      },
      {
        id: SF_INT,
        login: 'integration@contoso.com.prod',
        email: 'integration@contoso.com',
        enabled: true,
        created: '2022-02-01T00:00:00.000Z',
        roles: ['Integration User', '00e5g000000IntAAA'],
      },
      {
        id: SF_PRT,
        login: 'partner@fabrikam.com',
        email: 'partner@fabrikam.com',
        enabled: true,
        lastLogin: '2026-10-01T12:00:00.000Z',
        created: '2024-04-04T04:04:04.000Z',
        roles: ['Partner Community User', '00e5g000000PrtAAA'],
      },
    ],
  ],
  [
    'salesforce-uppercase.csv',
    'salesforce',
    [
      {
        id: SF_ADA,
        login: 'ada@contoso.com',
        email: 'ada@contoso.com',
        enabled: true,
        lastLogin: '2026-11-03T09:15:00.000Z',
        created: '2021-06-15T09:30:00.000Z',
        objectId: ENTRA_ID(1),
        roles: ['00e5g000000SysAAA'],
      },
      {
        id: SF_GRC,
        login: 'grace.hopper@contoso.com',
        email: 'grace.hopper@contoso.com',
        enabled: false,
        lastLogin: '2025-06-30T17:00:00.000Z',
        created: '2020-01-20T10:00:00.000Z',
        roles: ['00e5g000000StdAAA'],
      },
      { id: SF_INT, login: 'integration@contoso.com.prod', email: 'integration@contoso.com', enabled: true, created: '2022-02-01T00:00:00.000Z', roles: ['00e5g000000IntAAA'] },
      {
        id: SF_PRT,
        login: 'partner@fabrikam.com',
        email: 'partner@fabrikam.com',
        enabled: true,
        lastLogin: '2026-10-01T12:00:00.000Z',
        created: '2024-04-04T04:04:04.000Z',
        roles: ['00e5g000000PrtAAA'],
      },
    ],
  ],
  [
    'salesforce-labels.csv',
    'salesforce',
    [
      {
        id: SF_ADA,
        login: 'ada@contoso.com',
        email: 'ada@contoso.com',
        enabled: true,
        lastLogin: '2026-11-03T09:15:00.000Z',
        created: '2021-06-15T00:00:00.000Z',
        roles: ['System Administrator', 'CEO'],
      },
      {
        id: SF_GRC,
        login: 'grace.hopper@contoso.com',
        email: 'grace.hopper@contoso.com',
        enabled: false,
        lastLogin: '2025-06-30T17:00:00.000Z',
        created: '2020-01-20T00:00:00.000Z',
        roles: ['Standard User'],
      },
      { id: SF_INT, login: 'integration@contoso.com.prod', email: 'integration@contoso.com', enabled: true, created: '2022-02-01T00:00:00.000Z', roles: ['Integration User'] },
      {
        id: SF_PRT,
        login: 'partner@fabrikam.com',
        email: 'partner@fabrikam.com',
        enabled: true,
        lastLogin: '2026-10-01T12:00:00.000Z',
        created: '2024-04-04T00:00:00.000Z',
        roles: ['Partner Community User', 'Partner Manager'],
      },
    ],
  ],
  [
    'servicenow.csv',
    'servicenow',
    [
      {
        id: '6816f79cc0a8016401c5a33be04be441',
        login: 'admin',
        email: 'admin@contoso.com',
        enabled: true,
        lastLogin: '2026-11-19T07:45:12.000Z',
        created: '2019-02-12T10:00:00.000Z',
        roles: ['admin', 'security_admin'],
      },
      {
        id: '9ee1b13dc6112271007f9d0efdb69cd0',
        login: 'ada.lovelace',
        email: 'ada@contoso.com',
        enabled: true,
        lastLogin: '2026-11-03T09:15:00.000Z',
        created: '2021-06-15T09:30:00.000Z',
        roles: ['itil'],
      },
      {
        id: 'a8f98bb0eb32010045e1a5115206fe3a',
        login: 'grace.hopper',
        email: 'grace.hopper@contoso.com',
        enabled: false,
        lastLogin: '2026-10-20T14:00:00.000Z',
        created: '2020-01-20T10:00:00.000Z',
        roles: ['itil', 'catalog_admin'],
      },
      // No last_login_time: the date-only last_login is the fallback.
      {
        id: '46d44a23a9fe19810012d100cca80666',
        login: 'alan.turing',
        email: 'alan.turing@contoso.com',
        enabled: false,
        lastLogin: '2024-05-01T00:00:00.000Z',
        created: '2018-11-05T16:40:12.000Z',
      },
      { id: '5137153cc611227c000bbd1bd8cd2005', login: 'linus', email: 'linus@contoso.com', enabled: true, created: '2026-11-15T08:00:00.000Z' },
    ],
  ],
  [
    'servicenow-labels.csv',
    'servicenow',
    [
      { id: 'admin', login: 'admin', email: 'admin@contoso.com', enabled: true, lastLogin: '2026-11-19T07:45:12.000Z', created: '2019-02-12T10:00:00.000Z', roles: ['admin', 'security_admin'] },
      { id: 'ada.lovelace', login: 'ada.lovelace', email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-03T09:15:00.000Z', created: '2021-06-15T09:30:00.000Z', roles: ['itil'] },
      { id: 'grace.hopper', login: 'grace.hopper', email: 'grace.hopper@contoso.com', enabled: false, lastLogin: '2026-10-20T14:00:00.000Z', created: '2020-01-20T10:00:00.000Z', roles: ['itil'] },
      { id: 'alan.turing', login: 'alan.turing', email: 'alan.turing@contoso.com', enabled: false, created: '2018-11-05T16:40:12.000Z' },
    ],
  ],
  [
    'atlassian.csv',
    'atlassian',
    [
      { id: ATL(5), email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-03T00:00:00.000Z', created: '2023-12-14T00:00:00.000Z' },
      { id: ATL(6), email: 'grace.hopper@contoso.com', enabled: true, created: '2024-01-02T00:00:00.000Z' },
      { id: ATL(7), email: 'alan.turing@contoso.com', enabled: false, lastLogin: '2024-11-05T00:00:00.000Z', created: '2022-03-01T00:00:00.000Z' },
      { id: ATL(8), email: 'vic@vendor.example', enabled: true, lastLogin: '2026-09-12T00:00:00.000Z', created: '2026-09-09T00:00:00.000Z' },
    ],
  ],
  [
    'atlassian-managed.csv',
    'atlassian',
    [
      { id: ATL(5), email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-03T00:00:00.000Z' },
      { id: ATL(6), email: 'grace.hopper@contoso.com', enabled: false, lastLogin: '2025-06-30T00:00:00.000Z' },
      { id: ATL(9), email: 'linus@contoso.com', enabled: true },
    ],
  ],
  [
    'atlassian-legacy.csv',
    'atlassian-legacy',
    [
      { id: 'admin', login: 'admin', email: 'ada@contoso.com', enabled: true, lastLogin: '2012-12-14T15:31:57.000Z', roles: ['jira-administrators'] },
      { id: 'ghopper', login: 'ghopper', email: 'grace.hopper@contoso.com', enabled: false, lastLogin: '2012-01-03T08:00:00.000Z', roles: ['jira-users'] },
      { id: 'aturing', login: 'aturing', email: 'alan.turing@contoso.com', enabled: true, roles: ['confluence-users'] },
    ],
  ],
  [
    'okta.csv',
    'okta',
    [
      { id: '00u1ada0000AAAA', login: 'ada@contoso.com', email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-03T09:00:00.000Z', created: '2021-06-15T09:30:00.000Z' },
      {
        id: '00u1grc0000BBBB',
        login: 'grace.hopper@contoso.com',
        email: 'grace.hopper@contoso.com',
        enabled: false,
        lastLogin: '2025-06-30T17:00:00.000Z',
        created: '2020-01-20T10:00:00.000Z',
      },
      {
        id: '00u1aln0000CCCC',
        login: 'alan.turing@contoso.com',
        email: 'alan.turing@contoso.com',
        enabled: false,
        lastLogin: '2025-12-20T08:00:00.000Z',
        created: '2018-11-05T16:40:12.000Z',
      },
      // STAGED: never activated, but assigned; its missing last login is what shows.
      { id: '00u1lin0000DDDD', login: 'linus@contoso.com', email: 'linus@contoso.com', enabled: true, created: '2026-11-15T08:00:00.000Z' },
      { id: '00u1vic0000EEEE', login: 'vic@vendor.example', email: 'vic@vendor.example', enabled: true, lastLogin: '2026-11-09T18:30:00.000Z', created: '2026-09-09T09:00:00.000Z' },
      { id: '00u1pat0000FFFF', login: 'pat@contoso.com', email: 'pat@contoso.com', enabled: true, lastLogin: '2026-07-07T07:07:07.000Z', created: '2024-04-04T04:04:04.000Z' },
    ],
  ],
  [
    'okta-password-health.csv',
    'okta',
    [
      { id: 'ada@contoso.com', login: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-03T09:00:00.000Z', created: '2021-06-15T09:31:00.000Z' },
      { id: 'grace.hopper@contoso.com', login: 'grace.hopper@contoso.com', enabled: false, lastLogin: '2025-06-30T17:00:00.000Z', created: '2020-01-20T10:05:00.000Z' },
      { id: 'vic@vendor.example', login: 'vic@vendor.example', enabled: true, lastLogin: '2026-11-09T18:30:00.000Z', created: '2026-09-09T09:05:00.000Z' },
      { id: 'alan.turing@contoso.com', login: 'alan.turing@contoso.com', enabled: false, created: '2018-11-05T16:45:00.000Z' },
    ],
  ],
  [
    'scim.csv',
    'scim',
    [
      {
        id: '2819c223-7f76-453a-919d-413861904646',
        login: 'ada@contoso.com',
        email: 'ada@contoso.com',
        enabled: true,
        objectId: ENTRA_ID(1),
        created: '2021-06-15T09:30:00.000Z',
        roles: ['Admins', 'Engineering'],
      },
      // Entra's default mapping: mailNickname in externalId. Kept as the object id; it can never equal one.
      {
        id: '2819c223-7f76-453a-919d-413861904647',
        login: 'grace.hopper@contoso.com',
        email: 'grace.hopper@contoso.com',
        enabled: false,
        objectId: 'ghopper',
        created: '2020-01-20T10:00:00.000Z',
        roles: ['Engineering'],
      },
      { id: '2819c223-7f76-453a-919d-413861904648', login: 'linus@contoso.com', enabled: true, created: '2026-11-15T08:00:00.000Z' },
    ],
  ],
  [
    'zoom.csv',
    'zoom',
    [
      { id: 'KDcuGIm1QgePTO8WbOqwIQ', email: 'ada@contoso.com', enabled: true, lastLogin: '2026-11-03T09:00:00.000Z', created: '2021-06-15T09:30:00.000Z' },
      { id: 'z8yCxjabcdEFGhij1234Kl', email: 'grace.hopper@contoso.com', enabled: false, lastLogin: '2025-06-30T17:00:00.000Z', created: '2020-01-20T10:00:00.000Z' },
      { id: '3rd9hQxYtUuvWXyz5678Mn', email: 'linus@contoso.com', enabled: true, created: '2026-11-15T08:00:00.000Z' },
      { id: 'Pq0rStUvWxYz1234AbCdEf', email: 'alan.turing@contoso.com', enabled: true, lastLogin: '2026-10-31T23:59:59.000Z', created: '2018-11-05T16:40:12.000Z' },
    ],
  ],
];

// Fixtures that are not a named format's export: the slice's generic dump and its next quarter (reviews e2e),
// Google's upload template, and the day/month order fixtures (target-dates.test.ts).
const NOT_A_PROFILE_FIXTURE = new Set(['app-users.csv', 'app-users-next-quarter.csv', 'google-workspace-template.csv', 'dates-day-first.csv', 'dates-undecided.csv']);

// Detection must not merely prefer the right profile: every other reading (any profile, any Entra kind) trails it by this much.
const CLEAR_MARGIN = 0.5;

describe('target profile detection', () => {
  it('has a fixture with expectations for every named profile, and every target fixture is in the table', () => {
    const covered = new Set(FIXTURES.map(([, profile]) => profile));
    expect(TARGET_PROFILES.map((profile) => profile.id).filter((id) => id !== 'generic' && !covered.has(id))).toEqual([]);
    const files = readdirSync(fixture('target')).filter((name) => name.endsWith('.csv') && !NOT_A_PROFILE_FIXTURE.has(name));
    expect(files.toSorted()).toEqual(FIXTURES.map(([file]) => file).toSorted());
  });

  it.each(FIXTURES.map(([file, profile]) => [file, profile] as const))('detectSource reads %s as a %s target dump, by a clear margin', (file, profileId) => {
    const { best, alternatives } = detectSource(csvFixture(file).header);
    expect(best).toMatchObject({ kind: 'target', profileId });
    expect(best.confidence).toBeGreaterThanOrEqual(0.5);
    const runnerUp = alternatives[0]?.confidence ?? 0;
    expect(best.confidence - runnerUp).toBeGreaterThanOrEqual(CLEAR_MARGIN);
  });

  it('detectSource still reads a Salesforce report by labels without `Created Date` as Salesforce, less surely', () => {
    const header = ['User ID', 'Username', 'Email', 'First Name', 'Last Name', 'Active', 'Last Login', 'Profile', 'Role'];
    const { best, alternatives } = detectSource(header);
    expect(best).toMatchObject({ kind: 'target', profileId: 'salesforce' });
    expect(best.confidence).toBeGreaterThanOrEqual(0.3);
    expect(best.confidence).toBeLessThan(0.5);
    expect(alternatives[0]).toMatchObject({ profileId: 'generic' });
    // One own column among a few common ones is still a coincidence.
    expect(detectSource(['Username', 'Email', 'Active', 'Profile']).best).toMatchObject({ profileId: 'generic' });
  });

  it('detectSource offers the generic reading for a header no profile knows', () => {
    expect(detectSource(csvFixture('app-users.csv').header).best).toMatchObject({ kind: 'target', profileId: 'generic' });
    const { best, alternatives } = detectSource(['Employee', 'Mailbox', 'Department', 'Cost centre']);
    expect(best).toMatchObject({ kind: 'target', profileId: 'generic' });
    expect(alternatives.filter((candidate) => candidate.confidence >= 0.3)).toEqual([]);
  });

  it('detectSource does not take the Google bulk-upload template (no `Status [READ ONLY]`) for a Google Workspace download', () => {
    const { header } = csvFixture('google-workspace-template.csv');
    expect(header).not.toContain('Status [READ ONLY]');
    const { best, alternatives } = detectSource(header);
    expect(best.profileId).not.toBe('google-workspace');
    expect([best, ...alternatives].filter((candidate) => candidate.profileId === 'google-workspace' && candidate.confidence >= 0.5)).toEqual([]);
  });


  it.each(FIXTURES.map(([file, profile]) => [file, profile] as const))('%s is read as %s, and no other profile comes close', (file, profileId) => {
    const [best, ...others] = scoreTargetProfiles(csvFixture(file).header);
    expect(best).toMatchObject({ profile: { id: profileId }, confidence: 1 });
    expect(best?.matched.length).toBeGreaterThan(3);
    expect(others.filter((other) => other.confidence >= 0.5).map((other) => other.profile.id)).toEqual([]);
  });

  it('names the signature columns it found', () => {
    const [best] = scoreTargetProfiles(['user', 'arn', 'password_enabled', 'access_key_1_active', 'mfa_active']);
    expect(best?.profile.id).toBe('aws-iam');
    expect(best?.matched).toEqual(['user', 'arn', 'password_enabled', 'mfa_active', 'access_key_1_active']);
    expect(best?.confidence).toBe(0.23);
  });

  it('scores a header no profile knows as generic, every named profile below it', () => {
    const [best, ...others] = scoreTargetProfiles(csvFixture('app-users.csv').header);
    expect(best).toMatchObject({ profile: { id: 'generic' }, confidence: 0.1, matched: [] });
    expect(others.filter((other) => other.confidence >= 0.1).map((other) => other.profile.id)).toEqual([]);
  });

  it('does not claim the Google upload template, which lists no real users', () => {
    const scores = scoreTargetProfiles(csvFixture('google-workspace-template.csv').header);
    expect(scores.find((score) => score.profile.id === 'google-workspace')?.confidence).toBe(0);
    expect(scores.every((score) => score.confidence === 0)).toBe(true);
  });

  it('is deterministic: ties are broken by profile id, generic is listed last among profiles', () => {
    const scores = scoreTargetProfiles(['nothing', 'known']);
    expect(scores.every((score) => score.confidence === 0)).toBe(true);
    const ids = scores.map((score) => score.profile.id);
    expect(ids).toEqual(ids.toSorted());
    expect(TARGET_PROFILES.at(-1)?.id).toBe('generic');
    expect(new Set(TARGET_PROFILES.map((profile) => profile.id)).size).toBe(TARGET_PROFILES.length);
  });
});

describe('target profile mapping', () => {
  it.each(FIXTURES)('%s read as %s gives the expected accounts', (file, profileId, expected) => {
    expect(accounts(file, profileId).map(seen)).toEqual(expected);
  });

  it('keeps the AWS arn as an attribute', () => {
    expect(accounts('aws-iam.csv', 'aws-iam').map((account) => account.attributes['arn'])).toEqual([
      'arn:aws:iam::123456789012:root',
      'arn:aws:iam::123456789012:user/ada.lovelace',
      'arn:aws:iam::123456789012:user/svc/ci-deploy',
      'arn:aws:iam::123456789012:user/grace.hopper',
      'arn:aws:iam::123456789012:user/alan.turing',
    ]);
  });

  it('reads Atlassian `User name` as the display name, never as a login', () => {
    const [ada] = accounts('atlassian.csv', 'atlassian');
    expect(ada).toMatchObject({ displayName: 'Ada Lovelace', login: undefined });
  });

  it('reads names and employee ids where the format has them', () => {
    expect(accounts('google-workspace.csv', 'google-workspace')[0]).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace', employeeId: 'E1001' });
    expect(accounts('okta.csv', 'okta')[0]).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace', employeeId: 'E1001' });
    expect(accounts('servicenow-labels.csv', 'servicenow')[1]).toMatchObject({ displayName: 'Ada Lovelace', employeeId: 'E1001' });
    expect(accounts('scim.csv', 'scim')[0]).toMatchObject({ displayName: 'Ada Lovelace', employeeId: 'E1001' });
  });

  it("lets the user's mapping beat the profile, its refine step included", () => {
    const mapped = accounts('aws-iam.csv', 'aws-iam', { enabled: 'mfa_active', lastLogin: 'password_last_changed' });
    expect(mapped.map((account) => [account.accountId, account.enabled, iso(account.lastLoginAt)])).toEqual([
      ['<root_account>', true, undefined],
      ['ada.lovelace', true, '2026-08-01T10:00:00.000Z'],
      ['ci-deploy', false, undefined],
      ['grace.hopper', false, '2020-01-20T10:00:00.000Z'],
      ['alan.turing', false, '2023-03-01T09:00:00.000Z'],
    ]);
    // Fields the user did not map still follow the profile.
    expect(mapped[0]?.privilegedReason).toBe(ROOT);
    expect(accounts('salesforce.csv', 'salesforce', { email: 'Username', roles: 'UserRole.Name' })[0]).toMatchObject({ email: 'ada@contoso.com', roles: ['CEO'] });
  });

  it("lets the user's mapping beat a status word the profile reads (Slack `status`)", () => {
    const mapped = accounts('slack.csv', 'slack', { enabled: 'billing-active' });
    expect(mapped.map((account) => [account.accountId, account.enabled])).toEqual([
      ['U01ADA0001', true],
      ['U01GRC0002', true],
      ['U01ALN0003', true],
      ['U01OLD0004', false],
      ['B01JIRA005', false],
      ['U01VIC0006', true],
    ]);
    // The bot is still not a person: the user mapped where `enabled` comes from, nothing else.
    expect(mapped[4]?.nonHumanReason).toBe('Slack bot user');
  });

  // The AWS credential report has IAM user names, no addresses.
  const WITH_ADDRESSES = FIXTURES.filter(([, profile]) => profile !== 'aws-iam').map(([file, profile]) => [file, profile] as const);

  it.each(WITH_ADDRESSES)('%s shares addresses with the Entra users download, so it reconciles', (file, profileId) => {
    const [entraHeader = [], ...entraRows] = Papa.parse<string[]>(readFileSync(fixture('entra/users-download.csv'), 'utf8'), { skipEmptyLines: true }).data;
    const upn = entraHeader.indexOf('userPrincipalName');
    const mail = entraHeader.indexOf('mail');
    const entra = new Set(entraRows.flatMap((row) => [row[upn], row[mail]]).flatMap((value) => (value ? [value.toLowerCase()] : [])));
    const addresses = accounts(file, profileId).flatMap((account) => [account.email, account.login].flatMap((value) => (value?.includes('@') ? [value] : [])));
    expect(addresses.filter((address) => entra.has(address.toLowerCase()))).not.toEqual([]);
  });

  it('falls back to the generic names for fields the profile does not find', () => {
    const profile = findTargetProfile('zoom')!;
    const header = ['id', 'email', 'status', 'Department', 'role'];
    const layout = detectTargetLayout(header, ['Department'], {}, profile);
    if (!layout.ok) throw new Error(layout.error.message);
    expect(accountFromRow(layout.value, header, ['z1', 'a@x.com', 'inactive', 'R&D', 'Owner'], 2)).toMatchObject({
      accountId: 'z1',
      enabled: false,
      roles: ['Owner'],
      attributes: { Department: 'R&D' },
    });
  });

  it('still requires an email or login column, and says where it looked', () => {
    const result = detectTargetLayout(['user', 'arn'], [], {}, findTargetProfile('slack')!);
    expect(result).toMatchObject({ ok: false, error: { code: 'MISSING_COLUMN', line: 1, message: expect.stringContaining('username') } });
  });

  it('reads the same header the same way with or without the generic profile passed explicitly', () => {
    const { header, rows } = csvFixture('app-users.csv');
    const implicit = detectTargetLayout(header);
    const explicit = detectTargetLayout(header, [], {}, findTargetProfile('generic')!);
    if (!implicit.ok || !explicit.ok) throw new Error('layout');
    expect(rows.map((row) => accountFromRow(implicit.value, header, row, 2))).toEqual(rows.map((row) => accountFromRow(explicit.value, header, row, 2)));
  });
});
