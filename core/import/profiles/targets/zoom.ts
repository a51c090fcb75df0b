import type { TargetProfile } from '../target-profile';

/**
 * Zoom users by the API's field names (the console export's header is unconfirmed). `pending` is an invited
 * user who has not accepted yet: the account exists, so it counts as enabled; `inactive` cannot sign in.
 */
export const zoom: TargetProfile = {
  id: 'zoom',
  label: 'Zoom users',
  signatures: [['id', 'email', 'first_name', 'last_name', 'type', 'status', 'last_login_time', 'created_at']],
  columns: {
    accountId: ['id'],
    email: ['email'],
    givenName: ['first_name'],
    familyName: ['last_name'],
    lastLogin: ['last_login_time'],
    created: ['created_at'],
    // Read by refine from the status word.
    enabled: [],
  },
  refine(account, cell) {
    const status = cell('status')?.toLowerCase();
    return status === undefined ? account : { ...account, enabled: status !== 'inactive' };
  },
};
