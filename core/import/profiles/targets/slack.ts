import type { TargetProfile } from '../target-profile';

// Status words that are roles worth reviewing; Member and the guest kinds are not.
const ROLE_STATUSES = new Set(['admin', 'owner', 'primary owner']);

/**
 * Slack "Export member list" (`status`: Member, Admin, Owner, Primary Owner, guests, Deactivated, Bot;
 * booleans `1`/`0` or `true`/`false`) or the Analytics → Members export (`Account type`, `Mar 14, 2024`),
 * whose `Last active (UTC)` is the last activity the member list lacks. Deactivated cannot sign in; a bot is not a person.
 */
export const slack: TargetProfile = {
  id: 'slack',
  label: 'Slack members',
  signatures: [
    ['username', 'email', 'status', 'billing-active', 'has-2fa', 'has-sso', 'userid', 'fullname', 'displayname', 'expiration-timestamp'],
    ['Name', 'Email', 'Account type', 'Account created (UTC)', 'Days active'],
  ],
  columns: {
    accountId: ['userid'],
    login: ['username'],
    email: ['email'],
    displayName: ['fullname', 'displayname', 'Name'],
    created: ['Account created (UTC)'],
    // The overall column; the per-client ones (`Last active (Desktop) (UTC)`, …) are never later than it.
    lastLogin: ['Last active (UTC)'],
    // Read by refine from the status word.
    enabled: [],
    roles: [],
  },
  refine(account, cell) {
    const status = cell('status') ?? cell('Account type');
    const word = status?.toLowerCase();
    return {
      ...account,
      enabled: word === undefined ? undefined : word !== 'deactivated',
      roles: word !== undefined && ROLE_STATUSES.has(word) ? [status!] : [],
      nonHumanReason: word === 'bot' ? 'Slack bot user' : undefined,
    };
  },
};
