/** Seeded randomness for the benchmark population: the same seed gives the same files, byte for byte. */

export type Random = () => number;

/** mulberry32: a small 32-bit PRNG, plenty for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * murmur3's finaliser. It is a bijection on 32-bit integers, so distinct row numbers give distinct
 * seeds and distinct GUID prefixes: uniqueness without keeping a set of what was already used.
 */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A generator for one row of one stream. Rows are derived from their number rather than drawn in
 * sequence, so the account generator can recompute any identity without holding them all.
 */
export function rowRandom(seed: number, stream: number, row: number): Random {
  return mulberry32(mix32((mix32(seed ^ Math.imul(stream, 0x9e37_79b9)) + row) >>> 0));
}

export function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

export function integer(random: Random, below: number): number {
  return Math.floor(random() * below);
}

/** 0, 1, ..., size - 1 in a Fisher-Yates order; a typed array keeps a million entries at 4 MB. */
export function permutation(random: Random, size: number): Uint32Array {
  const order = new Uint32Array(size);
  for (let index = 0; index < size; index += 1) order[index] = index;
  for (let index = size - 1; index > 0; index -= 1) {
    const other = integer(random, index + 1);
    const value = order[index]!;
    order[index] = order[other]!;
    order[other] = value;
  }
  return order;
}
