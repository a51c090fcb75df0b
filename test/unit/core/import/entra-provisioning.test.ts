import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  detectProvisioningLayout,
  joinProvisioningCompanions,
  provisioningCompanionRole,
  provisioningEventFromRow,
  provisioningStatusOf,
  scoreEntraProvisioning,
} from '@core/import/entra-provisioning';
import { extractRecords, flattenRecord } from '@core/import/flatten';
import { mapProvisioningEvents } from '@core/import/map-rows';
import type { ProvisioningEvent, ProvisioningStatus } from '@core/model/provisioning-event';
import { aProvisioningEvent } from '../../../support/builders';
import { fixture } from '../../../support/fixtures';

interface Table {
  readonly header: string[];
  readonly rows: string[][];
}

function csvFixture(name: string): Table {
  const [header = [], ...rows] = Papa.parse<string[]>(readFileSync(fixture(`entra/${name}`), 'utf8'), { skipEmptyLines: true }).data;
  return { header, rows };
}

function jsonFixture(name: string): Table {
  const records = extractRecords(JSON.parse(readFileSync(fixture(`entra/${name}`), 'utf8'))).map(flattenRecord);
  const keys = new Map<string, true>();
  for (const record of records) for (const key of record.keys()) keys.set(key, true);
  const header = [...keys.keys()];
  return { header, rows: records.map((record) => header.map((key) => record.get(key) ?? '')) };
}

const table = (name: string): Table => (name.endsWith('.json') ? jsonFixture(name) : csvFixture(name));

function eventsOf(name: string): ProvisioningEvent[] {
  const { header, rows } = table(name);
  const result = mapProvisioningEvents(header, [{ rows, lines: rows.map((_, index) => index + 2) }]);
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.warnings).toEqual([]);
  return result.value.events;
}

const ID = (n: number): string => `0b6f1c1e-000${n}-4a4a-9c9c-00000000000${n}`;
const at = (iso: string): number => Date.parse(iso);
const none = { errorCode: undefined, errorReason: undefined };

