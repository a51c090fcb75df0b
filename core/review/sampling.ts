/**
 * Seeded random samples for audit testing. Anyone with the same population (a run's rows in canonical order,
 * which findings.csv lists in the same order), the same size and the same seed draws the same sample: the seed
 * text is hashed with FNV-1a to 32 bits, which seeds a mulberry32 generator, and Robert Floyd's algorithm picks
 * `size` distinct positions. Both are a few lines, written out here so the draw can be re-performed from this
 * description alone.
 */

export const SAMPLE_POPULATIONS = ['accounts', 'findings'] as const;
export type SamplePopulation = (typeof SAMPLE_POPULATIONS)[number];

export const SAMPLE_POPULATION_LABELS: Readonly<Record<SamplePopulation, string>> = {
  accounts: 'every account (rows with an account)',
  findings: 'every row with at least one finding',
};

/** What a row needs for a population to include it. */
export interface SampleableRow {
  readonly hasAccount: boolean;
  readonly findingCount: number;
}

/** The positions (in canonical order) of the rows a population holds. */
export function populationOf(rows: readonly SampleableRow[], population: SamplePopulation): number[] {
  const members: number[] = [];
  rows.forEach((row, index) => {
    if (population === 'accounts' ? row.hasAccount : row.findingCount > 0) members.push(index);
  });
  return members;
}

/** FNV-1a, 32 bits, over the UTF-16 code units of the seed text. */
export function seedOf(seed: string): number {
  let hash = 0x81_1c_9d_c5;
  for (let index = 0; index < seed.length; index += 1) {
    hash ^= seed.charCodeAt(index);
    hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
  }
  return hash;
}

/** mulberry32: a 32-bit state generator giving floats in [0, 1). */
export function mulberry32(state: number): () => number {
  let current = state >>> 0;
  return () => {
    current = (current + 0x6d_2b_79_f5) >>> 0;
    let mixed = current;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `size` distinct members of a population of `total`, as indexes into it, ascending. Floyd's algorithm: for j from
 * total − size to total − 1, draw t in [0, j]; take t unless already taken, else take j. Each subset is equally likely.
 */
export function drawSample(total: number, size: number, seed: string): number[] {
  if (!Number.isInteger(size) || size < 0) throw new RangeError('the sample size must be a whole number, 0 or more');
  const count = Math.min(size, total);
  const random = mulberry32(seedOf(seed));
  const taken = new Set<number>();
  for (let j = total - count; j < total; j += 1) {
    const pick = Math.floor(random() * (j + 1));
    taken.add(taken.has(pick) ? j : pick);
  }
  return [...taken].toSorted((a, b) => a - b);
}

/** What is wrong with a sample request, in words for the form. */
export function sampleProblem(size: string, seed: string, populationSize: number): string | undefined {
  const parsed = Number(size);
  if (!/^\d+$/.test(size.trim()) || parsed < 1) return 'the sample size must be a whole number, 1 or more';
  if (parsed > populationSize) return `the population has only ${populationSize.toLocaleString('en-US')} members`;
  if (seed.trim() === '') return 'give a seed (any text): it is what lets anyone draw the same sample again';
  return undefined;
}
