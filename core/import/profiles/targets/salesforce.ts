import type { TargetProfile } from '../target-profile';

/**
 * Salesforce users (formats.md 3.7): a Data Loader or API export by field names (possibly upper-cased; loose
 * matching ignores case) or a report by field labels. Every role-like column present is read (profile, role,
 * profile id). Username sandbox suffixes are the engine's business (settings), not the profile's.
 */
export const salesforce: TargetProfile = {
  id: 'salesforce',
  label: 'Salesforce users',
  signatures: [
    ['Id', 'Username', 'Email', 'FirstName', 'LastName', 'IsActive', 'LastLoginDate', 'CreatedDate', 'ProfileId', 'UserType', 'FederationIdentifier'],
    ['User ID', 'Username', 'Email', 'First Name', 'Last Name', 'Active', 'Last Login', 'Created Date', 'Profile', 'Role'],
  ],
  columns: {
    accountId: ['Id', 'User ID'],
    login: ['Username', 'User Name'],
    email: ['Email'],
    givenName: ['FirstName', 'First Name'],
    familyName: ['LastName', 'Last Name'],
    displayName: ['Name', 'Full Name'],
    enabled: ['IsActive', 'Active'],
    lastLogin: ['LastLoginDate', 'Last Login'],
    created: ['CreatedDate', 'Created Date'],
    objectId: ['FederationIdentifier', 'Federation ID'],
    employeeId: ['EmployeeNumber', 'Employee Number'],
    roles: ['Profile.Name', 'UserRole.Name', 'ProfileId', 'Profile', 'Role'],
  },
};
