import type { KeyMaker } from '../engine/keys';
import { jaroWinkler, nameForms } from '../engine/name-similarity';
import type { Account } from '../model/account';
import type { Identity } from '../model/identity';

export type Agreement = 'same' | 'similar' | 'different' | 'absent';

/** One attribute of an account and a candidate identity, side by side, and how far they agree. */
export interface AttributeAgreement {
  readonly attribute: 'Object id' | 'Employee id' | 'Email' | 'Login / UPN' | 'Name';
  readonly account: string | undefined;
  readonly identity: string | undefined;
  readonly agreement: Agreement;
}

/** An identity an account may belong to, with the evidence for and against. */
export interface Candidate {
  readonly identity: Identity;
  /** 0 to 1: the weighted share of the attributes that agree (similar counts half). */
  readonly score: number;
  readonly agreements: readonly AttributeAgreement[];
}

// The design's rule order, as weights: an object id or employee id is near-proof, an address strong, a name weak.
const WEIGHTS: Readonly<Record<AttributeAgreement['attribute'], number>> = { 'Object id': 5, 'Employee id': 4, Email: 3, 'Login / UPN': 3, Name: 2 };
const TOTAL_WEIGHT = Object.values(WEIGHTS).reduce((sum, weight) => sum + weight, 0);
const SIMILAR_NAME = 0.85;

/**
 * A correlation case: the identities an account could belong to, best first, each attribute compared side by side.
 * Used for an orphan or ambiguous account, where no rule decided and the reviewer does; one pass over the identities.
 * `keepDisagreeing` keeps identities that agree on nothing, for identities the reviewer searched for.
 */
export function rankCandidates(account: Account, identities: readonly Identity[], keys: KeyMaker, { limit = 5, keepDisagreeing = false } = {}): Candidate[] {
  const accountNames = nameForms(account.displayName, account.givenName, account.familyName);
  const accountEmployee = keys.employeeId(account.employeeId);
  const accountObject = keys.objectId(account.objectId);
  const candidates: Candidate[] = [];
  for (const identity of identities) {
    const identityAddresses = [identity.upn, identity.mail, ...identity.otherAddresses].map((raw) => keys.identityAddress(raw)).filter((key) => key !== undefined);
    const addressAgreement = (accountKey: string | undefined): Agreement => {
      if (accountKey === undefined || identityAddresses.length === 0) return 'absent';
      if (identityAddresses.includes(accountKey)) return 'same';
      return identityAddresses.some((address) => localPart(address) === localPart(accountKey)) ? 'similar' : 'different';
    };
    const nameScore = Math.max(0, ...accountNames.flatMap((left) => nameForms(identity.displayName, identity.givenName, identity.surname).map((right) => jaroWinkler(left, right))));
    const agreements: AttributeAgreement[] = [
      { attribute: 'Object id', account: account.objectId, identity: identity.id, agreement: exact(accountObject, keys.objectId(identity.id)) },
      { attribute: 'Employee id', account: account.employeeId, identity: identity.employeeId, agreement: exact(accountEmployee, keys.employeeId(identity.employeeId)) },
      { attribute: 'Email', account: account.email, identity: identity.mail ?? identity.upn, agreement: addressAgreement(keys.accountAddress(account.email)) },
      { attribute: 'Login / UPN', account: account.login, identity: identity.upn, agreement: addressAgreement(keys.accountAddress(account.login)) },
      {
        attribute: 'Name',
        account: account.displayName,
        identity: identity.displayName,
        agreement: accountNames.length === 0 || nameScore === 0 ? 'absent' : nameScore >= 0.99 ? 'same' : nameScore >= SIMILAR_NAME ? 'similar' : 'different',
      },
    ];
    const score = agreements.reduce((sum, { attribute, agreement }) => sum + WEIGHTS[attribute] * (agreement === 'same' ? 1 : agreement === 'similar' ? 0.5 : 0), 0) / TOTAL_WEIGHT;
    // A candidate agrees on something (an id, an address or its local part, a similar name); the rest are noise,
    // unless the reviewer searched for them by name.
    if (score > 0 || keepDisagreeing) candidates.push({ identity, score, agreements });
  }
  return candidates.toSorted((a, b) => b.score - a.score || a.identity.id.localeCompare(b.identity.id)).slice(0, limit);
}

function exact(left: string | undefined, right: string | undefined): Agreement {
  if (left === undefined || right === undefined) return 'absent';
  return left === right ? 'same' : 'different';
}

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at);
}
