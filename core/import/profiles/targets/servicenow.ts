import { parseBooleanValue } from '../../values';
import type { TargetProfile } from '../target-profile';

/** ServiceNow sys_user list export, by field names or labels; a locked-out user cannot sign in. */
export const servicenow: TargetProfile = {
  id: 'servicenow',
  label: 'ServiceNow sys_user',
  signature: ['sys_id', 'user_name', 'email', 'active', 'locked_out', 'last_login_time', 'sys_created_on', 'employee_number'],
  columns: {
    accountId: ['sys_id'],
    login: ['user_name', 'User ID'],
    email: ['email'],
    displayName: ['name', 'Name'],
    givenName: ['first_name', 'First name'],
    familyName: ['last_name', 'Last name'],
    enabled: ['active', 'Active'],
    lastLogin: ['last_login_time', 'Last login time', 'last_login', 'Last login'],
    created: ['sys_created_on', 'Created'],
    employeeId: ['employee_number', 'Employee number'],
    roles: ['roles', 'Roles'],
  },
  refine(account, cell) {
    const locked = parseBooleanValue(cell('locked_out') ?? cell('Locked out'));
    return locked === true ? { ...account, enabled: false } : account;
  },
};
