import { describe, expect, it } from 'vitest';
import { runBench } from '../../support/run-bench';

// The benchmark's figures are not tested (timings here are noise); that it runs is: a bench broken by a refactor
// went unnoticed once, as nothing ran it.
describe('npm run bench:evidence', () => {
  it('writes a small pack and prints its seconds, peak memory and the targets', async () => {
    const stdout = await runBench('evidence', ['--rows', '3000']);
    expect(stdout).toMatch(/3,000 rows made/);
    expect(stdout).toMatch(/pack written\s+[\d.]+ s/);
    expect(stdout).toMatch(/peak RSS \(whole process, rows included\)\s+[\d,]+ MB/);
    expect(stdout).toMatch(/targets: pack ≤ 15 s: (met|NOT MET) · peak ≤ 700 MB: (met|NOT MET)/);
  }, 60_000);
});
