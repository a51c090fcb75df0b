import { describe, expect, it } from 'vitest';
import { RunningWork } from '../../../main/handlers/running-work';

/** A job that ends when its signal is aborted, after a clean-up the test can see. */
function untilCancelled(log: string[], name: string) {
  return (signal: AbortSignal) =>
    new Promise<string>((resolve) => {
      signal.addEventListener('abort', () => setTimeout(() => {
        log.push(`${name} cleaned up`);
        resolve(`${name} cancelled`);
      }, 20));
    });
}

describe('long jobs under way', () => {
  it('cancels one by its id, and ignores an id that is not running', async () => {
    const work = new RunningWork();
    const log: string[] = [];
    const first = work.run('a', untilCancelled(log, 'a'));
    const second = work.run('b', untilCancelled(log, 'b'));
    work.cancel('nobody');
    work.cancel('a');
    expect(await first).toBe('a cancelled');
    expect(log).toEqual(['a cleaned up']);
    work.cancel('b');
    expect(await second).toBe('b cancelled');
  });

  it('stops every job and resolves only once each has cleaned up, a failing one included', async () => {
    const work = new RunningWork();
    const log: string[] = [];
    const jobs = [work.run('export-1', untilCancelled(log, 'export-1')), work.run('verify-1', untilCancelled(log, 'verify-1'))];
    const failing = work.run('failing', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('disk gone')))));
    const failure = failing.catch((error: unknown) => error);
    await work.stopAll();
    expect(log.toSorted()).toEqual(['export-1 cleaned up', 'verify-1 cleaned up']);
    expect(await Promise.all(jobs)).toEqual(['export-1 cancelled', 'verify-1 cancelled']);
    expect(await failure).toEqual(new Error('disk gone'));
    // Nothing left to stop: a second call resolves at once.
    await work.stopAll();
  });

  it('keeps a later job that reuses an id when the earlier one ends', async () => {
    const work = new RunningWork();
    const log: string[] = [];
    const earlier = work.run('same', async () => 'done at once');
    const later = work.run('same', untilCancelled(log, 'later'));
    expect(await earlier).toBe('done at once');
    work.cancel('same');
    expect(await later).toBe('later cancelled');
  });
});
