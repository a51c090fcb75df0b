import { execFile } from 'node:child_process';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSelfSignedSigner } from '../../../main/evidence/signer';
import type { Output } from '../../../main/cli/output';
import { run } from '../../../main/cli/run';
import { fixture } from '../../support/fixtures';
import { tempDir, tempFile } from '../../support/temp-files';

const exec = promisify(execFile);

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

const SCENARIO = [
  '--entra', fixture('scenario/entra-users.json'),
  '--entra', fixture('scenario/assignments.csv'),
  '--target', fixture('scenario/salesforce-users.csv'),
  '--as-of', '2026-11-22',
  '--exported-at', '2026-11-23T09:00:00Z',
];

let keyPath: string;
let certificatePath: string;
let fingerprint: string;

beforeEach(async () => {
  // A fresh key per test (temp files go after each): nothing secret is committed, and tests sign with a real RSA key.
  const signer = createSelfSignedSigner({ name: 'Test Auditor', email: 'auditor@contoso.com', organisation: 'Contoso' }, new Date('2026-11-01T00:00:00Z'));
  keyPath = await tempFile('auditor.key.pem', signer.privateKeyPem);
  certificatePath = await tempFile('auditor.cert.pem', signer.certificatePem);
  fingerprint = signer.fingerprint;
});

async function signedPack(): Promise<string> {
  const out = join(await tempDir(), 'pack');
  const output = capture();
  const code = await run(['audit', ...SCENARIO, '--sign-key', keyPath, '--sign-cert', certificatePath, '--out', out], output);
  expect(output.stderr).toEqual([]);
  expect(code).toBe(0);
  return out;
}

async function verified(folder: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = capture();
  const code = await run(['verify', folder], output);
  return { code, stdout: output.stdout.join('\n'), stderr: output.stderr.join('\n') };
}

