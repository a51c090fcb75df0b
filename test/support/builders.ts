import type { Account } from '@core/model/account';
import type { Identity } from '@core/model/identity';

/** An identity with fixed defaults; override only what the test is about. */
export function anIdentity(overrides: Partial<Identity> & Pick<Identity, 'id' | 'upn'>): Identity {
  return {
    mail: undefined,
    displayName: undefined,
    givenName: undefined,
    surname: undefined,
    accountEnabled: true,
    userType: 'Member',
    ...overrides,
  };
}

/** An account with fixed defaults; override only what the test is about. */
export function anAccount(overrides: Partial<Account> & Pick<Account, 'accountId'>): Account {
  return { login: undefined, email: undefined, displayName: undefined, line: 2, ...overrides };
}
