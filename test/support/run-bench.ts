import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs a benchmark script (`test/bench/<name>.ts`) as `npm run bench:<name>` does, and returns what it printed. */
export async function runBench(name: string, args: readonly string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `test/bench/${name}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.test.json' },
  });
  return stdout;
}
