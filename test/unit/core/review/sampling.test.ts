import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { drawSample, populationOf, sampleProblem, seedOf } from '@core/review/sampling';

// The draw as sampling.ts describes it in words, written again in Python: an auditor's independent re-performance.
const PYTHON_DRAW = `
import sys
def fnv1a(text):
    data = text.encode('utf-16-le')
    h = 0x811c9dc5
    for i in range(0, len(data), 2):
        h ^= int.from_bytes(data[i:i + 2], 'little')
        h = (h * 0x01000193) & 0xffffffff
    return h
def mulberry32(state):
    s = [state & 0xffffffff]
    def imul(a, b):
        return (a * b) & 0xffffffff
    def nxt():
        s[0] = (s[0] + 0x6d2b79f5) & 0xffffffff
        t = s[0]
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xffffffff
        return ((t ^ (t >> 14)) & 0xffffffff) / 4294967296
    return nxt
total, size, seed = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rand = mulberry32(fnv1a(seed))
taken = set()
for j in range(total - size, total):
    t = int(rand() * (j + 1))
    taken.add(j if t in taken else t)
print(','.join(str(x) for x in sorted(taken)))
`;

describe('seeded samples', () => {
  it('hashes the seed with FNV-1a (32 bits)', () => {
    expect(seedOf('')).toBe(0x81_1c_9d_c5);
    expect(seedOf('a')).toBe(0xe4_0c_29_2c);
    expect(seedOf('foobar')).toBe(0xbf_9c_f9_68);
  });

  it.each([
    [10, 3, '2026-Q4 testing'],
    [1000, 25, 'Q4'],
    [100_000, 60, 'ébène ✓'],
    [5, 5, 'all of them'],
  ])('draws from %i members %i positions with seed %j exactly as an independent Python re-performance does', (total, size, seed) => {
    const python = execFileSync('python3', ['-c', PYTHON_DRAW, String(total), String(size), seed], { encoding: 'utf8' }).trim();
    expect(drawSample(total, size, seed).join(',')).toBe(python);
  });

  it('gives distinct positions in range, the same for the same seed, another for another seed', () => {
    const sample = drawSample(1_000_000, 500, 'seed one');
    expect(new Set(sample).size).toBe(500);
    expect(sample.every((position) => position >= 0 && position < 1_000_000)).toBe(true);
    expect(sample).toEqual(sample.toSorted((a, b) => a - b));
    expect(drawSample(1_000_000, 500, 'seed one')).toEqual(sample);
    expect(drawSample(1_000_000, 500, 'seed two')).not.toEqual(sample);
    expect(drawSample(3, 10, 'more than there are')).toEqual([0, 1, 2]);
  });

  it('picks every member about equally often over many seeds', () => {
    const counts = Array.from({ length: 10 }, () => 0);
    for (let seed = 0; seed < 20_000; seed += 1) for (const position of drawSample(10, 2, `s${seed}`)) counts[position]! += 1;
    // 40,000 picks over 10 members: 4,000 each; 5 standard deviations is about ±300.
    for (const count of counts) expect(Math.abs(count - 4000)).toBeLessThan(300);
  });

  it('takes accounts or findings as the population, in canonical order', () => {
    const rows = [
      { hasAccount: true, findingCount: 0 },
      { hasAccount: false, findingCount: 1 },
      { hasAccount: true, findingCount: 2 },
    ];
    expect(populationOf(rows, 'accounts')).toEqual([0, 2]);
    expect(populationOf(rows, 'findings')).toEqual([1, 2]);
  });

  it.each([
    ['0', 'x', 10, 'the sample size must be a whole number, 1 or more'],
    ['2.5', 'x', 10, 'the sample size must be a whole number, 1 or more'],
    ['11', 'x', 10, 'the population has only 10 members'],
    ['3', ' ', 10, 'give a seed'],
    ['3', 'x', 10, undefined],
  ])('checks a request of size %j, seed %j over %i members', (size, seed, members, problem) => {
    expect(sampleProblem(size, seed, members)?.slice(0, problem?.length)).toBe(problem);
  });
});
