import { performance } from 'node:perf_hooks';

/** Marks the end of one stage of a command; the stage ran since the previous mark (or since the timer began). */
export type StageMark = (stage: string) => void;

/** Lines the timer writes start with this, so a benchmark can pick them out of the command's stderr. */
export const TIMING_PREFIX = 'timing ';

const MB = 1024 ** 2;
const megabytes = (bytes: number): string => `${Math.round(bytes / MB).toLocaleString('en-US')} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/**
 * `--timings`: one stderr line per stage with its wall and CPU time, and the memory when it ended (resident, the
 * process's resident high-water mark so far, and the JavaScript heap), so a slow or heavy stage is found without
 * a profiler. The first stage runs from the process's start. CPU time above wall time is the garbage collector's and the thread pool's work in parallel.
 */
export function stageTimer(write: (line: string) => void): StageMark {
  // From the process's start, so the first stage includes starting Node and loading the modules.
  let wallFrom = 0;
  let cpuFrom: NodeJS.CpuUsage | undefined;
  return (stage) => {
    const wallMs = performance.now() - wallFrom;
    const cpu = process.cpuUsage(cpuFrom);
    const memory = process.memoryUsage();
    // maxRSS is in kilobytes (KiB on Linux).
    const peak = process.resourceUsage().maxRSS * 1024;
    write(
      `${TIMING_PREFIX}${stage.padEnd(14)} ${seconds(wallMs).padStart(8)}  cpu ${seconds((cpu.user + cpu.system) / 1000).padStart(8)}  ` +
        `rss ${megabytes(memory.rss).padStart(8)}  peak ${megabytes(peak).padStart(8)}  heap ${megabytes(memory.heapUsed).padStart(8)}`,
    );
    wallFrom = performance.now();
    cpuFrom = process.cpuUsage();
  };
}

/** A mark that records nothing, when timings are not asked for. */
export const noTimings: StageMark = () => {};
