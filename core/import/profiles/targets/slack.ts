import type { TargetProfile } from '../target-profile';

const ROLE_STATUSES = new Set(['admin', 'owner', 'primary owner']);

/** Slack "Export member list": status Deactivated cannot sign in; Bot is not a person. */
export const slack: TargetProfile = {
  id: 'slack',
  label: 'Slack members',
  signature: ['username', 'email', 'status', 'billing-active', 'has-2fa', 'has-sso', 'userid', 'fullname', 'displayname'],
  columns: {
    accountId: ['userid'],
    login: ['username'],
    email: ['email'],
    displayName: ['fullname', 'displayname'],
    enabled: ['status'],
    roles: ['status'],
  },
  refine(account, cell) {
    const status = (cell('status') ?? '').toLowerCase();
    return {
      ...account,
      enabled: status === '' ? undefined : status !== 'deactivated',
      roles: ROLE_STATUSES.has(status) ? [cell('status')!] : [],
      nonHumanReason: status === 'bot' ? 'Slack bot user' : undefined,
    };
  },
};

/** Slack analytics member export: no status, but the creation date. */
export const slackAnalytics: TargetProfile = {
  id: 'slack-analytics',
  label: 'Slack member analytics',
  signature: ['Name', 'Email', 'Account type', 'Account created (UTC)', 'Days active'],
  columns: { displayName: ['Name'], email: ['Email'], created: ['Account created (UTC)'], roles: ['Account type'] },
};
