import type { Account } from '../model/account';
import type { Identity } from '../model/identity';
import type { ManualLink } from '../model/manual-link';
import type { AccountKeyField, Correlation, CorrelationExplainer, MatchRule } from '../model/reconciliation';
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
   * drift), when the email rule matched it (its index holds those addresses normalised); undefined otherwise.
   */
  readonly emailDiffers: boolean | undefined;
}

/**
 * Every account's correlation, by account index, kept as columns until every row is built: an object per account
 * holding them would be 64 MB of old-generation garbage at 1,000,000 accounts. An account not set is an orphan.
 */
export class Correlations {
  readonly #identities: (readonly Identity[])[];
  readonly #correlations: (Correlation | undefined)[];
  /** The matched identity's position, or -1 (see `AccountCorrelation.position`). */
  readonly positions: Int32Array;
  // 1 or 0 for whether the email differs, -1 when correlation did not decide it.
  readonly #emailDiffers: Int8Array;

  constructor(accounts: number) {
    this.#identities = Array.from({ length: accounts }, () => ORPHAN.identities);
    this.#correlations = Array.from({ length: accounts }, () => undefined);
    this.positions = new Int32Array(accounts).fill(-1);
    this.#emailDiffers = new Int8Array(accounts).fill(-1);
  }

  set(index: number, correlation: AccountCorrelation): void {
    this.#identities[index] = correlation.identities;
    this.#correlations[index] = correlation.correlation;
    this.positions[index] = correlation.position;
    this.#emailDiffers[index] = correlation.emailDiffers === undefined ? -1 : correlation.emailDiffers ? 1 : 0;
  }

  /** The account's situation, told by how many identities it was correlated with. */
  situation(index: number): AccountCorrelation['situation'] {
    const { length } = this.#identities[index]!;
    return length === 0 ? 'ORPHAN' : length === 1 ? 'MATCHED' : 'AMBIGUOUS';
  }

  /** The account's correlation as one object, made for the caller. */
  get(index: number): AccountCorrelation {
    const emailDiffers = this.#emailDiffers[index]!;
    return {
      situation: this.situation(index),
      identities: this.#identities[index]!,
      position: this.positions[index]!,
      correlation: this.#correlations[index],
      emailDiffers: emailDiffers < 0 ? undefined : emailDiffers === 1,
    };
  }
}

export const NAME_SIMILARITY_THRESHOLD = 0.92;
const NAME_CONFIDENCE_FACTOR = 0.8;
// A name token shared by more identities than this is too common to compare one by one (a "John");
// an exact full-name match is still found through the exact index.
const NAME_BUCKET_LIMIT = 100;

/**
 * A rule's index of the identities' keys. Each value is an identity position shifted left by `FIELD_BITS`, with the
 * bits of the identity fields that gave the key: a match is explained from the index, without normalising the
 * identity's addresses again (at 300,000 accounts that was 0.7 s of the 9.7 s reconcile took).
 */
interface KeyIndex {
  readonly entries: MultiIndex;
  /** Per identity position, the bits of the fields that gave it any key. */
  readonly fieldsOf: Uint8Array;
}

const FIELD_BITS = 3;
const FIELD_MASK = (1 << FIELD_BITS) - 1;

// The address rules' identity fields, in the order their keys are given; the bits of the mail and other addresses.
const ADDRESS_FIELDS = ['userPrincipalName', 'mail', 'other address'];
const MAIL_OR_OTHER_ADDRESS = 0b110;

/** Receives one key of a record with the field it came from; undefined keys are passed too and ignored. */
type KeySink = (field: string, key: string | undefined) => void;

type KeyRuleName = Exclude<MatchRule, 'name' | 'manual'>;

interface KeyedRule {
  readonly rule: KeyRuleName;
  readonly confidence: number;
  /** Built on first use: a run whose accounts never carry this rule's key never indexes every identity for it. */
  index: KeyIndex | undefined;
  /** The identity fields `identityKeys` names, in the order it gives their keys (at most `FIELD_BITS` of them). */
  readonly identityFields: readonly string[];
  /** The account fields the rule takes keys from, in order. */
  readonly accountFields: readonly AccountKeyField[];
  /** The key of an account field's raw value. */
  readonly accountKey: (raw: string | undefined) => string | undefined;
  /** The identity's keys for this rule, each with the identity field it came from, in order. */
  readonly identityKeys: (identity: Identity, sink: KeySink) => void;
  /**
   * The one correlation every match through the same account field and identity field shares, by
   * `accountField * FIELD_BITS + identityField`: made on first use (see `Correlation.keyField`).
   */
  readonly matches: (Correlation | undefined)[];
}

