/**
 * One string per distinct value of the columns that repeat (user type, department, job title, first names):
 * a million records otherwise keep a million copies of "Member", each a heap object for the collector to trace.
 * A column of unique values stops being pooled once the pool is full, so ids and addresses never fill it.
 */
export class ValuePool {
  readonly #values = new Map<string, string>();
  readonly #limit: number;

  constructor(limit = 50_000) {
    this.#limit = limit;
  }

  /** The pooled string equal to `value` (the value itself the first time it is met). */
  share(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const known = this.#values.get(value);
    if (known !== undefined) return known;
    if (this.#values.size < this.#limit) this.#values.set(value, value);
    return value;
  }
}
