import type { AccountField, TargetProfile } from '../target-profile';

/** Column names for an address, in the generic reading. */
export const EMAIL_COLUMNS: readonly string[] = ['email', 'e-mail', 'email address', 'mail', 'primary email', 'user email', 'emails.value', 'emails[type eq "work"].value'];

/** Column names for a sign-in name, in the generic reading. */
export const LOGIN_COLUMNS: readonly string[] = ['username', 'user name', 'login', 'user_name', 'userName', 'login name'];

/** The generic reading: common names for every account field, the fallback of every profile. */
export const GENERIC_COLUMNS: Readonly<Record<AccountField, readonly string[]>> = {
  accountId: ['id', 'user id', 'account id', 'sys_id', 'record id', 'userid'],
  login: LOGIN_COLUMNS,
  email: EMAIL_COLUMNS,
  displayName: ['display name', 'name', 'full name', 'fullname', 'displayname'],
  givenName: ['first name', 'given name', 'firstname', 'givenName', 'name.givenName'],
  familyName: ['last name', 'family name', 'surname', 'lastname', 'name.familyName'],
  employeeId: ['employee id', 'employeeId', 'employee_number', 'employee number', 'employeeNumber'],
  objectId: ['externalId', 'FederationIdentifier', 'object id', 'objectId', 'entra object id', 'saml name id', 'saml_name_id'],
  enabled: ['active', 'enabled', 'isactive', 'status', 'account status'],
  lastLogin: ['last_login', 'last login', 'lastlogin', 'last login time', 'last_login_time', 'lastLoginDate', 'last sign in', 'last active', 'last seen'],
  created: ['created', 'created_at', 'createddate', 'sys_created_on', 'creation time', 'created date'],
  roles: ['roles', 'role', 'profile', 'groups', 'profile.name'],
};

/**
 * Any CSV with an email or login column, read by the generic names. It has no signature: detection gives it a
 * fixed low confidence so that every named format that fits wins over it.
 */
export const generic: TargetProfile = { id: 'generic', label: 'Any CSV (column mapping)', signatures: [], columns: GENERIC_COLUMNS };
