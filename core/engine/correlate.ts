import type { Account } from '../model/account';
import type { Identity } from '../model/identity';
import type { ManualLink } from '../model/manual-link';
import type { Correlation, MatchRule } from '../model/reconciliation';
import type { KeyMaker } from './keys';
import { MultiIndex } from './multi-index';
import { jaroWinkler, nameForms } from './name-similarity';

/** What correlation decided for one account. */
export interface AccountCorrelation {
  readonly situation: 'MATCHED' | 'AMBIGUOUS' | 'ORPHAN';
  readonly identities: readonly Identity[];
  readonly correlation: Correlation | undefined;
}

export const NAME_SIMILARITY_THRESHOLD = 0.92;
const NAME_CONFIDENCE_FACTOR = 0.8;
// A name token shared by more identities than this is too common to compare one by one (a "John");
// an exact full-name match is still found through the exact index.
const NAME_BUCKET_LIMIT = 100;

interface KeyedRule {
  readonly rule: Exclude<MatchRule, 'name' | 'manual'>;
  readonly confidence: number;
  readonly index: MultiIndex;
  /** The account's keys for this rule, with the account field each came from. */
  readonly accountKeys: (account: Account) => readonly (readonly [field: string, key: string | undefined])[];
  /** The identity's keys for this rule, with the identity field each came from. */
  readonly identityKeys: (identity: Identity) => readonly (readonly [field: string, key: string | undefined])[];
}

interface LinkState {
  linked: string | undefined;
  readonly unlinked: Set<string>;
  last: ManualLink | undefined;
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
const NOTHING_EXCLUDED: ReadonlySet<string> = new Set();

/**
 * The correlation rules of the design, in order, over one population of identities: the first rule that
 * finds any candidate decides. Manual links and unlinks override the rules.
 */
export class Correlator {
  readonly #identities: readonly Identity[];
  readonly #rules: readonly KeyedRule[];
  readonly #links: Map<string, LinkState>;
  readonly #identityIndexById = new Map<string, number>();
  readonly #exactNames = new MultiIndex();
  readonly #nameTokens = new MultiIndex();
  readonly #nameFormsOf: (readonly string[])[] = [];

  constructor(identities: readonly Identity[], keys: KeyMaker, links: readonly ManualLink[], hasAliases: boolean) {
    this.#identities = identities;
    const addressKeys = (identity: Identity): [string, string | undefined][] => [
      ['userPrincipalName', keys.identityAddress(identity.upn)],
      ['mail', keys.identityAddress(identity.mail)],
      ...identity.otherAddresses.map((address): [string, string | undefined] => ['other address', keys.identityAddress(address)]),
    ];
    const accountAddressKeys = (account: Account): [string, string | undefined][] => [
      ['email', keys.accountAddress(account.email)],
      ['login', keys.accountAddress(account.login)],
    ];
    const rules: KeyedRule[] = [
      {
        rule: 'object_id',
        confidence: 1,
        index: new MultiIndex(),
        accountKeys: (account) => [['object id column', keys.objectId(account.objectId)]],
        identityKeys: (identity) => [['id', keys.objectId(identity.id)]],
      },
      {
        rule: 'employee_id',
        confidence: 0.99,
        index: new MultiIndex(),
        accountKeys: (account) => [['employee id', keys.employeeId(account.employeeId)]],
        identityKeys: (identity) => [['employeeId', keys.employeeId(identity.employeeId)]],
      },
      { rule: 'email', confidence: 0.95, index: new MultiIndex(), accountKeys: accountAddressKeys, identityKeys: addressKeys },
    ];
    // Without aliases rule 4's key equals rule 3's, so it could never find what rule 3 missed.
    if (hasAliases) {
      const aliased = (pairs: [string, string | undefined][]): [string, string | undefined][] =>
        pairs.map(([field, key]) => [field, keys.aliasKey(key)]);
      rules.push({
        rule: 'alias',
        confidence: 0.9,
        index: new MultiIndex(),
        accountKeys: (account) => aliased(accountAddressKeys(account)),
        identityKeys: (identity) => aliased(addressKeys(identity)),
      });
    }
    this.#rules = rules;

    identities.forEach((identity, position) => {
      this.#identityIndexById.set(identity.id, position);
      for (const rule of rules) for (const [, key] of rule.identityKeys(identity)) rule.index.add(key, position);
      const forms = nameForms(identity.displayName, identity.givenName, identity.surname);
      this.#nameFormsOf.push(forms);
      for (const form of forms) {
        this.#exactNames.add(form, position);
        for (const token of unique(form.split(' '))) if (token.length >= 2) this.#nameTokens.add(token, position);
      }
    });
    this.#links = buildLinkStates(links);
  }

