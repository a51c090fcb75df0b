import { describe, expect, it } from 'vitest';
import type { ProvisioningEvent } from '@core/model/provisioning-event';
import { provisioningTimeline } from '@core/review/provisioning-timeline';

const event = (id: string, at: string, overrides: Partial<ProvisioningEvent> = {}): ProvisioningEvent => ({
  id,
  activityAt: Date.parse(at),
  sourceIdentityId: 'id-ada',
  sourceIdentityName: 'ada@contoso.com',
  targetIdentityId: undefined,
  action: 'update',
  status: 'success',
  errorCode: undefined,
  errorReason: undefined,
  changeId: undefined,
  ...overrides,
});

describe('an identity\'s provisioning timeline', () => {
  it('lists its events oldest first whatever the file order, with each error code explained', () => {
    const events = [
      event('e3', '2026-11-03T10:00:00Z', { action: 'update', modifiedProperties: ['department'] }),
      event('e1', '2026-11-01T10:00:00Z', { action: 'create', status: 'failure', errorCode: 'SalesforceDuplicateTargetEntries', errorReason: 'two users match' }),
      event('x1', '2026-11-02T10:00:00Z', { sourceIdentityId: 'id-grace' }),
      event('e2', '2026-11-01T10:00:00Z', { action: 'create', status: 'success' }),
    ];
    expect(provisioningTimeline(events, 'id-ada')).toEqual([
      { at: '2026-11-01T10:00:00.000Z', action: 'create', status: 'failure', errorCode: 'SalesforceDuplicateTargetEntries', errorReason: 'two users match', guidance: 'More than one target account matches the matching attribute: resolve the duplicates.', changedAttributes: [] },
      { at: '2026-11-01T10:00:00.000Z', action: 'create', status: 'success', errorCode: undefined, errorReason: undefined, guidance: undefined, changedAttributes: [] },
      { at: '2026-11-03T10:00:00.000Z', action: 'update', status: 'success', errorCode: undefined, errorReason: undefined, guidance: undefined, changedAttributes: ['department'] },
    ]);
    expect(provisioningTimeline(events, 'id-nobody')).toEqual([]);
  });
});
