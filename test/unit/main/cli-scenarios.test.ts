import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../../../main/cli/run';
import { fixture } from '../../support/fixtures';
import { tempDir, tempFile } from '../../support/temp-files';

// A realistic review: Graph users JSON with sign-in activity, the app's assignments (PowerShell CSV), its
// provisioning log (portal JSON), and two target dumps. The expected files were checked row by row by hand:
// see test/fixtures/scenario/README.md for why each row has its findings.
const ENTRA = ['entra-users.json', 'assignments.csv', 'provisioning.json'].flatMap((name) => ['--entra', fixture(`scenario/${name}`)]);
const silent = { out: () => undefined, err: () => undefined };

describe('recondesk audit over realistic inputs', () => {
  it('reconciles an AWS IAM credential report, run as a user runs it', async () => {
    const out = await tempDir();
    const root = resolve(import.meta.dirname, '../../..');
    const args = ['run', '--silent', 'recondesk', '--', 'audit', ...ENTRA, '--target', fixture('scenario/aws-credential-report.csv'), '--as-of', '2026-11-22', '--out', out, '--unsigned'];
    const { stdout } = await promisify(execFile)('npm', args, { cwd: root });
    expect(await readFile(join(out, 'findings.csv'), 'utf8')).toBe(await readFile(fixture('scenario/expected-aws-findings.csv'), 'utf8'));
    expect(stdout).toContain('aws-credential-report.csv: Target application accounts: AWS IAM credential report (detected, 100%)');
    expect(stdout).toContain('entra-users.json: Entra ID users (100%), JSON');
    expect(stdout).toContain('provisioning.json: Entra ID provisioning logs');
  }, 60_000);

  it('reconciles a Salesforce user export: object id, employee id with leading zeros, a name proposal', async () => {
    const out = await tempDir();
    const code = await run(['audit', ...ENTRA.slice(0, 4), '--target', fixture('scenario/salesforce-users.csv'), '--as-of', '2026-11-22', '--out', out, '--unsigned'], silent);
    expect(code).toBe(0);
    expect(await readFile(join(out, 'findings.csv'), 'utf8')).toBe(await readFile(fixture('scenario/expected-salesforce-findings.csv'), 'utf8'));
  });

  it('writes the same bytes whatever the order of the dump and of the --entra files', async () => {
    const original = await readFile(fixture('scenario/aws-credential-report.csv'), 'utf8');
    const [header, ...rows] = original.trimEnd().split('\n');
    const shuffled = await tempFile('aws-credential-report.csv', [header, ...rows.toReversed()].join('\n') + '\n');
    const reordered = ['provisioning.json', 'assignments.csv', 'entra-users.json'].flatMap((name) => ['--entra', fixture(`scenario/${name}`)]);
    const out = await tempDir();
    expect(await run(['audit', ...reordered, '--target', shuffled, '--as-of', '2026-11-22', '--out', out, '--unsigned'], silent)).toBe(0);
    expect(await readFile(join(out, 'findings.csv'), 'utf8')).toBe(await readFile(fixture('scenario/expected-aws-findings.csv'), 'utf8'));
  });

  it('reads the dump with the profile named on the command line, and a mapping over it', async () => {
    const out = await tempDir();
    const lines: string[] = [];
    const code = await run(
      ['audit', ...ENTRA.slice(0, 2), '--target', fixture('scenario/salesforce-users.csv'), '--target-profile', 'generic', '--map', 'objectId=FederationIdentifier', '--as-of', '2026-11-22', '--out', out, '--unsigned'],
      { out: (line) => lines.push(line), err: (line) => lines.push(line) },
    );
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('Any CSV (column mapping) (--target-profile)');
    const findings = await readFile(join(out, 'findings.csv'), 'utf8');
    expect(findings).toContain('MATCHED,0058d00000AAAA1AAA,ada.lovelace@contoso.com,ada.lovelace@contoso.com,11111111-0000-4000-8000-000000000001,ada.lovelace@contoso.com,object_id,1.00');
  });
});
