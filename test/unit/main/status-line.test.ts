import { describe, expect, it, vi } from 'vitest';
import { statusLine } from '../../../main/cli/status-line';

describe('the command line status line', () => {
  it('shows progress at most every 100 ms but always the last report, a stage with its seconds, and clears', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const shown: (string | undefined)[] = [];
      const line = statusLine({ out: () => undefined, err: () => undefined, status: (text) => shown.push(text) });
      line.progress('match', 50_000, 1_000_000);
      line.progress('match', 100_000, 1_000_000);
      vi.advanceTimersByTime(100);
      line.progress('names', 50_000, 1_000_000);
      line.progress('match', 1_000_000, 1_000_000);
      line.stage('Writing evidence.xlsx');
      vi.advanceTimersByTime(2000);
      line.clear();
      vi.advanceTimersByTime(2000);
      expect(shown).toEqual([
        'Matching accounts to identities: 50,000 of 1,000,000',
        'Indexing identity names for the name rule: 50,000 of 1,000,000',
        'Matching accounts to identities: 1,000,000 of 1,000,000',
        'Writing evidence.xlsx…',
        'Writing evidence.xlsx… 1 s',
        'Writing evidence.xlsx… 2 s',
        undefined,
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws nothing where the output has no status line (a pipe, a log, a test)', () => {
    const line = statusLine({ out: () => undefined, err: () => undefined });
    expect(() => {
      line.stage('Writing');
      line.progress('classify', 1, 1);
      line.clear();
    }).not.toThrow();
  });
});
