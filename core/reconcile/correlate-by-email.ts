import type { Account } from '../model/account';
import type { Identity } from '../model/identity';
import type { ReconciliationRow } from '../model/reconciliation';
import { normaliseEmail } from '../normalise/email';

const EMAIL_RULE_CONFIDENCE = 0.95;

/** Identities by every normalised address they answer to (UPN and mail). */
function indexByAddress(identities: readonly Identity[]): Map<string, Identity[]> {
  const index = new Map<string, Identity[]>();
  for (const identity of identities) {
    const keys = new Set([normaliseEmail(identity.upn), normaliseEmail(identity.mail)]);
    for (const key of keys) {
      if (key === undefined) continue;
      const bucket = index.get(key);
      if (bucket) bucket.push(identity);
      else index.set(key, [identity]);
    }
  }
  return index;
}

const byId = (a: Identity, b: Identity): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Classifies every account by rule 3 of the design (normalised login or email equals a normalised UPN or
 * mail). The slice of the engine that the walking skeleton needs; the full ordered rules build on it.
 */
export function correlateByEmail(identities: readonly Identity[], accounts: readonly Account[]): ReconciliationRow[] {
  const index = indexByAddress(identities);
  return accounts.map((account): ReconciliationRow => {
    const keys = new Set([normaliseEmail(account.email), normaliseEmail(account.login)]);
    const candidates = new Map<string, Identity>();
    for (const key of keys) {
      if (key === undefined) continue;
      for (const identity of index.get(key) ?? []) candidates.set(identity.id, identity);
    }
    const matched = [...candidates.values()].toSorted(byId);
    if (matched.length === 0) {
      // Every account counts as active until the importers read the enabled column (issue: importers).
      return { situation: 'ORPHAN', account, identities: [], rule: undefined, confidence: undefined, findings: [], severity: 'high' };
    }
    const situation = matched.length === 1 ? 'MATCHED' : 'AMBIGUOUS';
    return {
      situation,
      account,
      identities: matched,
      rule: 'email',
      confidence: EMAIL_RULE_CONFIDENCE,
      findings: [],
      severity: situation === 'AMBIGUOUS' ? 'medium' : undefined,
    };
  });
}
