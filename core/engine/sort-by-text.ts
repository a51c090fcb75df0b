/**
 * Sorting a million records by an id string with a comparator calls into the runtime for every string
 * comparison, about twenty per record, and its work arrays (8 MB each at a million) end up as old-generation
 * garbage. Here the first six code units of each text are sorted by a radix sort in typed arrays, and only
 * texts sharing those six code units are compared whole.
 */

const PREFIX_UNITS = 6;
const UNIT = 0x10000;

/**
 * A new array of `items` sorted by `textOf` in code-unit order (then by `tieBreak`, then input order), exactly
 * as `items.toSorted((a, b) => compare(textOf(a), textOf(b)) || tieBreak(a, b))` would sort them.
 */
export function sortByText<T>(items: readonly T[], textOf: (item: T) => string, tieBreak?: (a: T, b: T) => number): T[] {
  return sortWithPrefixes(items, textOf, tieBreak).sorted;
}

/** A sort by text with what the sort knows besides the order (see `sortByTextWithRuns`). */
export interface SortedWithRuns<T> {
  readonly sorted: T[];
  /** Per sorted position, the first sorted position holding the same text. */
  readonly runStart: Int32Array;
  /** Per item as given, its sorted position: the sorted positions in the order the items were given. */
  readonly positionOf: Int32Array;
}

/**
 * `sortByText`, and for each position of the sorted array the first position holding the same text: items
 * sharing a text are neighbours once sorted. Told from the prefixes the sort already made, so the texts
 * themselves are read only where those tie (reading a million scattered strings again is slow).
 */
export function sortByTextWithRuns<T>(items: readonly T[], textOf: (item: T) => string): SortedWithRuns<T> {
  const { sorted, order, units } = sortWithPrefixes(items, textOf, undefined);
  const runStart = new Int32Array(sorted.length);
  const positionOf = new Int32Array(sorted.length);
  for (let position = 0; position < order.length; position += 1) {
    positionOf[order[position]!] = position;
    if (position === 0) continue;
    const same = samePrefix(units, order[position - 1]!, order[position]!) && textOf(sorted[position - 1]!) === textOf(sorted[position]!);
    runStart[position] = same ? runStart[position - 1]! : position;
  }
  return { sorted, runStart, positionOf };
}

/** Whether items `a` and `b` have the same six prefix units. */
function samePrefix(units: Uint16Array, a: number, b: number): boolean {
  for (let unit = 0; unit < PREFIX_UNITS; unit += 1) if (units[a * PREFIX_UNITS + unit] !== units[b * PREFIX_UNITS + unit]) return false;
  return true;
}

function sortWithPrefixes<T>(items: readonly T[], textOf: (item: T) => string, tieBreak: ((a: T, b: T) => number) | undefined) {
  const count = items.length;
  // Each text's first six code units; a missing unit is 0, below every real one but equal to U+0000, which the
  // whole-text comparison of tied prefixes settles.
  const units = new Uint16Array(count * PREFIX_UNITS);
  for (let index = 0; index < count; index += 1) {
    const text = textOf(items[index]!);
    const length = Math.min(text.length, PREFIX_UNITS);
    for (let unit = 0; unit < length; unit += 1) units[index * PREFIX_UNITS + unit] = text.charCodeAt(unit);
  }
  const order = radixOrder(units, count);
  // Runs of tied prefixes are in input order; a comparator sorts each, seeing only texts that share six units.
  const compare = (a: number, b: number): number =>
    compareText(textOf(items[a]!), textOf(items[b]!)) || (tieBreak === undefined ? 0 : tieBreak(items[a]!, items[b]!)) || a - b;
  for (let start = 0, end = 1; start < count; start = end, end = start + 1) {
    while (end < count && samePrefix(units, order[start]!, order[end]!)) end += 1;
    if (end - start > 1) order.subarray(start, end).sort(compare);
  }
  // From a length, not from `order`: Array.from walks an iterable with an iterator, growing its result by push.
  const sorted = Array.from({ length: count }, (_, position) => items[order[position]!]!);
  return { sorted, order, units };
}

/**
 * Item indices in the order of their prefix units, ties in input order: a least-significant-digit radix sort, one
 * stable counting pass per unit from the last to the first, in typed arrays outside the JavaScript heap.
 */
function radixOrder(units: Uint16Array, count: number): Int32Array {
  let order = new Int32Array(count);
  for (let index = 0; index < count; index += 1) order[index] = index;
  let next = new Int32Array(count);
  const starts = new Int32Array(UNIT);
  for (let unit = PREFIX_UNITS - 1; unit >= 0; unit -= 1) {
    starts.fill(0);
    for (let index = 0; index < count; index += 1) starts[units[index * PREFIX_UNITS + unit]!]! += 1;
    // A unit every text shares (ids with a common prefix, say "user-") orders nothing.
    if (starts[units[unit]!] === count) continue;
    for (let value = 0, start = 0; value < UNIT; value += 1) {
      const inBucket = starts[value]!;
      starts[value] = start;
      start += inBucket;
    }
    for (let position = 0; position < count; position += 1) {
      const index = order[position]!;
      next[starts[units[index * PREFIX_UNITS + unit]!]!++] = index;
    }
    [order, next] = [next, order];
  }
  return order;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
