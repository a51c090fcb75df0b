import type { TargetProfile } from '../target-profile';
import { parseBooleanValue } from '../../values';

const ROOT = 'the AWS account root user';

/** AWS IAM credential report (formats.md 3.1): active when the console password or a key is active. */
export const awsIam: TargetProfile = {
  id: 'aws-iam',
  label: 'AWS IAM credential report',
  signature: ['user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'mfa_active', 'access_key_1_active', 'access_key_2_active'],
  columns: {
    accountId: ['user'],
    login: ['user'],
    created: ['user_creation_time'],
    lastLogin: ['password_last_used', 'access_key_1_last_used_date', 'access_key_2_last_used_date'],
  },
  refine(account, cell) {
    const password = parseBooleanValue(cell('password_enabled')) === true;
    const keys = parseBooleanValue(cell('access_key_1_active')) === true || parseBooleanValue(cell('access_key_2_active')) === true;
    const isRoot = account.accountId === '<root_account>' || (cell('arn') ?? '').endsWith(':root');
    if (isRoot) return { ...account, enabled: true, nonHumanReason: ROOT, privilegedReason: ROOT };
    return {
      ...account,
      enabled: password || keys,
      nonHumanReason: keys && !password ? 'AWS user with access keys and no console password' : undefined,
    };
  },
};
