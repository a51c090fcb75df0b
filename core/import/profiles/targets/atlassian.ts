import type { TargetProfile } from '../target-profile';

/** Atlassian admin "Export users": one `Last seen in <product> - <site>` column per product; day-first dates. */
export const atlassian: TargetProfile = {
  id: 'atlassian',
  label: 'Atlassian users',
  signature: ['User id', 'User name', 'email', 'Added to org', 'User status', 'Atlassian ID', 'Last active date [UTC]'],
  columns: {
    accountId: ['User id', 'Atlassian ID'],
    displayName: ['User name', 'Name'],
    email: ['email', 'Verified email'],
    enabled: ['User status', 'Status'],
    created: ['Added to org'],
    roles: ['Group name'],
  },
  lastLoginPrefix: 'Last seen in',
  dateOrder: 'DMY',
};

/** Atlassian managed accounts export (Domains → Export accounts). */
export const atlassianManaged: TargetProfile = {
  id: 'atlassian-managed',
  label: 'Atlassian managed accounts',
  signature: ['Name', 'Atlassian ID', 'Status', 'Last active', 'Claimed', 'Billable', 'Verified email'],
  columns: { accountId: ['Atlassian ID'], displayName: ['Name'], email: ['Verified email', 'Email'], enabled: ['Status'], lastLogin: ['Last active date [UTC]', 'Last active'] },
  dateOrder: 'DMY',
};

/** The legacy (2015) Atlassian export: Yes/No flags, `14 Dec 2012 15:31:57`. */
export const atlassianLegacy: TargetProfile = {
  id: 'atlassian-legacy',
  label: 'Atlassian users (legacy export)',
  signature: ['group_name', 'username', 'full_name', 'email', 'active', 'last_login', 'last_session'],
  columns: { accountId: ['username'], login: ['username'], displayName: ['full_name'], email: ['email'], enabled: ['active'], lastLogin: ['last_login'], roles: ['group_name'] },
  dateOrder: 'DMY',
};