interface LinkState {
  linked: string | undefined;
  readonly unlinked: Set<string>;
  last: ManualLink | undefined;
}

/**
 * Rule 5's indices over the identities' names, built once the accounts left for the rule are known. They hold
 * positions only: a visited identity's name forms are made again, as keeping those of nearly every identity
 * (nearly every one shares a token with some account) was 84 MB at 1,000,000 identities.
 */
interface NameIndex {
  readonly exactNames: ExactNames;
  readonly tokens: MultiIndex;
}

/** An identity name similar enough to an account name, at the identity's position. */
interface SimilarName {
  readonly position: number;
  readonly similarity: number;
  readonly identityName: string;
}

// Every orphan's correlation is the same; one frozen object serves them all.
const ORPHAN: AccountCorrelation = Object.freeze({ situation: 'ORPHAN', identities: Object.freeze([]), position: -1, correlation: undefined, emailDiffers: undefined });

const ascending = (a: number, b: number): number => a - b;

const NOTHING_EXCLUDED: ReadonlySet<string> = new Set();

/** How many accounts (or identities, indexing keys or names) between two progress reports. */
export const PROGRESS_EVERY = 50_000;

/**
 * Matching's progress: identities whose keys are indexed for a key rule (`keys`, of all identities, once per
 * index, when the first account with that rule's key needs it: 1.7–2.1 s of a million-identity run), accounts
 * settled (`match`, of all accounts), and, between rule 5's accounts and the rest, identities whose names are
 * indexed (`names`, of all identities; 2–3.6 s of a million-identity run).
 */
