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
  /** The matched identity's position in the population the correlator was given; -1 unless one identity matched. */
  readonly position: number;
  readonly correlation: Correlation | undefined;
  /**
   * Whether the account's email differs from every mail and other address of the matched identity (attribute
   * drift), when matching by email already normalised them all; undefined when it did not.
   */
  readonly emailDiffers: boolean | undefined;
}

export const NAME_SIMILARITY_THRESHOLD = 0.92;
const NAME_CONFIDENCE_FACTOR = 0.8;
// A name token shared by more identities than this is too common to compare one by one (a "John");
// an exact full-name match is still found through the exact index.
const NAME_BUCKET_LIMIT = 100;

/** Receives one key of a record with the field it came from; undefined keys are passed too and ignored. */
type KeySink = (field: string, key: string | undefined) => void;

interface KeyedRule {
  readonly rule: Exclude<MatchRule, 'name' | 'manual'>;
  readonly confidence: number;
  /** Built on first use: a run whose accounts never carry this rule's key never indexes every identity for it. */
  index: MultiIndex | undefined;
  /** The account's keys for this rule, each with the account field it came from, in order. */
  readonly accountKeys: (account: Account, sink: KeySink) => void;
  /** The identity's keys for this rule, each with the identity field it came from, in order. */
  readonly identityKeys: (identity: Identity, sink: KeySink) => void;
}

interface LinkState {
  linked: string | undefined;
  readonly unlinked: Set<string>;
  last: ManualLink | undefined;
}

/** Rule 5's indices over the identities' names, built the first time an account needs the rule. */
interface NameIndex {
  readonly exactNames: MultiIndex;
  readonly tokens: MultiIndex;
  /** Per identity position: its one name form, its several, or undefined without a name. */
  readonly formsOf: readonly (string | readonly string[] | undefined)[];
}

/** An identity name similar enough to an account name, at the identity's position. */
interface SimilarName {
  readonly position: number;
  readonly similarity: number;
  readonly identityName: string;
}

// Every orphan's correlation is the same; one frozen object serves them all.
const ORPHAN: AccountCorrelation = Object.freeze({ situation: 'ORPHAN', identities: Object.freeze([]), position: -1, correlation: undefined, emailDiffers: undefined });

const NOTHING_EXCLUDED: ReadonlySet<string> = new Set();

/**
 * The correlation rules of the design, in order, over one population of identities: the first rule that
 * finds any candidate decides. Manual links and unlinks override the rules.
 */
