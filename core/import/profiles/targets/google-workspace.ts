import { parseBooleanValue } from '../../values';
import type { TargetProfile } from '../target-profile';

const EPOCH = Date.UTC(1970, 0, 1);

/**
 * Google Workspace Admin "Download users" (bracketed headers) or the API's field names. The upload template
 * has the same bracketed names but no `Status [READ ONLY]`; its signature share stays low.
 */
export const googleWorkspace: TargetProfile = {
  id: 'google-workspace',
  label: 'Google Workspace users',
  signature: ['First Name [Required]', 'Last Name [Required]', 'Email Address [Required]', 'Status [READ ONLY]', 'Last Sign In [READ ONLY]', 'Org Unit Path [Required]', '2sv Enrolled [READ ONLY]'],
  columns: {
    accountId: ['Email Address [Required]', 'primaryEmail'],
    email: ['Email Address [Required]', 'primaryEmail'],
    givenName: ['First Name [Required]', 'name.givenName'],
    familyName: ['Last Name [Required]', 'name.familyName'],
    enabled: ['Status [READ ONLY]'],
    lastLogin: ['Last Sign In [READ ONLY]', 'lastLoginTime'],
    created: ['creationTime'],
    employeeId: ['Employee ID'],
  },
  refine(account, cell) {
    const suspended = parseBooleanValue(cell('suspended'));
    const archived = parseBooleanValue(cell('archived'));
    const admin = parseBooleanValue(cell('isAdmin'));
    return {
      ...account,
      // The API writes the epoch for a user who never signed in.
      lastLoginAt: account.lastLoginAt === EPOCH ? undefined : account.lastLoginAt,
      enabled: suspended === true || archived === true ? false : (account.enabled ?? (suspended === false ? true : undefined)),
      roles: admin === true ? [...account.roles, 'admin'] : account.roles,
    };
  },
};
