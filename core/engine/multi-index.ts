/**
 * A map from key to one or more numbers that stores a lone value without an array: most keys point at
 * one identity, and a million one-element arrays would dominate the memory of a run. A value added twice
 * in a row under a key is kept once. Values added in ascending order are listed so; values added in any
 * other order are put in ascending order by `sortValues`.
 *
 * With a `limit`, a key given more values than that keeps none of them, only the fact (see `count`): the name
 * rule never visits a token shared by more than its limit, so keeping, then sorting, the thousands of
 * identities sharing a common first name was wasted work.
 */
export class MultiIndex {
  readonly #entries = new Map<string, number | number[]>();
  // Every list of values made, so sorting visits them and not the million keys with a lone value.
  readonly #lists: number[][] = [];
  readonly #limit: number;

  constructor(limit = Number.POSITIVE_INFINITY) {
    this.#limit = limit;
  }

  add(key: string | undefined, value: number): void {
    if (key === undefined) return;
    const existing = this.#entries.get(key);
    if (existing === undefined) this.#entries.set(key, value);
    else if (typeof existing === 'number') {
      if (existing !== value) this.#entries.set(key, this.#limit < 2 ? TOO_MANY : this.#list(existing, value));
    } else if (existing !== TOO_MANY && existing[existing.length - 1] !== value) {
      if (existing.length < this.#limit) existing.push(value);
      else this.#entries.set(key, TOO_MANY);
    }
  }

  #list(first: number, second: number): number[] {
    const list = [first, second];
    this.#lists.push(list);
    return list;
  }

  /** Puts every key's values in ascending order, once all are added. */
  sortValues(): void {
    // A list dropped for a key over the limit is sorted too, harmlessly.
    for (const list of this.#lists) list.sort(ascending);
  }

  /** Calls `visit` for each value under the key, in ascending order (none for a key over the limit). */
  forEach(key: string | undefined, visit: (value: number) => void): void {
    if (key === undefined) return;
    const found = this.#entries.get(key);
    if (found === undefined) return;
    if (typeof found === 'number') visit(found);
    else for (const value of found) visit(value);
  }

  /**
   * The values under the key: one number, several in ascending order (none for a key over the limit), or
   * undefined. No callback per lookup.
   */
  get(key: string): number | readonly number[] | undefined {
    return this.#entries.get(key);
  }

  /** How many values the key has; for a key over the limit, the limit + 1. */
  count(key: string | undefined): number {
    if (key === undefined) return 0;
    const found = this.#entries.get(key);
    if (found === undefined) return 0;
    if (found === TOO_MANY) return this.#limit + 1;
    return typeof found === 'number' ? 1 : found.length;
  }
}

const ascending = (a: number, b: number): number => a - b;

// What a key over the limit holds: no values.
const TOO_MANY: number[] = [];