describe('provisioning log fixtures', () => {
  it('reads the portal JSON download: deprecated action/statusInfo, a failure, then a success', () => {
    expect(eventsOf('provisioning.json')).toEqual<ProvisioningEvent[]>([
      {
        id: 'a1b2c3d4-0001-4e4e-9f9f-000000000001',
        activityAt: at('2026-10-01T10:00:00Z'),
        sourceIdentityId: ID(1),
        sourceIdentityName: 'Ada Lovelace',
        targetIdentityId: 'wiki-1001',
        action: 'create',
        status: 'success',
        ...none,
        changeId: 'chg-0001',
        modifiedProperties: ['userName', 'active'],
      },
      {
        id: 'a1b2c3d4-0002-4e4e-9f9f-000000000002',
        activityAt: at('2026-10-02T08:00:00Z'),
        sourceIdentityId: ID(5),
        sourceIdentityName: 'Katherine Johnson',
        targetIdentityId: undefined,
        action: 'create',
        status: 'failure',
        errorCode: 'ContosoEntryConflict',
        errorReason: 'A user with userName katherine.johnson@contoso.com already exists in the target.',
        changeId: 'chg-0002',
      },
      {
        id: 'a1b2c3d4-0003-4e4e-9f9f-000000000003',
        activityAt: at('2026-10-03T08:40:00Z'),
        sourceIdentityId: ID(5),
        sourceIdentityName: 'Katherine Johnson',
        targetIdentityId: 'wiki-1005',
        action: 'update',
        status: 'success',
        ...none,
        changeId: 'chg-0003',
        modifiedProperties: ['title'],
      },
      {
        id: 'a1b2c3d4-0004-4e4e-9f9f-000000000004',
        activityAt: at('2026-10-04T11:20:00Z'),
        sourceIdentityId: ID(2),
        sourceIdentityName: 'Grace Hopper',
        targetIdentityId: 'wiki-1002',
        action: 'update',
        status: 'failure',
        // No errorInformation: the failed step's description carries the code.
        errorCode: 'InvalidAnchor',
        errorReason: "Failed to update User 'grace.hopper@contoso.com' in customappsso; Error code: InvalidAnchor",
        changeId: 'chg-0004',
      },
    ]);
  });

  it('reads a Graph {value:[…]} page', () => {
    expect(eventsOf('provisioning-graph.json')).toMatchObject([
      { sourceIdentityId: ID(3), action: 'disable', status: 'success', ...none, modifiedProperties: ['active'] },
      { sourceIdentityId: ID(4), action: 'other', status: 'skipped', errorCode: 'EntrySynchronizationSkipped', errorReason: 'The user is not in scope.' },
    ]);
  });

  it('reads a Log Analytics AADProvisioningLogs export, parsing its JSON columns', () => {
    expect(eventsOf('provisioning-loganalytics.csv')).toEqual<ProvisioningEvent[]>([
      {
        id: 'c3d4e5f6-0001-4a4a-8b8b-000000000001',
        activityAt: at('2026-10-06T07:00:00Z'),
        sourceIdentityId: ID(1),
        sourceIdentityName: 'Ada Lovelace',
        targetIdentityId: 'wiki-1001',
        action: 'update',
        status: 'success',
        // ResultSignature "None" is no code.
        ...none,
        changeId: 'chg-0007',
        modifiedProperties: ['title'],
      },
      {
        id: 'c3d4e5f6-0002-4a4a-8b8b-000000000002',
        activityAt: at('2026-10-06T07:05:00Z'),
        sourceIdentityId: ID(2),
        sourceIdentityName: 'Grace Hopper',
        targetIdentityId: undefined,
        action: 'create',
        status: 'failure',
        errorCode: 'LicenseLimitExceeded',
        errorReason: 'No licences are left in Contoso Wiki.',
        changeId: 'chg-0008',
      },
      {
        id: 'c3d4e5f6-0003-4a4a-8b8b-000000000003',
        activityAt: at('2026-10-06T07:06:00Z'),
        sourceIdentityId: ID(4),
        sourceIdentityName: 'Jane Guest',
        targetIdentityId: undefined,
        action: 'other',
        status: 'skipped',
        // An empty ResultSignature: the code comes from ProvisioningStatusInfo.
        errorCode: 'EntrySynchronizationSkipped',
        errorReason: 'The user is not in scope.',
        changeId: 'chg-0009',
      },
    ]);
  });

  it('reads the portal CSV trio and joins the companions by change id', () => {
    const events = eventsOf('ProvisioningLogs.csv');
    expect(events.map((event) => [event.id, event.action, event.status, event.errorCode])).toEqual([
      ['chg-0001', 'create', 'success', undefined],
      ['chg-0002', 'create', 'failure', undefined],
      ['chg-0003', 'update', 'success', undefined],
      ['chg-0004', 'update', 'failure', 'InvalidAnchor'],
      ['chg-0005', 'stagedDelete', 'warning', undefined],
    ]);
    expect(events[0]).toMatchObject({ activityAt: at('2026-10-01T10:00:00Z'), sourceIdentityId: ID(1), sourceIdentityName: 'Ada Lovelace', targetIdentityId: 'wiki-1001' });

    const steps = csvFixture('ProvisioningLogs_ProvisioningSteps.csv');
    const properties = csvFixture('ProvisioningLogs_ModifiedProperties.csv');
    const joined = joinProvisioningCompanions(events, steps, properties);
    expect(joined.map((event) => [event.changeId, event.errorCode, event.errorReason, event.modifiedProperties])).toEqual([
      ['chg-0001', undefined, undefined, ['userName', 'active']],
      ['chg-0002', 'ContosoEntryConflict', "Failed to create User 'katherine.johnson@contoso.com' in customappsso; Error code: ContosoEntryConflict", undefined],
      ['chg-0003', undefined, undefined, ['title']],
      // The main file's own code is kept; the step's is not put over it.
      ['chg-0004', 'InvalidAnchor', 'The user previously created in the target no longer exists.', undefined],
      ['chg-0005', 'Timeout', "Staged delete of 'alan.turing@contoso.com' did not complete", undefined],
    ]);
    expect(joined[3]).toBe(events[3]);
  });

  it.each<[string, string | undefined]>([
    ['ProvisioningLogs.csv', undefined],
    ['ProvisioningLogs_ProvisioningSteps.csv', 'steps'],
    ['ProvisioningLogs_ModifiedProperties.csv', 'modified-properties'],
    ['provisioning-loganalytics.csv', undefined],
    ['provisioning.json', undefined],
  ])('%s is a companion: %s', (name, role) => {
    expect(provisioningCompanionRole(table(name).header)).toBe(role);
  });
});

