import { ownText } from './own-text';

/**
 * One string per distinct value of a column that repeats (user type, department, job title, first names): a
 * million records otherwise keep a million copies of "Member", each a heap object for the collector to trace.
 * A column with more distinct values than the limit is not one that repeats: the pool then empties and stops
 * looking values up, as each lookup of a value never seen before is wasted work.
 */
export class ValuePool {
  readonly #values = new Map<string, string>();
  readonly #limit: number;
  #stopped = false;

  constructor(limit = 10_000) {
    this.#limit = limit;
  }

  /**
   * The pooled string equal to `value`: the one met first, or, once the pool stopped, the value itself; either
   * as a string of its own (`ownText`), never a view keeping the text it was cut from.
   */
  share(value: string | undefined): string | undefined {
    if (value === undefined || this.#stopped) return ownText(value);
    const known = this.#values.get(value);
    if (known !== undefined) return known;
    const owned = ownText(value);
    if (this.#values.size >= this.#limit) {
      this.#stopped = true;
      this.#values.clear();
    } else this.#values.set(owned, owned);
    return owned;
  }
}
