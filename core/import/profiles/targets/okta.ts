import type { TargetProfile } from '../target-profile';

// An account that exists and can (or could after activation) sign in is enabled; suspended and deprovisioned are not.
const DISABLED = new Set(['suspended', 'deprovisioned']);

const refineStatus: NonNullable<TargetProfile['refine']> = (account, cell) => {
  const status = (cell('status') ?? cell('Status') ?? '').toLowerCase();
  return status === '' ? account : { ...account, enabled: !DISABLED.has(status) };
};

/** Okta users from the API (flattened `profile.*`) or the Password Health report. */
export const okta: TargetProfile = {
  id: 'okta',
  label: 'Okta users',
  signature: ['id', 'status', 'created', 'activated', 'statusChanged', 'lastLogin', 'profile.login', 'profile.email'],
  columns: {
    accountId: ['id'],
    login: ['profile.login'],
    email: ['profile.email'],
    givenName: ['profile.firstName'],
    familyName: ['profile.lastName'],
    employeeId: ['profile.employeeNumber'],
    lastLogin: ['lastLogin'],
    created: ['created'],
  },
  refine: refineStatus,
};

/** Okta's Password Health report. */
export const oktaPasswordHealth: TargetProfile = {
  id: 'okta-password-health',
  label: 'Okta Password Health report',
  signature: ['User', 'Login', 'Status', 'Activation date', 'Authentication Source', 'Last Login', 'Last Password Change'],
  columns: { displayName: ['User'], login: ['Login'], accountId: ['Login'], lastLogin: ['Last Login'], created: ['Activation date'] },
  refine: refineStatus,
};
