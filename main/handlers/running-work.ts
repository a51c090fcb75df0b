/**
 * Long jobs under way (exports, verifications), by the id the page gave each: one can be cancelled, and all can
 * be stopped at once and waited for, which the app does before it quits so that no hidden staging folder stays
 * behind and no worker thread is torn down mid-way (see `inWorker`).
 */
export class RunningWork {
  readonly #jobs = new Map<string, { readonly control: AbortController; readonly settled: Promise<unknown> }>();

  /** Runs `work` under `id` until it settles; its signal is aborted by `cancel(id)` or `stopAll()`. */
  async run<T>(id: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const control = new AbortController();
    const running = work(control.signal);
    const job = { control, settled: running.catch(() => undefined) };
    this.#jobs.set(id, job);
    try {
      return await running;
    } finally {
      // A later job may have taken the id; only this one's entry goes.
      if (this.#jobs.get(id) === job) this.#jobs.delete(id);
    }
  }

  /** Asks a job to stop; an id that is not running (finished, or never started) is ignored. */
  cancel(id: string): void {
    this.#jobs.get(id)?.control.abort();
  }

  /** Cancels every job and resolves once all have settled (cleaned up after themselves included). */
  async stopAll(): Promise<void> {
    const jobs = [...this.#jobs.values()];
    for (const job of jobs) job.control.abort();
    await Promise.all(jobs.map((job) => job.settled));
  }
}
