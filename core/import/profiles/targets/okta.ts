import type { TargetProfile } from '../target-profile';

// Okta semantics: SUSPENDED and DEPROVISIONED users cannot sign in. STAGED and PROVISIONED users were never
// activated but are assigned and can be, so they count as enabled (their missing last login shows them);
// LOCKED_OUT, RECOVERY and PASSWORD_EXPIRED users still hold the account.
const DISABLED = new Set(['suspended', 'deprovisioned']);
const SPACES = / +/g;

/**
 * Okta users: the API (`GET /api/v1/users`, `profile.*` flattened, ISO 8601 Z) or the Password Health
 * report (`User, Login, Status, Activation date, …`, UTC in the current documentation).
 */
export const okta: TargetProfile = {
  id: 'okta',
  label: 'Okta users',
  signatures: [
    [
      'id', 'status', 'created', 'activated', 'statusChanged', 'lastLogin', 'lastUpdated', 'passwordChanged',
      'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName',
    ],
    ['User', 'Login', 'Status', 'Activation date', 'Authentication Source', 'Last Login', 'Last Password Change'],
  ],
  columns: {
    accountId: ['id', 'Login'],
    login: ['profile.login', 'Login'],
    email: ['profile.email'],
    displayName: ['User'],
    givenName: ['profile.firstName'],
    familyName: ['profile.lastName'],
    employeeId: ['profile.employeeNumber'],
    lastLogin: ['lastLogin'],
    created: ['created', 'Activation date'],
    // Read by refine from the status word.
    enabled: [],
  },
  refine(account, cell) {
    // The report spells statuses as words (`Locked out`), the API as constants (`LOCKED_OUT`).
    const status = cell('status')?.toLowerCase().replace(SPACES, '_');
    return status === undefined ? account : { ...account, enabled: !DISABLED.has(status) };
  },
};
