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

  it('shows the rows read so far with the stage\'s seconds, at most every 100 ms, and the latest each second', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const shown: (string | undefined)[] = [];
      const line = statusLine({ out: () => undefined, err: () => undefined, status: (text) => shown.push(text) });
      line.stage('Reading the Entra ID export');
      line.read('entra-users.csv', 1000);
      vi.advanceTimersByTime(50);
      line.read('entra-users.csv', 2000);
      vi.advanceTimersByTime(50);
      line.read('entra-users.csv', 3000);
      vi.advanceTimersByTime(300);
      line.read('entra-users.csv', 412_000);
      vi.advanceTimersByTime(50);
      line.read('entra-users.csv', 412_500);
      vi.advanceTimersByTime(2600);
      line.stage('Reading the target application\'s accounts');
      line.read('app-accounts.csv', 1000);
      expect(shown).toEqual([
        'Reading the Entra ID export…',
        'Reading entra-users.csv: 1,000 rows · 0 s',
        'Reading entra-users.csv: 3,000 rows · 0 s',
        'Reading entra-users.csv: 412,000 rows · 0 s',
        // The ticker, every second: the last rows read, drawn or not.
        'Reading entra-users.csv: 412,500 rows · 1 s',
        'Reading entra-users.csv: 412,500 rows · 2 s',
        'Reading entra-users.csv: 412,500 rows · 3 s',
        'Reading the target application\'s accounts…',
        'Reading app-accounts.csv: 1,000 rows · 0 s',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws a phase\'s first report at once, however soon after the last drawing', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const shown: (string | undefined)[] = [];
      const line = statusLine({ out: () => undefined, err: () => undefined, status: (text) => shown.push(text) });
      line.stage('Reading the target application\'s accounts');
      line.read('app-accounts.csv', 1_000_000);
      line.progress('sort', 0, 2_000_000);
      line.progress('sort', 1_000_000, 2_000_000);
      line.progress('keys', 50_000, 1_000_000);
      expect(shown).toEqual([
        'Reading the target application\'s accounts…',
        'Reading app-accounts.csv: 1,000,000 rows · 0 s',
        'Sorting identities and accounts: 0 of 2,000,000',
        'Indexing identity keys: 50,000 of 1,000,000',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a part of a whole as a percentage with its seconds; a new label starts again from its name', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const shown: (string | undefined)[] = [];
      const line = statusLine({ out: () => undefined, err: () => undefined, status: (text) => shown.push(text) });
      line.part('Checking each file', 0, 4);
      vi.advanceTimersByTime(150);
      line.part('Checking each file', 1, 4);
      vi.advanceTimersByTime(50);
      line.part('Checking each file', 3, 4);
      vi.advanceTimersByTime(1000);
      line.part('Reading the inputs', 0, 392_000_000);
      vi.advanceTimersByTime(150);
      line.part('Reading the inputs', 130_000_000, 392_000_000);
      line.progress('sort', 0, 2_000_000);
      vi.advanceTimersByTime(3000);
      expect(shown).toEqual([
        'Checking each file…',
        'Checking each file: 0% · 0 s',
        'Checking each file: 25% · 0 s',
        // Not drawn within 100 ms of the last; the ticker shows it at the second.
        'Checking each file: 75% · 1 s',
        'Reading the inputs…',
        'Reading the inputs: 0% · 0 s',
        'Reading the inputs: 33% · 0 s',
        // The engine's phases stop the ticker: nothing more after the sort's first report.
        'Sorting identities and accounts: 0 of 2,000,000',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws nothing where the output has no status line (a pipe, a log, a test)', () => {
    const line = statusLine({ out: () => undefined, err: () => undefined });
    expect(() => {
      line.stage('Writing');
      line.read('entra-users.csv', 1000);
      line.part('Checking each file', 1, 2);
      line.progress('classify', 1, 1);
      line.clear();
    }).not.toThrow();
  });
});