describe('the evidence pack', () => {
  it('holds the findings, the inputs byte for byte, the manifest, its hashes and signature, and says the fingerprint', async () => {
    const out = join(await tempDir(), 'pack');
    const output = capture();
    expect(await run(['audit', ...SCENARIO, '--sign-key', keyPath, '--sign-cert', certificatePath, '--out', out], output)).toBe(0);
    expect(output.stdout.join('\n')).toContain(`certificate SHA-256 fingerprint ${fingerprint}`);
    expect((await readdir(out)).toSorted()).toEqual(['SHA256SUMS', 'VERIFY.txt', 'evidence.xlsx', 'findings.csv', 'inputs', 'manifest.json', 'manifest.json.p7s', 'signer.pem']);
    expect(await readFile(join(out, 'inputs/salesforce-users.csv'))).toEqual(await readFile(fixture('scenario/salesforce-users.csv')));
    expect(await readFile(join(out, 'findings.csv'), 'utf8')).toBe(await readFile(fixture('scenario/expected-salesforce-findings.csv'), 'utf8'));

    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 'recondesk-evidence/1',
      asOf: '2026-11-22T00:00:00.000Z',
      exportedAt: '2026-11-23T09:00:00.000Z',
      signer: { fingerprint },
      settings: { staleDays: 90 },
      inputs: [
        { role: 'entra', fileName: 'entra-users.json', path: 'inputs/entra-users.json', records: 7 },
        { role: 'entra', fileName: 'assignments.csv' },
        { role: 'target', fileName: 'salesforce-users.csv', records: 6 },
      ],
    });
    expect(await readFile(join(out, 'VERIFY.txt'), 'utf8')).toContain(fingerprint);
  });

  it('verifies with stock tools: sha256sum -c, and openssl cms -verify until manifest.json changes', async () => {
    const out = await signedPack();
    const { stdout: sums } = await exec('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out });
    expect(sums).toContain('findings.csv: OK');
    const openssl = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.json.p7s', '-content', 'manifest.json', '-CAfile', 'signer.pem', '-purpose', 'any', '-out', '/dev/null'];
    const { stderr } = await exec('openssl', openssl, { cwd: out });
    expect(stderr).toContain('CMS Verification successful');
    const { stdout: printed } = await exec('openssl', ['x509', '-in', 'signer.pem', '-noout', '-fingerprint', '-sha256'], { cwd: out });
    expect(printed.trim()).toBe(`sha256 Fingerprint=${fingerprint}`);

    const manifest = await readFile(join(out, 'manifest.json'), 'utf8');
    await writeFile(join(out, 'manifest.json'), manifest.replace('"staleDays": 90', '"staleDays": 91'));
    await expect(exec('openssl', openssl, { cwd: out })).rejects.toMatchObject({ stderr: expect.stringContaining('Verification failure') });
  });

  it('verifies with recondesk: signature, hashes, and the findings re-performed from inputs/', async () => {
    const result = await verified(await signedPack());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`ok   manifest.json.p7s: signed by CN=Test Auditor, E=auditor@contoso.com, O=Contoso; certificate SHA-256 fingerprint ${fingerprint}`);
    expect(result.stdout).toContain('ok   re-performance: findings.csv re-performed from inputs/ byte for byte');
  });

  it.each([
    ['manifest.json', 'manifest.json.p7s: the signed digest is not the digest of manifest.json'],
    ['manifest.json.p7s', 'manifest.json.p7s'],
    ['signer.pem', 'signer.pem'],
    ['SHA256SUMS', 'SHA256SUMS: does not list the hashes of manifest.json'],
    ['findings.csv', 'findings.csv: changed'],
    ['VERIFY.txt', 'VERIFY.txt: changed'],
    ['evidence.xlsx', 'evidence.xlsx: changed'],
    ['inputs/salesforce-users.csv', 'inputs/salesforce-users.csv: changed'],
  ])('fails verification when one byte of %s changes, and names it', async (file, named) => {
    const out = await signedPack();
    const bytes = await readFile(join(out, file));
    // A byte in the middle, changed to another printable character, so the file still parses where it can.
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    await writeFile(join(out, file), bytes);
    const result = await verified(out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`verification failed at ${named}`);
  });

  it('fails verification for a file added to the pack, or findings that are not what the inputs give', async () => {
    const added = await signedPack();
    await writeFile(join(added, 'inputs', 'extra.csv'), 'id\n1\n');
    expect((await verified(added)).stderr).toContain('verification failed at inputs/extra.csv: not in the manifest');

    // Re-signed consistently by someone with the key, but the findings were edited: only re-performance sees it.
    const forged = await signedPack();
    const copy = join(await tempDir(), 'forged');
    await cp(forged, copy, { recursive: true });
    const findings = await readFile(join(copy, 'findings.csv'), 'utf8');
    const edited = join(await tempDir(), 'edited-findings.csv');
    await writeFile(edited, findings.replace('PRIVILEGED', 'SERVICE_ACCOUNT'));
    expect(findings).toContain('PRIVILEGED');
    const reSigned = join(await tempDir(), 'resigned');
    expect(await run(['audit', ...SCENARIO, '--sign-key', keyPath, '--sign-cert', certificatePath, '--out', reSigned], capture())).toBe(0);
    await writeFile(join(reSigned, 'findings.csv'), await readFile(edited));
    expect((await verified(reSigned)).stderr).toContain('verification failed at findings.csv: changed');
  });

  it('gives the same findings.csv, manifest.json and signature bytes for the same inputs, settings, export time and key', async () => {
    const first = await signedPack();
    const second = await signedPack();
    for (const file of ['findings.csv', 'evidence.xlsx', 'manifest.json', 'manifest.json.p7s', 'SHA256SUMS']) {
      expect({ file, bytes: await readFile(join(second, file)) }).toEqual({ file, bytes: await readFile(join(first, file)) });
    }
  });

  it('signs with an organisation PKCS#12 whose passphrase is in an environment variable', async () => {
    const pfx = join(await tempDir(), 'org.pfx');
    await exec('openssl', ['pkcs12', '-export', '-inkey', keyPath, '-in', certificatePath, '-out', pfx, '-passout', 'pass:correct horse']);
    process.env['RECONDESK_TEST_PFX_PASS'] = 'correct horse';
    const out = join(await tempDir(), 'pack');
    const output = capture();
    expect(await run(['audit', ...SCENARIO, '--sign-pfx', pfx, '--sign-pass-env', 'RECONDESK_TEST_PFX_PASS', '--out', out], output)).toBe(0);
    expect(output.stdout.join('\n')).toContain(fingerprint);
    expect((await verified(out)).code).toBe(0);

    process.env['RECONDESK_TEST_PFX_PASS'] = 'wrong';
    const wrong = capture();
    expect(await run(['audit', ...SCENARIO, '--sign-pfx', pfx, '--sign-pass-env', 'RECONDESK_TEST_PFX_PASS', '--out', join(await tempDir(), 'p')], wrong)).toBe(3);
    expect(wrong.stderr.join('\n')).toContain('org.pfx: cannot sign with it: PKCS#12 MAC could not be verified. Invalid password?');
    delete process.env['RECONDESK_TEST_PFX_PASS'];
  });

  it('is unsigned only when asked, can leave the inputs out, and refuses a folder that is not empty', async () => {
    const output = capture();
    expect(await run(['audit', ...SCENARIO, '--out', join(await tempDir(), 'p')], output)).toBe(2);
    expect(output.stderr.join('\n')).toContain('say how to sign the pack');

    const out = join(await tempDir(), 'p');
    expect(await run(['audit', ...SCENARIO, '--unsigned', '--no-inputs', '--out', out], capture())).toBe(0);
    expect((await readdir(out)).toSorted()).toEqual(['SHA256SUMS', 'VERIFY.txt', 'evidence.xlsx', 'findings.csv', 'manifest.json']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { inputs: { path?: string; sha256: string }[] };
    expect(manifest.inputs.map((input) => [input.path, input.sha256.length])).toEqual([[undefined, 64], [undefined, 64], [undefined, 64]]);
    expect(await readFile(join(out, 'VERIFY.txt'), 'utf8')).toContain('This pack is UNSIGNED');
    expect((await verified(out)).stderr).toContain('verification failed at manifest.json.p7s: missing: the pack is unsigned');

    const again = capture();
    expect(await run(['audit', ...SCENARIO, '--unsigned', '--out', out], again)).toBe(3);
    expect(again.stderr.join('\n')).toContain('the --out folder is not empty');
  });

  it('npm run demo: a signed pack from the bundled sample that verifies, with the verify command printed', async () => {
    const out = join(await tempDir(), 'demo-pack');
    const output = capture();
    expect(await run(['demo', '--out', out], output)).toBe(0);
    expect(output.stdout.join('\n')).toContain(`Verify: npm run --silent recondesk -- verify ${out}`);
    expect(output.stdout.join('\n')).toMatch(/Signed by CN=Recondesk demo signer.*fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect((await verified(out)).code).toBe(0);
  });
});
