import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-files';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const oxlint = join(root, 'node_modules/.bin/oxlint');

/** Lints one planted file, placed at `relativePath` under a scratch copy of the project's lint config. */
async function lintPlanted(relativePath: string, source: string): Promise<{ failed: boolean; output: string }> {
  const dir = await tempDir();
  await copyFile(join(root, '.oxlintrc.json'), join(dir, '.oxlintrc.json'));
  await mkdir(dirname(join(dir, relativePath)), { recursive: true });
  await writeFile(join(dir, relativePath), source);
  try {
    const { stdout } = await run(oxlint, ['--deny-warnings', '-c', '.oxlintrc.json', relativePath], { cwd: dir });
    return { failed: false, output: stdout };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { failed: true, output: stdout + stderr };
  }
}

describe('the import boundaries between rooms', () => {
  it.each([
    ['core/planted.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'core/ is pure'],
    ['core/planted.ts', "import Papa from 'papaparse';\nexport const x = Papa;\n", 'core/ is pure'],
    ['core/planted.ts', "import { x } from '../main/files/read-csv';\nexport const y = x;\n", 'core/ imports only core/'],
    ['renderer/src/planted.ts', "import { shell } from 'electron';\nexport const x = shell;\n", 'only through window.api'],
    ['renderer/src/planted.ts', "import { x } from '../../main/cli/run';\nexport const y = x;\n", 'never main/'],
    ['main/planted.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'Only main/ipc/register.ts'],
    ['main/planted.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'Only preload/index.ts'],
  ])('refuses %s importing across a boundary', async (path, source, message) => {
    const result = await lintPlanted(path, source);
    expect(result.failed).toBe(true);
    expect(result.output).toContain(message);
  });

  it.each([
    ['core/planted.ts', "import { ok } from './model/result';\nexport const x = ok;\n"],
    ['main/ipc/register.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n"],
    ['preload/index.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
  ])('accepts %s', async (path, source) => {
    const result = await lintPlanted(path, source);
    expect(result.output).not.toContain('no-restricted-imports');
    expect(result.failed).toBe(false);
  });
});
