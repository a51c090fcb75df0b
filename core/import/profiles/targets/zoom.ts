import type { TargetProfile } from '../target-profile';

/** Zoom users (API field names; the console export is unconfirmed). */
export const zoom: TargetProfile = {
  id: 'zoom',
  label: 'Zoom users',
  signature: ['id', 'email', 'first_name', 'last_name', 'type', 'status', 'last_login_time', 'created_at'],
  columns: {
    accountId: ['id'],
    email: ['email'],
    givenName: ['first_name'],
    familyName: ['last_name'],
    enabled: ['status'],
    lastLogin: ['last_login_time'],
    created: ['created_at'],
  },
};