export class Correlator {
  readonly #identities: readonly Identity[];
  readonly #visitOrder: Int32Array | undefined;
  readonly #rules: readonly KeyedRule[];
  readonly #links: Map<string, LinkState>;
  #identityIndexById: Map<string, number> | undefined;
  #names: NameIndex | undefined;
  readonly #similarByForm = new Map<string, readonly SimilarName[]>();
  // One account's keys for one rule, and the positions they find; reused, since a million accounts would
  // otherwise each allocate arrays (a list grown by push keeps room for 17 numbers).
  readonly #accountKeys: string[] = [];
  readonly #found: number[] = [];
  // The field each of those keys came from, for the explanation of a match.
  readonly #accountFields: string[] = [];
  readonly #collectKey: KeySink = (field, key) => {
    if (key === undefined) return;
    this.#accountKeys.push(key);
    this.#accountFields.push(field);
  };

  /**
   * `visitOrder`, when given, lists every identity position in the order the indices are built in: the order
   * the identity objects lie in memory (as loaded), which is several times faster to read than id order.
   */
  constructor(identities: readonly Identity[], keys: KeyMaker, links: readonly ManualLink[], hasAliases: boolean, visitOrder?: Int32Array) {
    this.#identities = identities;
    this.#visitOrder = visitOrder;
    const addressKeys = (identity: Identity, sink: KeySink): void => {
      sink('userPrincipalName', keys.identityAddress(identity.upn));
      sink('mail', keys.identityAddress(identity.mail));
      // Indexed: most identities share one frozen empty list, which for-of walks slowly, allocating.
      const others = identity.otherAddresses;
      for (let at = 0; at < others.length; at += 1) sink('other address', keys.identityAddress(others[at]));
    };
    const accountAddressKeys = (account: Account, sink: KeySink): void => {
      sink('email', keys.accountAddress(account.email));
      sink('login', keys.accountAddress(account.login));
    };
    const rules: KeyedRule[] = [
      {
        rule: 'object_id',
        confidence: 1,
        index: undefined,
        accountKeys: (account, sink) => sink('object id column', keys.objectId(account.objectId)),
        identityKeys: (identity, sink) => sink('id', keys.objectId(identity.id)),
      },
      {
        rule: 'employee_id',
        confidence: 0.99,
        index: undefined,
        accountKeys: (account, sink) => sink('employee id', keys.employeeId(account.employeeId)),
        identityKeys: (identity, sink) => sink('employeeId', keys.employeeId(identity.employeeId)),
      },
      { rule: 'email', confidence: 0.95, index: undefined, accountKeys: accountAddressKeys, identityKeys: addressKeys },
    ];
    // Without aliases rule 4's key equals rule 3's, so it could never find what rule 3 missed.
    if (hasAliases) {
      const aliased =
        (sink: KeySink): KeySink =>
        (field, key) =>
          sink(field, keys.aliasKey(key));
      rules.push({
        rule: 'alias',
        confidence: 0.9,
        index: undefined,
        accountKeys: (account, sink) => accountAddressKeys(account, aliased(sink)),
        identityKeys: (identity, sink) => addressKeys(identity, aliased(sink)),
      });
    }
    this.#rules = rules;
    this.#links = buildLinkStates(links);
  }

  /** Correlates one account: manual link, then rules 1 to 5 in order. */
  correlate(account: Account): AccountCorrelation {
    const link = this.#links.get(account.accountId);
    if (link?.linked !== undefined) {
      const position = this.#positionOf(link.linked);
      const identity = position === undefined ? undefined : this.#identities[position];
      if (identity !== undefined && link.last !== undefined) {
        const reason = `linked by ${link.last.by} on ${link.last.at}: ${link.last.justification}`;
        return { situation: 'MATCHED', identities: [identity], position: position!, correlation: { rule: 'manual', confidence: 1, proposal: false, reason }, emailDiffers: undefined };
      }
    }
    const excluded = link?.unlinked ?? NOTHING_EXCLUDED;

    const accountKeys = this.#accountKeys;
    for (const rule of this.#rules) {
      accountKeys.length = 0;
      this.#accountFields.length = 0;
      rule.accountKeys(account, this.#collectKey);
      if (accountKeys.length === 0) continue;
      const index = (rule.index ??= this.#buildIndex(rule));
      // A plain array: nearly every account finds one position or none, and a Set per rule per account
      // is a large share of a million-account run.
      const found = this.#found;
      found.length = 0;
      for (const key of accountKeys) {
        const positions = index.get(key);
        if (positions === undefined) continue;
        if (typeof positions === 'number') this.#consider(positions, found, excluded);
        else for (const position of positions) this.#consider(position, found, excluded);
      }
      if (found.length === 0) continue;
      // Candidates in position order, which is identity id order.
      const candidates = found.length === 1 ? [this.#identities[found[0]!]!] : found.toSorted((a, b) => a - b).map((position) => this.#identities[position]!);
      const matched = candidates.length === 1;
      const reason = matched ? explainKeyMatch(rule, accountKeys, this.#accountFields, candidates[0]!) : `${candidates.length} identities share the ${rule.rule.replace('_', ' ')}`;
      return {
        situation: matched ? 'MATCHED' : 'AMBIGUOUS',
        identities: candidates,
        position: matched ? found[0]! : -1,
        correlation: { rule: rule.rule, confidence: rule.confidence, proposal: false, reason },
        // The explanation has just normalised the identity's addresses: the drift rule need not do it again.
        emailDiffers: matched && rule.rule === 'email' ? explainedEmailDiffers(accountKeys, this.#accountFields) : undefined,
      };
    }
    return this.#correlateByName(account, excluded);
  }

  #consider(position: number, found: number[], excluded: ReadonlySet<string>): void {
    if (!found.includes(position) && (excluded.size === 0 || !excluded.has(this.#identities[position]!.id))) found.push(position);
  }

  #positionOf(identityId: string): number | undefined {
    this.#identityIndexById ??= new Map(this.#identities.map((identity, position) => [identity.id, position]));
    return this.#identityIndexById.get(identityId);
  }

  /** Calls `visit` with every identity and its position, in the visit order (else by position). */
  #eachIdentity(visit: (identity: Identity, position: number) => void): void {
    const order = this.#visitOrder;
    for (let at = 0; at < this.#identities.length; at += 1) {
      const position = order === undefined ? at : order[at]!;
      visit(this.#identities[position]!, position);
    }
  }

  #buildIndex(rule: KeyedRule): MultiIndex {
    const index = new MultiIndex();
    let position = 0;
    const add: KeySink = (_field, key) => index.add(key, position);
    this.#eachIdentity((identity, at) => {
      position = at;
      rule.identityKeys(identity, add);
    });
    if (this.#visitOrder !== undefined) index.sortValues();
    return index;
  }

  #nameIndex(): NameIndex {
    if (this.#names !== undefined) return this.#names;
    const exactNames = new MultiIndex();
    // Only the count of a token shared by more identities than the bucket limit is ever read.
    const tokens = new MultiIndex(NAME_BUCKET_LIMIT);
    const formsOf: (string | readonly string[] | undefined)[] = Array.from({ length: this.#identities.length }, () => undefined);
    this.#eachIdentity((identity, position) => {
      const forms = nameForms(identity.displayName, identity.givenName, identity.surname);
      formsOf[position] = forms.length === 0 ? undefined : forms.length === 1 ? forms[0] : forms;
      for (const form of forms) {
        exactNames.add(form, position);
        // A token repeated in a name is added once: the index skips a position equal to the last one added.
        for (const token of form.split(' ')) if (token.length >= 2) tokens.add(token, position);
      }
    });
    if (this.#visitOrder !== undefined) {
      exactNames.sortValues();
      tokens.sortValues();
    }
    this.#names = { exactNames, tokens, formsOf };
    return this.#names;
  }

  /**
   * The identities whose name is similar enough to one account name form, in the order they are met (exact
   * names first, then the rarest token's identities), a position met twice listed twice. Remembered per form:
   * many accounts carry the same name, and comparing it with the same identities again would give the same list.
   */
  #similarNames(form: string): readonly SimilarName[] {
    const known = this.#similarByForm.get(form);
    if (known !== undefined) return known;
    const names = this.#nameIndex();
    const similar: SimilarName[] = [];
    const consider = (position: number): void => {
      const identityForms = names.formsOf[position];
      if (identityForms === undefined) return;
      for (const identityName of typeof identityForms === 'string' ? [identityForms] : identityForms) {
        if (!lengthsAllowSimilarity(form.length, identityName.length)) continue;
        const similarity = jaroWinkler(form, identityName);
        if (similarity >= NAME_SIMILARITY_THRESHOLD) similar.push({ position, similarity, identityName });
      }
    };
    names.exactNames.forEach(form, consider);
    // The identities sharing the rarest known token are the candidates: a misspelt token is unknown
    // (count 0) and skipped, so the person is still found through another; a token shared by too many
    // identities to compare one by one (a "John") finds only exact names, through the index above.
    let rarest: string | undefined;
    let rarestCount = Number.POSITIVE_INFINITY;
    for (const token of form.split(' ')) {
      const count = names.tokens.count(token);
      if (token.length >= 2 && count > 0 && (count < rarestCount || (count === rarestCount && token < rarest!))) {
        rarest = token;
        rarestCount = count;
      }
    }
    if (rarest !== undefined && rarestCount <= NAME_BUCKET_LIMIT) names.tokens.forEach(rarest, consider);
    this.#similarByForm.set(form, similar);
    return similar;
  }

  /** Rule 5: one identity whose name is similar at 0.92 or more; a proposal a reviewer must confirm. */
  #correlateByName(account: Account, excluded: ReadonlySet<string>): AccountCorrelation {
    const forms = nameForms(account.displayName, account.givenName, account.familyName);
    if (forms.length === 0) return ORPHAN;
    // The most similar name of the one identity found, first met on a tie; no map per account, as a second
    // identity settles the account an orphan at once.
    let best: SimilarName | undefined;
    let accountName = '';
    for (const form of forms) {
      for (const candidate of this.#similarNames(form)) {
        if (excluded.size > 0 && excluded.has(this.#identities[candidate.position]!.id)) continue;
        if (best !== undefined && candidate.position !== best.position) return ORPHAN;
        if (best === undefined || candidate.similarity > best.similarity) {
          best = candidate;
          accountName = form;
        }
      }
    }
    if (best === undefined) return ORPHAN;
    const { position } = best;
    const similarity = Math.round(best.similarity * 1000) / 1000;
    return {
      situation: 'MATCHED',
      identities: [this.#identities[position]!],
      position,
      emailDiffers: undefined,
      correlation: {
        rule: 'name',
        confidence: Math.round(similarity * NAME_CONFIDENCE_FACTOR * 100) / 100,
        proposal: true,
        reason: `account name "${accountName}" is ${similarity.toFixed(3)} similar to identity name "${best.identityName}" (threshold ${NAME_SIMILARITY_THRESHOLD}); a proposal to confirm`,
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

// One identity's keys for the explanation, with their fields; reused, as the correlator's own key list is.
const explainedFields: string[] = [];
const explainedKeys: (string | undefined)[] = [];
const collectExplained: KeySink = (field, key) => {
  explainedFields.push(field);
  explainedKeys.push(key);
};

/**
 * The first account key, in order, that equals one of the identity's (its first such field): what matched
 * what. The account's keys and their fields are those the match was found with (defined ones, in order).
 */
function explainKeyMatch(rule: KeyedRule, accountKeys: readonly string[], accountFields: readonly string[], identity: Identity): string {
  // The identity's keys once, not once per account key: normalising addresses is most of this.
  explainedFields.length = 0;
  explainedKeys.length = 0;
  rule.identityKeys(identity, collectExplained);
  for (const [index, key] of accountKeys.entries()) {
    const at = explainedKeys.indexOf(key);
    // Joined, not a template: the reason is kept with the row, and a template's pieces would be kept with it.
    if (at >= 0) return ['account ', accountFields[index]!, ' matches identity ', explainedFields[at]!, ' (', key, ')'].join('');
  }
  return `matched by ${rule.rule}`;
}

/**
 * Whether the account's email key, among the rule 3 keys just explained, differs from every one of the explained
 * identity's mail and other address keys while it has one: the email part of attribute drift, as that rule
 * decides it from the same normalised keys. False when the account has no email key.
 */
function explainedEmailDiffers(accountKeys: readonly string[], accountFields: readonly string[]): boolean {
  const at = accountFields.indexOf('email');
  if (at < 0) return false;
  const email = accountKeys[at];
  let hasAddress = false;
  for (const [index, key] of explainedKeys.entries()) {
    if (explainedFields[index] === 'userPrincipalName') continue;
    if (key === email) return false;
    hasAddress ||= key !== undefined;
  }
  return hasAddress;
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
