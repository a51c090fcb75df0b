import { describe, expect, it } from 'vitest';
import { mapTargetAccounts } from '@core/import/map-target';
import { findTargetProfile } from '@core/import/profiles/target-profiles';
import { describeTargetDateOrder, targetDateOrder } from '@core/import/target-dates';
import type { DateOrder } from '@core/import/values';

const generic = findTargetProfile('generic')!;
const atlassian = findTargetProfile('atlassian')!;
const header = ['id', 'email', 'last_login', 'created'];
const rows = (...dates: readonly [string, string][]): string[][] => dates.map(([login, created], index) => [String(index), `u${index}@x.com`, login, created]);

describe('the day/month order of a target dump', () => {
  it('is proved by the first rows when one value can be read only one way, and says which', () => {
    const reading = targetDateOrder(header, rows(['03/04/2026', '01/02/2020'], ['25/03/2026', '']), generic, {}, undefined);
    expect(reading).toMatchObject({ source: 'sample', used: 'DMY', proof: '25/03/2026' });
    expect(describeTargetDateOrder(reading)).toBe('dates read day first: 25/03/2026 in the first rows can only be read that way');
    expect(targetDateOrder(header, rows(['03/24/2026', '']), generic, {}, undefined)).toMatchObject({ source: 'sample', used: 'MDY', proof: '03/24/2026' });
  });

  it('is assumed month first, and the user asked, when no value decides it', () => {
    const reading = targetDateOrder(header, rows(['03/04/2026', '11/10/2025']), generic, {}, undefined);
    expect(reading).toMatchObject({ source: 'assumed', used: 'MDY', example: '03/04/2026' });
    expect(describeTargetDateOrder(reading)).toContain('month first (US) is assumed; choose if the export is European');
  });

  it("takes the format's convention before assuming, and the user's choice before anything", () => {
    const atlassianHeader = ['User id', 'User name', 'email', 'User status', 'Last seen in Jira - acme'];
    expect(targetDateOrder(atlassianHeader, [['1', 'Ada', 'a@x.com', 'Active', '03/04/2026']], atlassian, {}, undefined)).toMatchObject({ source: 'profile', used: 'DMY' });
    expect(targetDateOrder(header, rows(['25/03/2026', '']), generic, {}, 'MDY')).toMatchObject({ source: 'chosen', used: 'MDY' });
  });

  it('reports mixed orders rather than picking one, and ignores files without numeric dates', () => {
    expect(targetDateOrder(header, rows(['25/03/2026', '03/25/2026']), generic, {}, undefined)).toMatchObject({ source: 'assumed', contradictory: true, used: undefined });
    expect(targetDateOrder(header, rows(['2026-03-25T10:00:00Z', '']), generic, {}, undefined)).toMatchObject({ source: 'no-numeric-dates', used: undefined });
  });

  it('reads only the mapped date columns: a numeric id or other column proves nothing', () => {
    const withCode = ['id', 'email', 'cost_centre', 'last_login'];
    expect(targetDateOrder(withCode, [['1', 'a@x.com', '25/12/2026', '03/04/2026']], generic, {}, undefined)).toMatchObject({ source: 'assumed', used: 'MDY' });
  });

  it.each<[DateOrder, string]>([
    ['DMY', '2026-04-03T00:00:00.000Z'],
    ['MDY', '2026-03-04T00:00:00.000Z'],
  ])('maps the rows with the order recorded with the source (%s)', (dateOrder, expected) => {
    const mapped = mapTargetAccounts(header, [{ rows: [['1', 'a@x.com', '03/04/2026', '']], lines: [2] }], { profile: generic, mapping: {}, keepColumns: [], dateOrder });
    expect(mapped.ok && new Date(mapped.value[0]!.lastLoginAt!).toISOString()).toBe(expected);
  });
});
