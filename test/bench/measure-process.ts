/** Runs a child process and measures its wall time and peak resident memory. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Measured {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly wallMs: number;
  /** VmHWM, the kernel's high-water mark of the resident set; undefined where /proc is not available. */
  readonly peakRssBytes: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

const POLL_MS = 50;

export interface MeasureOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Spawns `command` directly (no shell, no npm) so the pid polled is the process doing the work. VmHWM only
 * grows, so sampling it misses at most the growth of the last interval before exit.
 */
export function measureProcess(command: string, args: readonly string[], options: MeasureOptions): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let peakRssBytes: number | undefined;
    const sample = (): void => {
      if (child.pid === undefined) return;
      const peak = readPeakRss(child.pid);
      if (peak !== undefined) peakRssBytes = Math.max(peakRssBytes ?? 0, peak);
    };
    const poller = setInterval(sample, POLL_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let ended: { code: number | null; signal: NodeJS.Signals | null; wallMs: number } | undefined;
    child.on('exit', (code, signal) => {
      ended = { code, signal, wallMs: performance.now() - started };
      clearInterval(poller);
    });
    child.on('error', (error) => {
      clearInterval(poller);
      reject(error);
    });
    // 'close' comes after 'exit' once the pipes are drained, so the output is complete.
    child.on('close', () => {
      if (ended === undefined) return;
      resolve({ exitCode: ended.code, signal: ended.signal, wallMs: ended.wallMs, peakRssBytes, stdout, stderr });
    });
  });
}

function readPeakRss(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}
