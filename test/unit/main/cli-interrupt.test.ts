import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../main/cli/run';
import { generatePopulation } from '../../bench/generate-population';
import { fixture } from '../../support/fixtures';
import { tempDir } from '../../support/temp-files';

const ROOT = resolve(import.meta.dirname, '../../..');
const silent = { out: () => undefined, err: () => undefined };

/** Waits until `folder` holds an entry starting with `prefix`, checking every 20 ms. */
async function appears(folder: string, prefix: string, within: number): Promise<boolean> {
  for (const end = Date.now() + within; Date.now() < end; await new Promise((done) => setTimeout(done, 20))) {
    if ((await readdir(folder)).some((name) => name.startsWith(prefix))) return true;
  }
  return false;
}

describe('recondesk audit writes the pack whole or not at all', () => {
  it('moves the pack and its zip into place, leaving nothing else beside them', async () => {
    const parent = await tempDir();
    const out = join(parent, 'pack');
    const code = await run(['audit', '--entra', fixture('scenario/entra-users.json'), '--target', fixture('scenario/salesforce-users.csv'), '--as-of', '2026-11-22', '--out', out, '--unsigned'], silent);
    expect(code).toBe(0);
    expect((await readdir(parent)).toSorted()).toEqual(['pack', 'pack.zip']);
    expect(await readdir(out)).toContain('findings.csv');
  });

  it('stops on Ctrl-C while writing, with exit code 130, and leaves no folder, zip or half-written file', async () => {
    const inputs = await tempDir();
    await generatePopulation(inputs, 50_000, 20261122);
    const parent = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/recondesk.ts', 'audit', '--entra', join(inputs, 'entra-users.csv'), '--target', join(inputs, 'app-accounts.csv'), '--as-of', '2026-11-22', '--out', join(parent, 'pack'), '--unsigned'], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    // The pack is being written once its hidden folder exists: interrupt then, as a user pressing Ctrl-C.
    expect(await appears(parent, '.recondesk-audit-', 60_000)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted; no pack was written');
    expect(await readdir(parent)).toEqual([]);
  }, 90_000);
});
