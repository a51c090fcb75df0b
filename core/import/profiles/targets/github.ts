import { parseBooleanValue } from '../../values';
import type { TargetProfile } from '../target-profile';

/** GitHub organisation people export (CSV): login, name, role, 2FA, last activity, SAML NameID. */
export const githubMembers: TargetProfile = {
  id: 'github-members',
  label: 'GitHub organisation members',
  signature: ['login', 'name', 'role', 'two_factor_enabled', 'last_active', 'saml_name_id', 'verified_domain_emails'],
  columns: {
    login: ['login', 'username'],
    accountId: ['login', 'username'],
    displayName: ['name', 'display name'],
    email: ['verified_domain_emails', 'GitHub com verified domain emails', 'email'],
    lastLogin: ['last_active', 'last activity', 'last_activity'],
    roles: ['role'],
    objectId: ['saml_name_id'],
  },
};

/** GitHub Enterprise license usage report. */
export const githubEnterprise: TargetProfile = {
  id: 'github-enterprise',
  label: 'GitHub Enterprise license report',
  signature: ['GitHub com login', 'GitHub com name', 'GitHub com saml name', 'GitHub com verified domain emails', 'GitHub com member roles', 'GitHub com enterprise roles', 'License type'],
  columns: {
    accountId: ['GitHub com login'],
    login: ['GitHub com login'],
    displayName: ['GitHub com name'],
    // The SAML name is the IdP's NameID: usually the UPN, so it is read as the address to match on.
    email: ['GitHub com saml name', 'GitHub com verified domain emails'],
    roles: ['GitHub com member roles', 'GitHub com enterprise roles'],
  },
};

/** GitHub Enterprise Server users report (site admin): suspended users cannot sign in. */
export const githubServer: TargetProfile = {
  id: 'github-server',
  label: 'GitHub Enterprise Server users report',
  signature: ['created_at', 'id', 'login', 'email', 'role', 'suspended?', 'last_logged_ip', 'dormant?', 'last_active', 'raw_login'],
  columns: {
    accountId: ['id'],
    login: ['login'],
    email: ['email'],
    created: ['created_at'],
    lastLogin: ['last_active'],
    roles: ['role'],
  },
  refine(account, cell) {
    return parseBooleanValue(cell('suspended?')) === true ? { ...account, enabled: false } : { ...account, enabled: true };
  },
};
