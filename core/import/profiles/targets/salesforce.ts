import type { TargetProfile } from '../target-profile';

/** Salesforce User export (field API names, possibly upper-cased) or a report with field labels. */
export const salesforce: TargetProfile = {
  id: 'salesforce',
  label: 'Salesforce users',
  signature: ['Username', 'Email', 'IsActive', 'LastLoginDate', 'ProfileId', 'UserType', 'FederationIdentifier', 'FirstName', 'LastName'],
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
    roles: ['Profile.Name', 'UserRole.Name', 'Profile', 'Role', 'ProfileId'],
  },
};
