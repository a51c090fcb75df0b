import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { performAudit } from '../../../main/cli/audit';
import type { Output } from '../../../main/cli/output';
import { run } from '../../../main/cli/run';
import { generatePopulation } from '../../bench/generate-population';
import { someSettings } from '../../support/builders';
import { fixture } from '../../support/fixtures';
import { tempDir, tempFile } from '../../support/temp-files';

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

/** The stderr lines of a successful audit of the slice fixtures with the extra flags. */
async function sliceAuditStderr(...extra: string[]): Promise<string[]> {
  const output = capture();
  const args = ['audit', '--entra', fixture('entra/users-download.csv'), '--target', fixture('target/app-users.csv'), '--as-of', '2026-11-22', '--out', await tempDir(), '--unsigned'];
  expect(await run([...args, ...extra], output)).toBe(0);
  return output.stderr;
}

describe('recondesk audit', () => {
  it('writes the hand-checked findings.csv for the slice fixtures', async () => {
    const out = await tempDir();
    const output = capture();
    const code = await run(['audit', '--entra', fixture('entra/users-download.csv'), '--target', fixture('target/app-users.csv'), '--as-of', '2026-11-22', '--out', out, '--unsigned'], output);
    expect(code).toBe(0);
    expect(await readFile(join(out, 'findings.csv'), 'utf8')).toBe(await readFile(fixture('expected/slice-findings.csv'), 'utf8'));
    expect(output.stdout.join('\n')).toMatch(/MATCHED\s+4/);
    expect(output.stdout.join('\n')).toMatch(/ORPHAN\s+2/);
  });

  it('writes the same bytes when the input rows are shuffled', async () => {
    const original = await readFile(fixture('target/app-users.csv'), 'utf8');
    const [header, ...rows] = original.trimEnd().split('\n');
    const shuffled = await tempFile('shuffled.csv', [header, ...rows.toReversed()].join('\n') + '\n');
    const out = await tempDir();
    await run(['audit', '--entra', fixture('entra/users-download.csv'), '--target', shuffled, '--as-of', '2026-11-22', '--out', out, '--unsigned'], capture());
    expect(await readFile(join(out, 'findings.csv'), 'utf8')).toBe(await readFile(fixture('expected/slice-findings.csv'), 'utf8'));
  });

  it.each([[[]], [['frobnicate']], [['audit', '--entra', 'a.csv']], [['audit', '--entra', 'a.csv', '--target', 'b.csv', '--out', 'o', '--bogus']]])(
    'exits 2 with a usage error for %j',
    async (argv) => {
      const output = capture();
      expect(await run(argv, output)).toBe(2);
      expect(output.stderr.join('\n')).toMatch(/^recondesk: .*\nRun "npm run --silent recondesk -- --help"/);
    },
  );

  it('says how the dump\'s dates are read: proved by its first rows, or as --date-order says', async () => {
    const audited = async (...extra: string[]) => {
      const output = capture();
      const args = ['audit', '--entra', fixture('entra/users-download.csv'), '--target', fixture('target/dates-day-first.csv'), '--as-of', '2026-11-22', '--out', await tempDir(), '--unsigned'];
      expect(await run([...args, ...extra], output)).toBe(0);
      return output.stdout.join('\n');
    };
    expect(await audited()).toContain('dates read day first: 25/03/2026 17:40 in the first rows can only be read that way');
    expect(await audited('--date-order', 'MDY')).toContain('dates read month first (US), as chosen');
    const output = capture();
    expect(await run(['audit', '--entra', 'a.csv', '--target', 'b.csv', '--out', 'o', '--unsigned', '--date-order', 'YMD'], output)).toBe(2);
    expect(output.stderr.join('\n')).toContain('--date-order "YMD" must be MDY or DMY');
  });

  it('prints each stage\'s time and memory on stderr with --timings, and nothing of the kind without it', async () => {
    const stages = (await sliceAuditStderr('--timings')).map((line) => /^timing (\S+(?: \S+)?)\s+\d+\.\d\d s {2}cpu +\d+\.\d\d s {2}rss +[\d,]+ MB {2}peak +[\d,]+ MB {2}heap +[\d,]+ MB$/.exec(line)?.[1]);
    expect(stages).toEqual(['startup', 'load entra', 'load target', 'reconcile', 'findings.csv', 'evidence.xlsx', 'manifest, zip']);
    expect(await sliceAuditStderr()).toEqual([]);
  });

  it('on a terminal, shows the rows of each file as its batches are read, and the engine from its start', async () => {
    const inputs = await tempDir();
    await generatePopulation(inputs, 2500, 20261122);
    const [entra, target] = [join(inputs, 'entra-users.csv'), join(inputs, 'app-accounts.csv')];
    const reads: string[] = [];
    const request = { entra: [entra], target, reading: { profileId: undefined, mapping: {}, dateOrder: undefined }, settings: someSettings(), scope: undefined, links: [] };
    await performAudit(request, undefined, undefined, (fileName, rows) => reads.push(`${fileName} ${rows}`));
    expect(reads).toEqual(['entra-users.csv 1000', 'entra-users.csv 2000', 'entra-users.csv 2500', 'app-accounts.csv 1000', 'app-accounts.csv 2000', 'app-accounts.csv 2500']);

    const shown: (string | undefined)[] = [];
    const output = { ...capture(), status: (text: string | undefined) => shown.push(text) };
    expect(await run(['audit', '--entra', entra, '--target', target, '--as-of', '2026-11-22', '--out', join(await tempDir(), 'pack'), '--unsigned'], output)).toBe(0);
    // The first rows are drawn at once; later ones as often as the line is redrawn.
    expect(shown).toContainEqual(expect.stringMatching(/^Reading entra-users\.csv: 1,000 rows · \d+ s$/));
    expect(shown).toContain('Sorting identities and accounts: 0 of 5,000');
  });

  it('prints usage for --help and exits 0', async () => {
    const output = capture();
    expect(await run(['--help'], output)).toBe(0);
    expect(output.stdout.join('\n')).toContain('audit --entra');
  });

  it('exits 3 naming the file and line when an input is not what it should be', async () => {
    const output = capture();
    const code = await run(['audit', '--entra', fixture('target/app-users.csv'), '--target', fixture('target/app-users.csv'), '--out', await tempDir(), '--unsigned'], output);
    expect(code).toBe(3);
    expect(output.stderr.join('\n')).toContain('app-users.csv, line 1: not an Entra export Recondesk knows');
  });

  it('exits 3 for a file that does not exist', async () => {
    const output = capture();
    const code = await run(['audit', '--entra', '/nonexistent/users.csv', '--target', fixture('target/app-users.csv'), '--out', await tempDir(), '--unsigned'], output);
    expect(code).toBe(3);
    expect(output.stderr.join('\n')).toContain('users.csv: cannot read the file');
  });
});

