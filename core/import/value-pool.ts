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

  /** The pooled string equal to `value` (the value itself the first time it is met, or once the pool stopped). */
  share(value: string | undefined): string | undefined {
    if (value === undefined || this.#stopped) return value;
    const known = this.#values.get(value);
    if (known !== undefined) return known;
    if (this.#values.size >= this.#limit) {
      this.#stopped = true;
      this.#values.clear();
    } else this.#values.set(value, value);
    return value;
  }
}
