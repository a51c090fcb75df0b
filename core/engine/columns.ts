/**
 * Columns of a fixed length, each set once per position, that hold nothing until they hold something other than
 * every other position: a million records whose roles are all one shared empty list, or whose creation date is
 * never known, need no column for it at all.
 */

/** References (strings, lists, objects): one shared value until two positions differ, then 8 bytes a position. */
export class RefColumn<T> {
  private values: T[] | undefined;
  private uniform: T | undefined;
  private anySet = false;

  constructor(private readonly length: number) {}

  set(index: number, value: T): void {
    if (this.values !== undefined) {
      this.values[index] = value;
      return;
    }
    if (!this.anySet) {
      this.uniform = value;
      this.anySet = true;
      return;
    }
    if (value === this.uniform) return;
    // Every position set so far holds the uniform value; positions not yet set are set later. Made by `new Array`:
    // sets into a list made here by `Array.from({ length })` measured 2.5–4 times slower (a million rows of 25
    // columns through this class: 1.6 s against 0.65 s; in a bare column: 1.9 against 0.5 s), and were 1.55 s
    // (now 0.43 s) of a million-row reconcile's profile.
    // oxlint-disable-next-line unicorn/no-new-array -- the length, on purpose: see above
    this.values = new Array<T>(this.length).fill(this.uniform as T);
    this.values[index] = value;
  }

  get(index: number): T {
    return this.values === undefined ? (this.uniform as T) : this.values[index]!;
  }
}

/** Instants (epoch ms) or undefined: 8 bytes a position once any is known, where a number on the heap is 24. */
export class InstantColumn {
  private values: Float64Array | undefined;

  constructor(private readonly length: number) {}

  set(index: number, value: number | undefined): void {
    // NaN stands for undefined: no importer keeps an unreadable date as a number.
    if (value === undefined) {
      if (this.values !== undefined) this.values[index] = Number.NaN;
      return;
    }
    (this.values ??= new Float64Array(this.length).fill(Number.NaN))[index] = value;
  }

  get(index: number): number | undefined {
    const value = this.values?.[index];
    return value === undefined || Number.isNaN(value) ? undefined : value;
  }
}

/** true, false or undefined, in one byte a position once any is known. */
export class FlagColumn {
  private values: Int8Array | undefined;

  constructor(private readonly length: number) {}

  set(index: number, value: boolean | undefined): void {
    if (value === undefined) {
      if (this.values !== undefined) this.values[index] = 0;
      return;
    }
    (this.values ??= new Int8Array(this.length))[index] = value ? 1 : -1;
  }

  get(index: number): boolean | undefined {
    const value = this.values?.[index];
    return value === undefined || value === 0 ? undefined : value > 0;
  }
}

/** One of a short list of values (situations, severities) or undefined, in one byte a position. */
export class ChoiceColumn<T> {
  private readonly codes: Uint8Array;

  constructor(
    length: number,
    private readonly choices: readonly T[],
  ) {
    this.codes = new Uint8Array(length);
  }

  set(index: number, value: T | undefined): void {
    const code = value === undefined ? 0 : this.choices.indexOf(value) + 1;
    if (code === 0 && value !== undefined) throw new Error(`${String(value)} is not one of ${this.choices.join(', ')}`);
    this.codes[index] = code;
  }

  get(index: number): T | undefined {
    const code = this.codes[index]!;
    return code === 0 ? undefined : this.choices[code - 1];
  }
}
