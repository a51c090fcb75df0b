import type { TargetProfile } from '../target-profile';

/**
 * Atlassian (formats.md 3.5): the admin Directory export (`User id`, one `Last seen in <product> - <site>`
 * column per product, the latest wins, `Never accessed` is absent) or the managed accounts export
 * (`Atlassian ID`, `Last active date [UTC]` as `YYYY-MM-DD`). `User name` is the person's name: loose matching
 * makes it `username`, which is why the legacy export, where `username` is the login, is a profile of its own.
 */
export const atlassian: TargetProfile = {
  id: 'atlassian',
  label: 'Atlassian users',
  signatures: [
    ['User id', 'User name', 'email', 'Added to org', 'Last seen in'],
    ['Name', 'Atlassian ID', 'Status', 'Last active date [UTC]', 'Claimed', 'Billable', 'Policy type', 'SAML single sign-on', 'Two-step verification'],
  ],
  columns: {
    accountId: ['User id', 'Atlassian ID'],
    login: [],
    displayName: ['User name', 'Name'],
    email: ['email'],
    enabled: ['User status', 'Status'],
    lastLogin: ['Last active date [UTC]', 'Last active'],
    created: ['Added to org'],
    roles: ['Group name'],
  },
  lastLoginPrefix: 'Last seen in',
  dateOrder: 'DMY',
};

/** The legacy (2015) Atlassian Cloud export: `Yes`/`No`, `14 Dec 2012 15:31:57`; one row per group membership. */
export const atlassianLegacy: TargetProfile = {
  id: 'atlassian-legacy',
  label: 'Atlassian users (legacy export)',
  signatures: [['group_name', 'username', 'full_name', 'email', 'active', 'last_login', 'last_session']],
  columns: {
    accountId: ['username'],
    login: ['username'],
    displayName: ['full_name'],
    email: ['email'],
    enabled: ['active'],
    lastLogin: ['last_login'],
    roles: ['group_name'],
  },
  dateOrder: 'DMY',
};
