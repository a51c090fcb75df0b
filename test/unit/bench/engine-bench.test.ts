import { describe, expect, it } from 'vitest';
import { runBench } from '../../support/run-bench';

// As for bench:evidence: the figures are noise at this size and not tested; that the bench runs, checks the
// audit's output and prints every figure with its target is.
describe('npm run bench:engine', () => {
  it('audits a small population, times DuckDB, and prints the ratio, the peak and the library floor', async () => {
    const stdout = await runBench('engine', ['--rows', '2000']);
    expect(stdout).toMatch(/recondesk audit\s+[\d.]+ s\s+peak RSS [\d,]+ MB\s+\(MATCHED [\d,]+, ORPHAN [\d,]+\)/);
    expect(stdout).toMatch(/findings\.csv 2,000 rows \+ header; expected 2,000: ok/);
    expect(stdout).toMatch(/duckdb plain join\s+[\d.]+ s/);
    expect(stdout).toMatch(/ratio audit\/duckdb\s+[\d.]+×\s+target ≤ 5×: (met|NOT MET);\s+peak < 1\.5 GB: (met|NOT MET)/);
    expect(stdout).toMatch(/library floor\s+[\d.]+ s\s+[\d.]+ CPU-s over \d+ cores: decode [\d.]+ · papaparse [\d.]+ · SHA-256 and CRC-32 [\d.]+ · deflate workbook XML \([\d,]+ MB\) [\d.]+ · deflate findings\.csv [\d.]+/);
    expect(stdout).toMatch(/= [\d.]+× duckdb with none of Recondesk's own work: the 5× target (leaves [\d.]+ s for all of it|is below the floor on this machine)/);
  }, 60_000);
});
