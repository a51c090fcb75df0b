import { parseBooleanValue } from '../../values';
import type { TargetProfile } from '../target-profile';

const ROOT = 'the AWS account root user';
const KEY_ONLY = 'AWS user with access keys and no console password';

/**
 * AWS IAM credential report (formats.md 3.1). Active when the console password or an access key is active;
 * last login is the latest of the password's and the keys' last use (`N/A`, `no_information`, `not_supported`
 * are absent). The `<root_account>` row is the account's root: privileged, not a person, always active.
 */
export const awsIam: TargetProfile = {
  id: 'aws-iam',
  label: 'AWS IAM credential report',
  signatures: [
    [
      'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation',
      'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region',
      'access_key_1_last_used_service', 'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date',
      'access_key_2_last_used_region', 'access_key_2_last_used_service', 'cert_1_active', 'cert_1_last_rotated', 'cert_2_active',
      'cert_2_last_rotated',
    ],
  ],
  columns: {
    accountId: ['user'],
    login: ['user'],
    created: ['user_creation_time'],
    lastLogin: ['password_last_used', 'access_key_1_last_used_date', 'access_key_2_last_used_date'],
  },
  keepColumns: ['arn'],
  refine(account, cell) {
    if (account.accountId === '<root_account>' || (cell('arn') ?? '').endsWith(':root')) {
      return { ...account, enabled: true, nonHumanReason: ROOT, privilegedReason: ROOT };
    }
    const password = parseBooleanValue(cell('password_enabled')) === true;
    const keys = parseBooleanValue(cell('access_key_1_active')) === true || parseBooleanValue(cell('access_key_2_active')) === true;
    return { ...account, enabled: password || keys, nonHumanReason: keys && !password ? KEY_ONLY : undefined };
  },
};
