import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** E2E tests drive the built renderer: build it first, so they never test stale output. */
export default function buildRenderer(): void {
  const root = resolve(import.meta.dirname, '../..');
  execFileSync(join(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, stdio: 'pipe' });
}
