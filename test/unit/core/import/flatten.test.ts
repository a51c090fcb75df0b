import { describe, expect, it } from 'vitest';
import { extractRecords, flattenRecord } from '@core/import/flatten';

const flat = (value: unknown): Record<string, string> => Object.fromEntries(flattenRecord(value));

describe('flattenRecord', () => {
  it.each<[string, unknown, Record<string, string>]>([
    ['scalars as text', { id: '1', accountEnabled: true, off: false, n: 42, ratio: 0.5 }, { id: '1', accountEnabled: 'true', off: 'false', n: '42', ratio: '0.5' }],
    ['null as empty', { manager: null, mail: '' }, { manager: '', mail: '' }],
    [
      'nested objects joined with a dot',
      { signInActivity: { lastSignInDateTime: '2024-12-10T17:38:26Z', lastSuccessfulSignInDateTime: null } },
      { 'signInActivity.lastSignInDateTime': '2024-12-10T17:38:26Z', 'signInActivity.lastSuccessfulSignInDateTime': '' },
    ],
    [
      'deeply nested objects',
      { provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'ContosoEntryConflict' } } },
      { 'provisioningStatusInfo.status': 'failure', 'provisioningStatusInfo.errorInformation.errorCode': 'ContosoEntryConflict' },
    ],
    ['an empty object keeps its column', { details: {} }, { details: '' }],
    ['scalar arrays joined with ;', { proxyAddresses: ['SMTP:a@x.com', 'smtp:b@x.com'] }, { proxyAddresses: 'SMTP:a@x.com;smtp:b@x.com' }],
    ['nulls dropped from scalar arrays', { otherMails: ['a@x.com', null, 'b@x.com'] }, { otherMails: 'a@x.com;b@x.com' }],
    ['an empty array as empty', { otherMails: [] }, { otherMails: '' }],
    ['mixed scalar arrays', { values: [1, true, 'x'] }, { values: '1;true;x' }],
    [
      'arrays of objects as compact JSON',
      { modifiedProperties: [{ displayName: 'active', oldValue: null, newValue: 'True' }] },
      { modifiedProperties: '[{"displayName":"active","oldValue":null,"newValue":"True"}]' },
    ],
    ['nested arrays as compact JSON', { grid: [[1, 2], [3]] }, { grid: '[[1,2],[3]]' }],
    ['property names keep their case and dots', { '@odata.type': '#microsoft.graph.user', Id: 'x' }, { '@odata.type': '#microsoft.graph.user', Id: 'x' }],
  ])('%s', (_, record, expected) => {
    expect(flat(record)).toEqual(expected);
  });

  it('keeps first-seen key order', () => {
    expect([...flattenRecord({ b: 1, a: { z: 1, y: 2 }, c: [] }).keys()]).toEqual(['b', 'a.z', 'a.y', 'c']);
  });

  it.each([null, 'text', 42, [1, 2]])('gives no columns for a non-object record (%j)', (value) => {
    expect(flattenRecord(value).size).toBe(0);
  });
});

describe('extractRecords', () => {
  const a = { id: 'a' };
  const b = { id: 'b' };
  const c = { id: 'c' };
  it.each<[string, unknown, unknown[]]>([
    ['a bare array', [a, b], [a, b]],
    ['a Graph page', { '@odata.context': 'x', '@odata.nextLink': 'y', value: [a, b] }, [a, b]],
    ['an array of pages', [{ value: [a] }, { '@odata.context': 'x', value: [b, c] }], [a, b, c]],
    ['a single object', a, [a]],
    ['an empty page', { value: [] }, []],
    ['an object whose value is not an array', { id: 'x', value: 'text' }, [{ id: 'x', value: 'text' }]],
    ['a scalar', 42, []],
    ['null', null, []],
  ])('%s', (_, document, expected) => {
    expect(extractRecords(document)).toEqual(expected);
  });
});