export type CorrelateProgress = (phase: 'keys' | 'match' | 'names', done: number, total: number) => void;

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
  // One account's keys for one rule, and the positions they find; reused, since a million accounts would
  // otherwise each allocate arrays (a list grown by push keeps room for 17 numbers).
  readonly #accountKeys = new AccountKeys();
  readonly #found: number[] = [];
  #foundCount = 0;

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
    const rule = (name: KeyRuleName, confidence: number, identityFields: readonly string[], identityKeys: KeyedRule['identityKeys']): KeyedRule => ({
      rule: name,
      confidence,
      index: undefined,
      identityFields,
      accountFields: ACCOUNT_FIELDS[name],
      accountKey: accountKeyMaker(name, keys),
      identityKeys,
      matches: [],
    });
    const rules: KeyedRule[] = [
      rule('object_id', 1, ['id'], (identity, sink) => sink('id', keys.objectId(identity.id))),
      rule('employee_id', 0.99, ['employeeId'], (identity, sink) => sink('employeeId', keys.employeeId(identity.employeeId))),
      rule('email', 0.95, ADDRESS_FIELDS, addressKeys),
    ];
    // Without aliases rule 4's key equals rule 3's, so it could never find what rule 3 missed.
    if (hasAliases) {
      rules.push(rule('alias', 0.9, ADDRESS_FIELDS, (identity, sink) => addressKeys(identity, (field, key) => sink(field, keys.aliasKey(key)))));
    }
    this.#rules = rules;
    this.#links = buildLinkStates(links);
  }

  /**
   * Every account's correlation, in order: manual link, then rules 1 to 5. Rule 5 runs last, over the accounts no
   * link or key settled, so its index holds only the names those accounts can look up (at 300,000 accounts about
   * one in ten; indexing every identity's name and tokens was 2.0 s of the 9.7 s reconcile took). `onProgress`
   * is told how many identities each index has visited, and how many accounts are settled, by either pass.
   */
  correlateAll(accounts: readonly Account[], onProgress?: CorrelateProgress): Correlations {
    const identities = this.#identities.length;
    const onKeysIndexed = onProgress && ((done: number) => onProgress('keys', done, identities));
    const correlations = new Correlations(accounts.length);
    let settled = 0;
    const settle = (index: number, correlation: AccountCorrelation): void => {
      correlations.set(index, correlation);
      settled += 1;
      if (onProgress && settled % PROGRESS_EVERY === 0) onProgress('match', settled, accounts.length);
    };
    // The accounts left for rule 5, by index.
    const byName: number[] = [];
    for (let index = 0; index < accounts.length; index += 1) {
      const correlation = this.#correlateByLinkOrKey(accounts[index]!, onKeysIndexed);
      if (correlation === undefined) byName.push(index);
      else settle(index, correlation);
    }
    // The key indices are done with: let them go before the name index is built.
    for (const rule of this.#rules) rule.index = undefined;
    // Their name forms are made again where needed, never kept: V8 allocates straight in old space from a code
    // site whose objects mostly outlive a young collection, and 100,000 kept lists from `nameForms` made the
    // million it makes for the identities, and their names, old-generation garbage (about 90 MB).
    const nameAccounts = byName.map((index) => accounts[index]!);
    // An exact-name bucket keeps room for the two identities that decide, past any an account excludes.
    this.#names = buildNameIndex(nameAccounts, 2 + this.#excludedPositions(nameAccounts), (visit) => this.#eachIdentity(visit), onProgress && ((done) => onProgress('names', done, identities)));
    for (let at = 0; at < byName.length; at += 1) {
      const account = nameAccounts[at]!;
      settle(byName[at]!, this.#correlateByName(accountNameForms(account), this.#excludedFor(account)));
    }
    this.#names = undefined;
    return correlations;
  }

  /**
   * How many identity positions carry an id some of the accounts exclude: at least as many as any one account
   * skips. Positions, not ids: an export may list one id twice, and each copy takes a place in a bucket.
   */
  #excludedPositions(accounts: readonly Account[]): number {
    const ids = new Set<string>();
    for (const account of accounts) for (const id of this.#excludedFor(account)) ids.add(id);
    if (ids.size === 0) return 0;
    let positions = 0;
    for (const identity of this.#identities) if (ids.has(identity.id)) positions += 1;
    return positions;
  }

  /** The identities a reviewer unlinked from the account. */
  #excludedFor(account: Account): ReadonlySet<string> {
    return this.#links.get(account.accountId)?.unlinked ?? NOTHING_EXCLUDED;
  }

  /**
   * Manual link, then rules 1 to 4 in order; undefined when none decides, which leaves rule 5. A rule's index is
   * built the first time it is needed, telling `onKeysIndexed` how many identities it has visited.
   */
  #correlateByLinkOrKey(account: Account, onKeysIndexed: ((identities: number) => void) | undefined): AccountCorrelation | undefined {
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
      accountKeys.size = 0;
      const fields = rule.accountFields;
      for (let at = 0; at < fields.length; at += 1) accountKeys.collect(fields[at]!, rule.accountKey(accountValue(account, fields[at]!)));
      if (accountKeys.size === 0) continue;
      const index = (rule.index ??= this.#buildIndex(rule, onKeysIndexed));
      // A plain array with a count: nearly every account finds one position or none, and a Set per rule per
      // account is a large share of a million-account run.
      this.#foundCount = 0;
      for (let at = 0; at < accountKeys.size; at += 1) {
        // A login that is the account's address gives the email's key again (half the accounts of bench:engine's
        // million): it finds what the email found, without looking it up again.
        if (at > 0 && accountKeys.keys[at] === accountKeys.keys[at - 1]) {
          accountKeys.values[at] = accountKeys.values[at - 1];
          continue;
        }
        const values = index.entries.get(accountKeys.keys[at]!);
        accountKeys.values[at] = values;
        if (values === undefined) continue;
        if (typeof values === 'number') this.#consider(values >> FIELD_BITS, excluded);
        else for (const value of values) this.#consider(value >> FIELD_BITS, excluded);
      }
      if (this.#foundCount === 0) continue;
      const position = this.#found[0]!;
      const matched = this.#foundCount === 1;
      // Candidates in position order, which is identity id order.
      const candidates = matched
        ? [this.#identities[position]!]
        : this.#found
            .slice(0, this.#foundCount)
            .toSorted(ascending)
            .map((at) => this.#identities[at]!);
      return {
        situation: matched ? 'MATCHED' : 'AMBIGUOUS',
        identities: candidates,
        position: matched ? position : -1,
        correlation: matched
          ? keyMatch(rule, accountKeys, position)
          : { rule: rule.rule, confidence: rule.confidence, proposal: false, reason: `${candidates.length} identities share the ${rule.rule.replace('_', ' ')}` },
        // The index holds the identity's normalised addresses: the drift rule need not normalise them again.
        emailDiffers: matched && rule.rule === 'email' ? indexedEmailDiffers(index, accountKeys, position) : undefined,
      };
    }
    return undefined;
  }

  /** Adds the position to those found, once, unless a reviewer unlinked its identity from the account. */
  #consider(position: number, excluded: ReadonlySet<string>): void {
    const found = this.#found;
    for (let at = 0; at < this.#foundCount; at += 1) if (found[at] === position) return;
    if (excluded.size > 0 && excluded.has(this.#identities[position]!.id)) return;
    found[this.#foundCount] = position;
    this.#foundCount += 1;
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

  #buildIndex(rule: KeyedRule, onIndexed: ((identities: number) => void) | undefined): KeyIndex {
    const entries = new MultiIndex();
    const fieldsOf = new Uint8Array(this.#identities.length);
    // One identity's distinct keys, each with the bits of the fields that gave it: UPN and mail are mostly one
    // address, which is added once.
    // Counted, not emptied by setting their length (see `AccountKeys`).
    const keys: string[] = [];
    const fields: number[] = [];
    let count = 0;
    const collect: KeySink = (field, key) => {
      if (key === undefined) return;
      const bit = 1 << rule.identityFields.indexOf(field);
      let at = 0;
      while (at < count && keys[at] !== key) at += 1;
      if (at < count) fields[at]! |= bit;
      else {
        keys[count] = key;
        fields[count] = bit;
        count += 1;
      }
    };
    let visited = 0;
    this.#eachIdentity((identity, position) => {
      count = 0;
      rule.identityKeys(identity, collect);
      let all = 0;
      for (let at = 0; at < count; at += 1) {
        entries.add(keys[at], (position << FIELD_BITS) | fields[at]!);
        all |= fields[at]!;
      }
      fieldsOf[position] = all;
      visited += 1;
      if (onIndexed && visited % PROGRESS_EVERY === 0) onIndexed(visited);
    });
    if (this.#visitOrder !== undefined) entries.sortValues();
    return { entries, fieldsOf };
  }

  /**
   * The identities not excluded whose name is similar enough to one account name form, in the order they are met
   * (exact names first, then the rarest token's identities), a position met twice listed twice, up to the first
   * of a second identity: that one makes the account an orphan, so what follows is never read (a common name's
   * list was hundreds long). Not remembered per form: so short, making them again costs about 0.2 s at 1,000,000
   * accounts, and remembering them kept 12 MB in old generation.
   */
  #similarNames(form: string, excluded: ReadonlySet<string>): readonly SimilarName[] {
    const names = this.#names!;
    const similar: SimilarName[] = [];
    let secondIdentity = false;
    const consider = (position: number): void => {
      if (secondIdentity || (excluded.size > 0 && excluded.has(this.#identities[position]!.id))) return;
      for (const identityName of identityNameForms(this.#identities[position]!)) {
        if (!lengthsAllowSimilarity(form.length, identityName.length)) continue;
        const similarity = jaroWinkler(form, identityName);
        if (similarity < NAME_SIMILARITY_THRESHOLD) continue;
        similar.push({ position, similarity, identityName });
        secondIdentity = position !== similar[0]!.position;
        if (secondIdentity) return;
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
    return similar;
  }

  /** Rule 5: one identity whose name is similar at 0.92 or more; a proposal a reviewer must confirm. */
  #correlateByName(forms: readonly string[], excluded: ReadonlySet<string>): AccountCorrelation {
    if (forms.length === 0) return ORPHAN;
    // The most similar name of the one identity found, first met on a tie; no map per account, as a second
    // identity settles the account an orphan at once.
    let best: SimilarName | undefined;
    let accountName = '';
    for (const form of forms) {
      for (const candidate of this.#similarNames(form, excluded)) {
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

const accountNameForms = (account: Account): string[] => nameForms(account.displayName, account.givenName, account.familyName);
const identityNameForms = (identity: Identity): string[] => nameForms(identity.displayName, identity.givenName, identity.surname);

/**
 * Rule 5's indices over the identities' names, holding only what the given accounts' name forms look up: their
 * exact forms (see `ExactNames`), and their tokens with every identity that has one (or, past the bucket limit,
 * the count). Rule 5 reads nothing else, so its answers are those of indices over every name.
 */
function buildNameIndex(
  accounts: readonly Account[],
  keepExact: number,
  eachIdentity: (visit: (identity: Identity, position: number) => void) => void,
  onIndexed: ((identities: number) => void) | undefined,
): NameIndex {
  const exactNames = new ExactNames(keepExact);
  const wantedTokens = new Set<string>();
  for (const account of accounts) {
    for (const form of accountNameForms(account)) {
      exactNames.want(form);
      for (const token of form.split(' ')) if (token.length >= 2) wantedTokens.add(token);
    }
  }
  // Only the count of a token shared by more identities than the bucket limit is ever read.
  const tokens = new MultiIndex(NAME_BUCKET_LIMIT);
  if (exactNames.size === 0) return { exactNames, tokens };
  let visited = 0;
  eachIdentity((identity, position) => {
    for (const form of identityNameForms(identity)) {
      exactNames.add(form, position);
      // A token repeated in a name is added once: the index skips a position equal to the last one added.
      for (const token of form.split(' ')) if (token.length >= 2 && wantedTokens.has(token)) tokens.add(token, position);
    }
    visited += 1;
    if (onIndexed && visited % PROGRESS_EVERY === 0) onIndexed(visited);
  });
  // Positions come in the visit order: put them in position order.
  tokens.sortValues();
  return { exactNames, tokens };
}

// What a wanted name holds until an identity has it; never written to, as a list is copied until full.
const NO_POSITIONS: number[] = [];

/**
 * Rule 5's index of exact names: per account name form, the smallest positions of the identities with that form,
 * at most `keep`. Each is 1.0 similar and rule 5 stops at the second identity it can propose, so it never reads
 * the others (a common name's: 640,000 positions at 1,000,000 identities); `keep` allows for the identities a
 * reviewer unlinked from an account.
 */
class ExactNames {
  readonly #positions = new Map<string, number[]>();
  readonly #keep: number;

  constructor(keep: number) {
    this.#keep = keep;
  }

  /** How many names are wanted. */
  get size(): number {
    return this.#positions.size;
  }

  /** Makes the index keep the identities with this name (an account's name form). */
  want(name: string): void {
    if (!this.#positions.has(name)) this.#positions.set(name, NO_POSITIONS);
  }

  /** Adds the position under the name, if it is wanted; positions may come in any order. */
  add(name: string, position: number): void {
    const positions = this.#positions.get(name);
    if (positions === undefined) return;
    // Lengthened by a copy of just the length needed (a list grown by push keeps room for 17), then, once full,
    // changed in place: the position takes the place of the largest if it is smaller.
    if (positions.length < this.#keep) {
      this.#positions.set(name, positions.concat(position).toSorted(ascending));
      return;
    }
    let at = positions.length - 1;
    if (position > positions[at]!) return;
    for (; at > 0 && positions[at - 1]! > position; at -= 1) positions[at] = positions[at - 1]!;
    positions[at] = position;
  }

  /** Calls `visit` for each position kept under the name, in ascending order. */
  forEach(name: string, visit: (position: number) => void): void {
    for (const position of this.#positions.get(name) ?? NO_POSITIONS) visit(position);
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

/**
 * One account's keys for one rule, each with the account field it came from and the index values it found.
 * Reused from account to account and emptied by setting `size` to 0: setting an array's length calls into the
 * runtime, 0.3 s of a 300,000-account run.
 */
class AccountKeys {
  readonly keys: string[] = [];
  readonly fields: AccountKeyField[] = [];
  readonly values: (number | readonly number[] | undefined)[] = [];
  size = 0;

  collect(field: AccountKeyField, key: string | undefined): void {
    if (key === undefined) return;
    this.keys[this.size] = key;
    this.fields[this.size] = field;
    this.size += 1;
  }
}

/** The bits of the identity's fields that gave a key, among the index values found for the key; 0 for none. */
function fieldsWithKey(values: number | readonly number[] | undefined, position: number): number {
  if (values === undefined) return 0;
  if (typeof values === 'number') return values >> FIELD_BITS === position ? values & FIELD_MASK : 0;
  for (const value of values) if (value >> FIELD_BITS === position) return value & FIELD_MASK;
  return 0;
}

/**
 * The correlation of a key match: through the first account key, in order, that equals one of the identity's
 * (its first such field), what matched what. The account's keys and their fields are those the match was found
 * with (defined ones, in order).
 */
function keyMatch(rule: KeyedRule, accountKeys: AccountKeys, position: number): Correlation {
  for (let at = 0; at < accountKeys.size; at += 1) {
    const bits = fieldsWithKey(accountKeys.values[at], position);
    if (bits === 0) continue;
    const field = accountKeys.fields[at]!;
    const identityField = 31 - Math.clz32(bits & -bits);
    const slot = rule.accountFields.indexOf(field) * FIELD_BITS + identityField;
    return (rule.matches[slot] ??= Object.freeze({
      rule: rule.rule,
      confidence: rule.confidence,
      proposal: false,
      reason: `account ${field} matches identity ${rule.identityFields[identityField]}`,
      keyField: field,
    }));
  }
  return { rule: rule.rule, confidence: rule.confidence, proposal: false, reason: `matched by ${rule.rule}` };
}

/** The account fields each key rule takes keys from, in order. */
const ACCOUNT_FIELDS: Readonly<Record<KeyRuleName, readonly AccountKeyField[]>> = {
  object_id: ['object id column'],
  employee_id: ['employee id'],
  email: ['email', 'login'],
  alias: ['email', 'login'],
};

/** How a key rule makes its key from an account field's raw value. */
function accountKeyMaker(rule: KeyRuleName, keys: KeyMaker): (raw: string | undefined) => string | undefined {
  switch (rule) {
    case 'object_id':
      return (raw) => keys.objectId(raw);
    case 'employee_id':
      return (raw) => keys.employeeId(raw);
    case 'email':
      return (raw) => keys.accountAddress(raw);
    case 'alias':
      return (raw) => keys.aliasKey(keys.accountAddress(raw));
  }
}

function accountValue(account: Account, field: AccountKeyField): string | undefined {
  switch (field) {
    case 'email':
      return account.email;
    case 'login':
      return account.login;
    case 'employee id':
      return account.employeeId;
    case 'object id column':
      return account.objectId;
  }
}

/**
 * The explainer for a run's rows, given the key maker of its settings and default domain: a key match's account
 * key is made again from the account, as the rule made it (see `Correlation.keyField`).
 */
export function correlationExplainer(keys: KeyMaker): CorrelationExplainer {
  const keyOf: Readonly<Record<KeyRuleName, (raw: string | undefined) => string | undefined>> = {
    object_id: accountKeyMaker('object_id', keys),
    employee_id: accountKeyMaker('employee_id', keys),
    email: accountKeyMaker('email', keys),
    alias: accountKeyMaker('alias', keys),
  };
  return (correlation, account) => {
    const field = correlation.keyField;
    if (field === undefined || account === undefined || correlation.rule === 'name' || correlation.rule === 'manual') return correlation.reason;
    const key = keyOf[correlation.rule](accountValue(account, field));
    return key === undefined ? correlation.reason : `${correlation.reason} (${key})`;
  };
}

/**
 * Whether the account's email key differs from every one of the matched identity's mail and other address keys
 * while it has one: the email part of attribute drift, as rule 3 decides it from the same normalised keys. False
 * when the account has no email key.
 */
function indexedEmailDiffers(index: KeyIndex, accountKeys: AccountKeys, position: number): boolean {
  let at = 0;
  while (at < accountKeys.size && accountKeys.fields[at] !== 'email') at += 1;
  if (at === accountKeys.size) return false;
  if ((fieldsWithKey(accountKeys.values[at], position) & MAIL_OR_OTHER_ADDRESS) !== 0) return false;
  return (index.fieldsOf[position]! & MAIL_OR_OTHER_ADDRESS) !== 0;
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
