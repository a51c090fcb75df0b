import type { Account } from '@core/model/account';
import type { Assignment } from '@core/model/assignment';
import type { Identity } from '@core/model/identity';
import type { ProvisioningEvent } from '@core/model/provisioning-event';
import { DEFAULT_SETTINGS, type ReconciliationSettings } from '@core/model/settings';
import type { ReconciliationInput } from '@core/engine/reconcile';

/** An identity with fixed defaults: enabled member, no dates; override only what the test is about. */
export function anIdentity(overrides: Partial<Identity> & Pick<Identity, 'id' | 'upn'>): Identity {
  return {
    mail: undefined,
    otherAddresses: [],
    employeeId: undefined,
    displayName: undefined,
    givenName: undefined,
    surname: undefined,
    accountEnabled: true,
    userType: 'Member',
    department: undefined,
    jobTitle: undefined,
    createdAt: undefined,
    lastSignInAt: undefined,
    employeeLeaveAt: undefined,
    deleted: false,
    deletedAt: undefined,
    attributes: {},
    ...overrides,
  };
}

/** An account with fixed defaults: active (unknown status), no dates, no roles. */
export function anAccount(overrides: Partial<Account> & Pick<Account, 'accountId'>): Account {
  return {
    login: undefined,
    email: undefined,
    displayName: undefined,
    givenName: undefined,
    familyName: undefined,
    employeeId: undefined,
    objectId: undefined,
    enabled: undefined,
    lastLoginAt: undefined,
    createdAt: undefined,
    roles: [],
    nonHumanReason: undefined,
    privilegedReason: undefined,
    line: 2,
    attributes: {},
    ...overrides,
  };
}

export function anAssignment(overrides: Partial<Assignment>): Assignment {
  return { principalType: 'User', principalId: undefined, principalName: undefined, appRoleId: undefined, viaGroup: undefined, ...overrides };
}

export function aProvisioningEvent(overrides: Partial<ProvisioningEvent> & Pick<ProvisioningEvent, 'id' | 'activityAt'>): ProvisioningEvent {
  return {
    sourceIdentityId: undefined,
    sourceIdentityName: undefined,
    targetIdentityId: undefined,
    action: 'create',
    status: 'success',
    errorCode: undefined,
    errorReason: undefined,
    changeId: undefined,
    ...overrides,
  };
}

export const AS_OF = '2026-11-22T00:00:00.000Z';

/** Default settings at the fixed as-of. */
export function someSettings(overrides: Partial<ReconciliationSettings> = {}): ReconciliationSettings {
  return { ...DEFAULT_SETTINGS, asOf: AS_OF, ...overrides };
}

/** A reconciliation input with nothing optional imported. */
export function anInput(overrides: Partial<ReconciliationInput>): ReconciliationInput {
  return {
    identities: [],
    accounts: [],
    assignments: undefined,
    provisioningEvents: undefined,
    hasSignInData: false,
    scope: undefined,
    links: [],
    settings: someSettings(),
    ...overrides,
  };
}

/** Days before the fixed as-of, as epoch ms. */
export const daysBeforeAsOf = (days: number): number => Date.parse(AS_OF) - days * 86_400_000;
