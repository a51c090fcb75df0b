#!/usr/bin/env node
// `npm test`: typecheck, lint, then every vitest suite (unit and e2e), and a closing "N passed, N failed"
// line that CI reads. Fails if any step fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const report = join(root, 'test-output/vitest-report.json');

function step(title, command, args) {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  process.stdout.write(`== ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result.status === 0;
}

mkdirSync(join(root, 'test-output'), { recursive: true });
rmSync(report, { force: true });

const typecheck = step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const lint = step('lint', 'npm', ['run', '--silent', 'lint']);
const tests = step('tests (unit and e2e)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numTotalTestSuites > 0 && results.success === false && results.numFailedTests === 0 ? 1 : 0);
} else {
  failed = 1;
}
if (!typecheck) failed += 1;
if (!lint) failed += 1;

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(typecheck && lint && tests && failed === 0 ? 0 : 1);