  /** Correlates one account: manual link, then rules 1 to 5 in order. */
  correlate(account: Account): AccountCorrelation {
    const link = this.#links.get(account.accountId);
    if (link?.linked !== undefined) {
      const position = this.#identityIndexById.get(link.linked);
      const identity = position === undefined ? undefined : this.#identities[position];
      if (identity !== undefined && link.last !== undefined) {
        const reason = `linked by ${link.last.by} on ${link.last.at}: ${link.last.justification}`;
        return { situation: 'MATCHED', identities: [identity], correlation: { rule: 'manual', confidence: 1, proposal: false, reason } };
      }
    }
    const excluded = link?.unlinked ?? NOTHING_EXCLUDED;

    for (const rule of this.#rules) {
      // A plain array: nearly every account finds one position or none, and a Set per rule per account
      // is a large share of a million-account run.
      const found: number[] = [];
      for (const [, key] of rule.accountKeys(account)) {
        rule.index.forEach(key, (position) => {
          if (!found.includes(position) && !excluded.has(this.#identities[position]!.id)) found.push(position);
        });
      }
      if (found.length === 0) continue;
      const candidates = found.toSorted((a, b) => a - b).map((position) => this.#identities[position]!);
      const reason =
        candidates.length === 1 ? explainKeyMatch(rule, account, candidates[0]!) : `${candidates.length} identities share the ${rule.rule.replace('_', ' ')}`;
      return {
        situation: candidates.length === 1 ? 'MATCHED' : 'AMBIGUOUS',
        identities: candidates,
        correlation: { rule: rule.rule, confidence: rule.confidence, proposal: false, reason },
      };
    }
    return this.#correlateByName(account, excluded);
  }

  /** Rule 5: one identity whose name is similar at 0.92 or more; a proposal a reviewer must confirm. */
  #correlateByName(account: Account, excluded: ReadonlySet<string>): AccountCorrelation {
    const orphan: AccountCorrelation = { situation: 'ORPHAN', identities: [], correlation: undefined };
    const forms = nameForms(account.displayName, account.givenName, account.familyName);
    if (forms.length === 0) return orphan;
    const best = new Map<number, { similarity: number; accountName: string; identityName: string }>();
    const consider = (position: number, accountName: string): void => {
      if (excluded.has(this.#identities[position]!.id)) return;
      for (const identityName of this.#nameFormsOf[position]!) {
        if (!lengthsAllowSimilarity(accountName.length, identityName.length)) continue;
        const similarity = jaroWinkler(accountName, identityName);
        if (similarity < NAME_SIMILARITY_THRESHOLD) continue;
        const previous = best.get(position);
        if (!previous || similarity > previous.similarity) best.set(position, { similarity, accountName, identityName });
      }
    };
    for (const form of forms) {
      this.#exactNames.forEach(form, (position) => consider(position, form));
      // The identities sharing the rarest known token are the candidates: a misspelt token is unknown
      // (count 0) and skipped, so the person is still found through another; a token shared by too many
      // identities to compare one by one (a "John") finds only exact names, through the index above.
      let rarest: string | undefined;
      let rarestCount = Number.POSITIVE_INFINITY;
      for (const token of form.split(' ')) {
        const count = this.#nameTokens.count(token);
        if (token.length >= 2 && count > 0 && (count < rarestCount || (count === rarestCount && token < rarest!))) {
          rarest = token;
          rarestCount = count;
        }
      }
      if (rarest !== undefined && rarestCount <= NAME_BUCKET_LIMIT) this.#nameTokens.forEach(rarest, (position) => consider(position, form));
    }
    if (best.size !== 1) return orphan;
    const [[position, match]] = [...best] as [[number, { similarity: number; accountName: string; identityName: string }]];
    const similarity = Math.round(match.similarity * 1000) / 1000;
    return {
      situation: 'MATCHED',
      identities: [this.#identities[position]!],
      correlation: {
        rule: 'name',
        confidence: Math.round(similarity * NAME_CONFIDENCE_FACTOR * 100) / 100,
        proposal: true,
        reason: `account name "${match.accountName}" is ${similarity.toFixed(3)} similar to identity name "${match.identityName}" (threshold ${NAME_SIMILARITY_THRESHOLD}); a proposal to confirm`,
      },
    };
  }
}

/**
 * Jaro similarity is at most (2 + shorter/longer) / 3, and Jaro-Winkler adds at most 0.4 of what is left,
 * so names whose lengths differ too much can never reach the threshold: skip them without comparing.
 */
function lengthsAllowSimilarity(a: number, b: number): boolean {
  const ratio = Math.min(a, b) / Math.max(a, b);
  const jaroBound = (2 + ratio) / 3;
  return jaroBound + 0.4 * (1 - jaroBound) >= NAME_SIMILARITY_THRESHOLD;
}

function explainKeyMatch(rule: KeyedRule, account: Account, identity: Identity): string {
  const identityKeys = rule.identityKeys(identity);
  for (const [accountField, key] of rule.accountKeys(account)) {
    if (key === undefined) continue;
    const match = identityKeys.find(([, identityKey]) => identityKey === key);
    if (match) return `account ${accountField} matches identity ${match[0]} (${key})`;
  }
  return `matched by ${rule.rule}`;
}

/** The effect of the reviewer's links and unlinks, applied in the order they were made. */
function buildLinkStates(links: readonly ManualLink[]): Map<string, LinkState> {
  const states = new Map<string, LinkState>();
  const ordered = links.map((link, order) => ({ link, order })).toSorted((a, b) => (a.link.at < b.link.at ? -1 : a.link.at > b.link.at ? 1 : a.order - b.order));
  for (const { link } of ordered) {
    let state = states.get(link.accountId);
    if (!state) {
      state = { linked: undefined, unlinked: new Set(), last: undefined };
      states.set(link.accountId, state);
    }
    if (link.action === 'link') {
      state.linked = link.identityId;
      state.unlinked.delete(link.identityId);
      state.last = link;
    } else {
      if (state.linked === link.identityId) state.linked = undefined;
      state.unlinked.add(link.identityId);
    }
  }
  return states;
}
