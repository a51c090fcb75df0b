import { parseBooleanValue } from '../../values';
import type { TargetProfile } from '../target-profile';

// The API writes the epoch as the last login of a user who never signed in.
const NEVER = Date.UTC(1970, 0, 1);

/**
 * Google Workspace Admin "Download users" (bracketed headers, `Never logged in`) or the Directory API's field
 * names (`suspended`, `archived`, `isAdmin`). The bulk-upload template has the same bracketed names but no
 * `Status [READ ONLY]`: it lists no real users, so it is not claimed (score 0).
 */
export const googleWorkspace: TargetProfile = {
  id: 'google-workspace',
  label: 'Google Workspace users',
  signatures: [
    [
      'First Name [Required]', 'Last Name [Required]', 'Email Address [Required]', 'Password [Required]', 'Org Unit Path [Required]',
      'Status [READ ONLY]', 'Last Sign In [READ ONLY]', 'Employee ID', '2sv Enrolled [READ ONLY]', '2sv Enforced [READ ONLY]',
    ],
    ['id', 'primaryEmail', 'name.givenName', 'name.familyName', 'suspended', 'archived', 'isAdmin', 'isEnrolledIn2Sv', 'lastLoginTime', 'creationTime'],
  ],
  columns: {
    accountId: ['Email Address [Required]', 'id'],
    email: ['Email Address [Required]', 'primaryEmail'],
    givenName: ['First Name [Required]', 'name.givenName'],
    familyName: ['Last Name [Required]', 'name.familyName'],
    displayName: ['name.fullName'],
    enabled: ['Status [READ ONLY]'],
    lastLogin: ['Last Sign In [READ ONLY]', 'lastLoginTime'],
    created: ['creationTime'],
    employeeId: ['Employee ID'],
    // Read by refine from `isAdmin`; the download has no role column.
    roles: [],
  },
  rejects: (has) => has('Password [Required]') && !has('Status [READ ONLY]'),
  refine(account, cell) {
    const suspended = parseBooleanValue(cell('suspended'));
    const archived = parseBooleanValue(cell('archived'));
    const enabled = suspended === true || archived === true ? false : suspended === false ? true : account.enabled;
    return {
      ...account,
      lastLoginAt: account.lastLoginAt === NEVER ? undefined : account.lastLoginAt,
      enabled,
      roles: parseBooleanValue(cell('isAdmin')) === true ? ['admin'] : [],
    };
  },
};