describe('npm run recondesk', () => {
  it('runs the real command line and prints usage', async () => {
    const root = resolve(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'recondesk', '--', '--help'], { cwd: root });
    expect(stdout).toContain('Usage:');
  }, 30_000);
});

describe('recondesk sample', () => {
  it.each([
    [['sample', '--findings', 'f.csv', '--population', 'accounts', '--size', '3'], 'sample needs'],
    [['sample', '--findings', 'f.csv', '--population', 'people', '--size', '3', '--seed', 's'], '--population "people" must be one of accounts, findings'],
    [['sample', '--findings', 'f.csv', '--population', 'accounts', '--size', '0', '--seed', 's'], '--size "0" is not a positive whole number'],
  ])('exits 2 with a usage error for %j', async (argv, message) => {
    const output = capture();
    expect(await run(argv, output)).toBe(2);
    expect(output.stderr.join('\n')).toContain(message);
  });

  it('exits 3 naming the file when it is not a findings.csv, or the population is smaller than the sample', async () => {
    const notFindings = await tempFile('users.csv', 'id,name\n1,Ada\n');
    let output = capture();
    expect(await run(['sample', '--findings', notFindings, '--population', 'accounts', '--size', '1', '--seed', 's'], output)).toBe(3);
    expect(output.stderr.join('\n')).toContain(`${notFindings} line 1: not a Recondesk findings.csv`);
    output = capture();
    expect(await run(['sample', '--findings', fixture('expected/slice-findings.csv'), '--population', 'findings', '--size', '50', '--seed', 's'], output)).toBe(3);
    expect(output.stderr.join('\n')).toMatch(/the population \(findings\) has only \d+ rows; asked for 50/);
  });
});
