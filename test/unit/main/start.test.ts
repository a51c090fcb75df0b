import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-files';

const root = resolve(import.meta.dirname, '../../..');

describe('npm start without the Electron runtime', () => {
  it('explains how to provide the runtime offline and exits non-zero, without a stack trace', async () => {
    const empty = await tempDir();
    const outcome = await promisify(execFile)(process.execPath, ['build/start.mjs'], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('Recondesk cannot start');
    expect(outcome.stderr).toContain('ELECTRON_MIRROR');
    expect(outcome.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(outcome.stderr).toContain('packaged build');
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });
});
