/**
 * Sorting a million records by an id string with a comparator calls into the runtime for every string
 * comparison, about twenty per record. Here the first six code units of each text become two numbers, so
 * nearly every comparison is a subtraction, and only texts sharing those six code units are compared whole.
 */

const PREFIX_UNITS = 3;
const UNIT = 0x10000;

/** The code units at `from`..`from + 3` as one number in code-unit order; a missing unit counts as 0, below every real one. */
function prefixKey(text: string, from: number): number {
  let key = 0;
  for (let offset = from; offset < from + PREFIX_UNITS; offset += 1) key = key * UNIT + (offset < text.length ? text.charCodeAt(offset) : 0);
  return key;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A new array of `items` sorted by `textOf` in code-unit order (then by `tieBreak`, then input order), exactly
 * as `items.toSorted((a, b) => compare(textOf(a), textOf(b)) || tieBreak(a, b))` would sort them.
 */
export function sortByText<T>(items: readonly T[], textOf: (item: T) => string, tieBreak?: (a: T, b: T) => number): T[] {
  return sortWithKeys(items, textOf, tieBreak).sorted;
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
 * sharing a text are neighbours once sorted. Told from the prefix keys the sort already made, so the texts
 * themselves are read only where those keys tie (reading a million scattered strings again is slow).
 */
export function sortByTextWithRuns<T>(items: readonly T[], textOf: (item: T) => string): SortedWithRuns<T> {
  const { sorted, order, texts, high, low } = sortWithKeys(items, textOf, undefined);
  const runStart = new Int32Array(sorted.length);
  const positionOf = new Int32Array(sorted.length);
  for (let position = 0; position < order.length; position += 1) {
    const b = order[position]!;
    positionOf[b] = position;
    if (position === 0) continue;
    const a = order[position - 1]!;
    const same = high[a] === high[b] && low[a] === low[b] && texts[a] === texts[b];
    runStart[position] = same ? runStart[position - 1]! : position;
  }
  return { sorted, runStart, positionOf };
}

function sortWithKeys<T>(items: readonly T[], textOf: (item: T) => string, tieBreak: ((a: T, b: T) => number) | undefined) {
  const texts = items.map(textOf);
  const high = new Float64Array(texts.length);
  const low = new Float64Array(texts.length);
  texts.forEach((text, index) => {
    high[index] = prefixKey(text, 0);
    low[index] = prefixKey(text, PREFIX_UNITS);
  });
  // Filled by a loop: Array.from would walk the texts with an iterator, allocating a result per text.
  const order: number[] = [];
  for (let index = 0; index < texts.length; index += 1) order.push(index);
  // Equal prefix keys do not mean equal prefixes only when a text is shorter and the other has a U+0000
  // there; the whole-text comparison settles that case too.
  order.sort(
    (a, b) =>
      high[a]! - high[b]! ||
      low[a]! - low[b]! ||
      compareText(texts[a]!, texts[b]!) ||
      (tieBreak === undefined ? 0 : tieBreak(items[a]!, items[b]!)) ||
      a - b,
  );
  return { sorted: order.map((index) => items[index]!), order, texts, high, low };
}