describe('provisioning header variants', () => {
  it.each<[string, string[], string[], Partial<ProvisioningEvent>]>([
    [
      'the community flattening',
      ['id', 'activityDateTime', 'changeId', 'provisioningAction', 'sourceSystemDisplayName', 'provisioningStatusInfoStatus', 'reportableIdentifier', 'SourceIdentity_Id', 'SourceIdentity_DisplayName'],
      ['e-1', '2026-01-01T00:00:00Z', 'c-1', 'Delete', 'Azure Active Directory', 'Failure', 'ann@x.com', 'u-1', 'Ann'],
      { id: 'e-1', action: 'delete', status: 'failure', sourceIdentityId: 'u-1', sourceIdentityName: 'Ann', errorCode: undefined },
    ],
    [
      'a portal CSV with steps-less failure and no ids',
      ['Date', 'Identity', 'Action', 'Status', 'Error Code', 'Error Reason'],
      ['1/2/2026 3:04:05 PM', 'Ann', 'Disable', 'FAILURE', 'AzureActiveDirectoryForbidden', 'Forbidden'],
      { id: 'line-9', activityAt: Date.UTC(2026, 0, 2, 15, 4, 5), sourceIdentityId: undefined, sourceIdentityName: 'Ann', action: 'disable', status: 'failure', errorCode: 'AzureActiveDirectoryForbidden', errorReason: 'Forbidden' },
    ],
    [
      'an unknown action is kept as written',
      ['activityDateTime', 'provisioningAction', 'provisioningStatusInfo.status', 'sourceIdentity.id'],
      ['2026-01-01T00:00:00Z', 'unknownFutureValue', 'unknownFutureValue', 'u-1'],
      { action: 'unknownFutureValue', status: 'other' },
    ],
  ])('%s', (_, header, row, expected) => {
    const layout = detectProvisioningLayout(header);
    if (!layout.ok) throw new Error(layout.error.message);
    expect(provisioningEventFromRow(layout.value, row, 9)).toMatchObject(expected);
  });

  it('names every missing column', () => {
    expect(detectProvisioningLayout(['id', 'changeId'])).toMatchObject({
      ok: false,
      error: { code: 'MISSING_COLUMN', line: 1, message: expect.stringMatching(/no activityDateTime.*no provisioningStatusInfo\.status.*no sourceIdentity\.id/) },
    });
  });

  it('warns about unreadable dates and a log that cannot join to identities', () => {
    const result = mapProvisioningEvents(['Date', 'Identity', 'Status'], [{ rows: [['yesterday', 'Ann', 'Success'], ['2026-01-01', 'Bob', 'Success']], lines: [2, 3] }]);
    expect(result.ok && result.value.warnings).toEqual([
      { line: 2, message: 'the row has no readable activity date: skipped' },
      { message: 'the log has no source identity id column: its events cannot be joined to identities' },
    ]);
  });
});

describe('provisioningStatusOf', () => {
  it.each<[string | undefined, ProvisioningStatus]>([
    ['success', 'success'],
    ['Success', 'success'],
    ['FAILURE', 'failure'],
    ['Failed', 'failure'],
    ['skipped', 'skipped'],
    ['Warning', 'warning'],
    ['unknownFutureValue', 'other'],
    [undefined, 'other'],
  ])('%s → %s', (text, status) => {
    expect(provisioningStatusOf(text)).toBe(status);
  });
});

describe('joinProvisioningCompanions', () => {
  const steps = {
    header: ['ChangeId', 'Status', 'Description', 'Error Code'],
    rows: [
      ['c-1', 'Failure', 'first failure, no code', ''],
      ['C-1', 'Failure', 'second failure', 'Conflict'],
      ['c-2', 'Success', 'fine', ''],
    ],
  };

  it.each<[string, ProvisioningEvent, Partial<ProvisioningEvent>]>([
    ['prefers a failed step with a code, matching change ids case-insensitively', aProvisioningEvent({ id: 'e', activityAt: 1, changeId: 'c-1', status: 'failure' }), { errorCode: 'Conflict', errorReason: 'second failure' }],
    ['ignores successful steps', aProvisioningEvent({ id: 'e', activityAt: 1, changeId: 'c-2', status: 'failure' }), { errorCode: undefined }],
    ['leaves events without a change id', aProvisioningEvent({ id: 'e', activityAt: 1, changeId: undefined, status: 'failure' }), { errorCode: undefined }],
  ])('%s', (_, event, expected) => {
    expect(joinProvisioningCompanions([event], steps)[0]).toMatchObject(expected);
  });
});

describe('scoreEntraProvisioning', () => {
  it.each<[string, string[], number]>([
    ['portal JSON', table('provisioning.json').header, 1],
    ['Graph JSON', table('provisioning-graph.json').header, 1],
    ['Log Analytics', table('provisioning-loganalytics.csv').header, 1],
    ['portal CSV main file', table('ProvisioningLogs.csv').header, 1],
    ['portal CSV grid columns only', ['Date', 'Identity', 'Action', 'Source System', 'Target System', 'Status'], 0.72],
    ['portal CSV steps', table('ProvisioningLogs_ProvisioningSteps.csv').header, 0.7],
    ['portal CSV modified properties', table('ProvisioningLogs_ModifiedProperties.csv').header, 0.7],
    ['a users export', table('users-download.csv').header, 0],
  ])('%s → %s', (_, header, expected) => {
    expect(scoreEntraProvisioning(header)).toBeCloseTo(expected, 5);
  });
});
