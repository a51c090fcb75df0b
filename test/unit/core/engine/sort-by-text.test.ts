import { describe, expect, it } from 'vitest';
import { sortByText, sortByTextWithRuns } from '@core/engine/sort-by-text';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byLogin = (a: { login: string }, b: { login: string }): number => compareText(a.login, b.login);

/** A small deterministic generator, so a failure names a reproducible case. */
function texts(seed: number, count: number, alphabet: readonly string[]): string[] {
  let state = seed;
  const next = (limit: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % limit;
  };
  return Array.from({ length: count }, () => Array.from({ length: next(9) }, () => alphabet[next(alphabet.length)]!).join(''));
}

describe('sortByText', () => {
  it.each([
    ['GUID-like hex', ['0', '1', '9', 'a', 'f', '-']],
    ['short texts sharing long prefixes', ['a', 'b']],
    ['U+0000 and the end of a text', ['\u0000', 'a', '\u0001']],
    ['code units above the BMP and accents', ['é', 'e', '\uffff', '😀', 'Z']],
    ['texts sharing six code units or more', ['abcdef', 'abcdeg', 'abcde\u0000', 'abc']],
    ['two digits, most texts sharing their first six', ['1', '0']],
  ])('sorts %s in code-unit order, like a comparator sort', (_name, alphabet) => {
    const values = texts(7, 2000, alphabet).map((text, index) => ({ text, index }));
    const expected = values.toSorted((a, b) => compareText(a.text, b.text));
    expect(sortByText(values, (value) => value.text)).toEqual(expected);
  });

  it('orders ties by the given comparison, then by input order, like a comparator sort', () => {
    const logins = texts(3, 3000, ['x', 'y']);
    const values = texts(5, 3000, ['a', '\u0000', 'é']).map((text, index) => ({ text: `id-${text}`, login: logins[index]!, index }));
    const expected = values.toSorted((a, b) => compareText(a.text, b.text) || byLogin(a, b));
    expect(sortByText(values, (value) => value.text, byLogin).map((value) => value.index)).toEqual(expected.map((value) => value.index));
  });

  it('tells the runs of equal texts and where each item went', () => {
    const values = texts(11, 2000, ['a', '\u0000', 'b']);
    const { sorted, runStart, positionOf } = sortByTextWithRuns(values, (value) => value);
    expect(sorted).toEqual(values.toSorted(compareText));
    sorted.forEach((text, position) => expect(runStart[position]).toBe(sorted.indexOf(text)));
    const order = values.map((_, index) => index).toSorted((a, b) => compareText(values[a]!, values[b]!) || a - b);
    order.forEach((index, position) => expect(positionOf[index]).toBe(position));
  });

  it('breaks ties with the given comparison, then keeps input order', () => {
    const items = [
      { id: 'b', login: 'z', n: 1 },
      { id: 'a', login: 'y', n: 2 },
      { id: 'b', login: 'x', n: 3 },
      { id: 'b', login: 'x', n: 4 },
    ];
    const sorted = sortByText(items, (item) => item.id, (a, b) => compareText(a.login, b.login));
    expect(sorted.map((item) => item.n)).toEqual([2, 3, 4, 1]);
  });

  it('returns a new array and leaves the input as it was', () => {
    const items = ['c', 'a', 'b'];
    expect(sortByText(items, (item) => item)).toEqual(['a', 'b', 'c']);
    expect(items).toEqual(['c', 'a', 'b']);
  });
});
