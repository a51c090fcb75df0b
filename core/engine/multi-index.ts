/**
 * A map from key to one or more numbers that stores a lone value without an array: most keys point at
 * one identity, and a million one-element arrays would dominate the memory of a run. A value added twice
 * in a row under a key is kept once. Values added in ascending order are listed so; values added in any
 * other order are put in ascending order by `sortValues`.
 */
export class MultiIndex {
  readonly #entries = new Map<string, number | number[]>();

  add(key: string | undefined, value: number): void {
    if (key === undefined) return;
    const existing = this.#entries.get(key);
    if (existing === undefined) this.#entries.set(key, value);
    else if (typeof existing === 'number') {
      if (existing !== value) this.#entries.set(key, [existing, value]);
    } else if (existing[existing.length - 1] !== value) existing.push(value);
  }

  /** Puts every key's values in ascending order, once all are added. */
  sortValues(): void {
    for (const values of this.#entries.values()) if (typeof values !== 'number') values.sort(ascending);
  }

  /** Calls `visit` for each value under the key, in ascending order. */
  forEach(key: string | undefined, visit: (value: number) => void): void {
    if (key === undefined) return;
    const found = this.#entries.get(key);
    if (found === undefined) return;
    if (typeof found === 'number') visit(found);
    else for (const value of found) visit(value);
  }

  /** The values under the key: one number, several in ascending order, or undefined. No callback per lookup. */
  get(key: string): number | readonly number[] | undefined {
    return this.#entries.get(key);
  }

  count(key: string | undefined): number {
    if (key === undefined) return 0;
    const found = this.#entries.get(key);
    return found === undefined ? 0 : typeof found === 'number' ? 1 : found.length;
  }
}

const ascending = (a: number, b: number): number => a - b;
