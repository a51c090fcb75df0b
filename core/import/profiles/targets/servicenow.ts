import { parseBooleanValue } from '../../values';
import type { TargetProfile } from '../target-profile';

/**
 * ServiceNow `sys_user` list export (formats.md 3.8), by field names or by labels (which one a list export
 * carries is unconfirmed). Dates `YYYY-MM-DD HH:MM:SS` are read as UTC. A locked-out user cannot sign in.
 */
export const servicenow: TargetProfile = {
  id: 'servicenow',
  label: 'ServiceNow users (sys_user)',
  signatures: [
    ['sys_id', 'user_name', 'first_name', 'last_name', 'name', 'email', 'active', 'locked_out', 'last_login_time', 'sys_created_on', 'employee_number', 'roles'],
    ['User ID', 'First name', 'Last name', 'Name', 'Email', 'Active', 'Locked out', 'Last login time', 'Created', 'Employee number', 'Roles'],
  ],
  columns: {
    accountId: ['sys_id'],
    login: ['user_name', 'User ID'],
    email: ['email'],
    displayName: ['name'],
    givenName: ['first_name'],
    familyName: ['last_name'],
    enabled: ['active'],
    // The time is the precise one; `last_login` is a date only.
    lastLogin: ['last_login_time', 'last_login'],
    created: ['sys_created_on', 'Created'],
    employeeId: ['employee_number'],
    roles: ['roles'],
  },
  refine(account, cell) {
    return parseBooleanValue(cell('locked_out')) === true ? { ...account, enabled: false } : account;
  },
};
