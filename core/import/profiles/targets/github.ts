import { parseBooleanValue } from '../../values';
import type { Account } from '../../../model/account';
import type { TargetProfile } from '../target-profile';

/**
 * A SAML NameID as GitHub reports it. Entra sends the UPN by default, so an address is an address (the email
 * when the export gave none), never an object id; anything else (an object id NameID) is the object id.
 */
function withNameId(account: Account, nameId: string | undefined): Account {
  if (nameId === undefined) return account;
  if (nameId.includes('@')) return { ...account, email: account.email ?? nameId };
  return { ...account, objectId: nameId };
}

const LIST_SEPARATOR = /[,;\s]+/;
/** The first address of a list cell (`a@x.com, b@x.com`): verified-domain emails can be several. */
const firstAddress = (value: string | undefined): string | undefined => value?.split(LIST_SEPARATOR).find((part) => part.includes('@'));

/** GitHub organisation People export (formats.md 3.4; exact header unconfirmed beyond `saml_name_id`). */
export const githubMembers: TargetProfile = {
  id: 'github-members',
  label: 'GitHub organisation members',
  signatures: [
    ['login', 'name', 'role', ['2fa_enabled', 'two_factor_enabled', '2fa'], ['last_active', 'last activity'], 'saml_name_id', 'GitHub com verified domain emails'],
    ['username', 'display name', 'role', ['2fa_enabled', 'two_factor_enabled', '2fa'], ['last_active', 'last activity'], 'saml_name_id', 'GitHub com verified domain emails'],
  ],
  columns: {
    accountId: ['login', 'username'],
    login: ['login', 'username'],
    displayName: ['name', 'display name'],
    email: ['GitHub com verified domain emails', 'verified_domain_emails', 'email'],
    lastLogin: ['last_active', 'last activity'],
    roles: ['role'],
    // Read by refine, which tells an address from an object id; the generic names would take it as either.
    objectId: [],
  },
  refine: (account, cell) => withNameId({ ...account, email: firstAddress(account.email) }, cell('saml_name_id')),
};

/**
 * GitHub Enterprise Cloud license report. `GitHub com saml name` is the NameID: an address fills the email
 * when no verified-domain email is listed, anything else is the object id (see `withNameId`).
 */
export const githubEnterprise: TargetProfile = {
  id: 'github-enterprise',
  label: 'GitHub Enterprise license report',
  signatures: [
    [
      'GitHub com login', 'GitHub com name', 'Enterprise server user ids', 'GitHub com user', 'Enterprise server user',
      'Visual studio subscription user', 'License type', 'GitHub com profile', 'GitHub com member roles', 'GitHub com enterprise roles',
      'GitHub com verified domain emails', 'GitHub com saml name', 'GitHub com orgs with pending invites', 'GitHub com two factor auth',
    ],
  ],
  columns: {
    accountId: ['GitHub com login'],
    login: ['GitHub com login'],
    displayName: ['GitHub com name'],
    email: ['GitHub com verified domain emails'],
    roles: ['GitHub com member roles', 'GitHub com enterprise roles'],
  },
  refine: (account, cell) => withNameId({ ...account, email: firstAddress(account.email) }, cell('GitHub com saml name')),
};

/** GitHub Enterprise Server site-admin users report: a suspended user cannot sign in; `admin` is the only role. */
export const githubServer: TargetProfile = {
  id: 'github-server',
  label: 'GitHub Enterprise Server users report',
  signatures: [
    ['created_at', 'id', 'login', 'email', 'role', 'suspended?', 'last_logged_ip', 'repos', 'ssh_keys', 'org_memberships', 'dormant?', 'last_active', 'raw_login', '2fa_enabled?'],
  ],
  columns: {
    accountId: ['id'],
    login: ['login'],
    email: ['email'],
    created: ['created_at'],
    lastLogin: ['last_active'],
    // Read by refine: `user` is every account's role, not a role worth listing.
    roles: [],
  },
  refine(account, cell) {
    const admin = (cell('role') ?? '').toLowerCase() === 'admin';
    return { ...account, enabled: parseBooleanValue(cell('suspended?')) !== true, roles: admin ? ['admin'] : [] };
  },
};
