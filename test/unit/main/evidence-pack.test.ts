import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import { performAudit, type AuditRequest } from '../../../main/cli/audit';
import { writePack } from '../../../main/evidence/pack';
import { createSelfSignedSigner } from '../../../main/evidence/signer';
import { verifyPack, type Reperform } from '../../../main/evidence/verify-pack';
import type { Output } from '../../../main/cli/output';
import { run } from '../../../main/cli/run';
import { fixture } from '../../support/fixtures';
import { tempDir, tempFile } from '../../support/temp-files';

const exec = promisify(execFile);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A re-performance that gives these pieces of findings.csv. */
const giving = (pieces: readonly string[]): Reperform => async () => pieces;

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

/** The scenario's Entra users against a target file, as the app's export asks `performAudit` for it. */
const scenarioRequest = (target: string): AuditRequest => ({
  entra: [fixture('scenario/entra-users.json')],
  target,
  reading: { profileId: undefined, mapping: {}, dateOrder: undefined },
  settings: { ...DEFAULT_SETTINGS, asOf: '2026-11-22T00:00:00.000Z' },
  scope: undefined,
  links: [],
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

  it('on a terminal, shows how far verify is: files checked, inputs read again, the engine; cleared before the checks print', async () => {
    const pack = await signedPack();
    const log: string[] = [];
    const terminal = { out: (line: string) => log.push(`out ${line}`), err: (line: string) => log.push(`err ${line}`), status: (text: string | undefined) => log.push(`status ${text ?? '(cleared)'}`) };
    expect(await run(['verify', pack], terminal)).toBe(0);
    const statuses = log.filter((line) => line.startsWith('status '));
    expect(statuses).toContain('status Checking each file of the pack against the manifest…');
    expect(statuses).toContain('status Reading the pack\'s inputs again to re-perform the run…');
    expect(statuses).toContain('status Matching accounts to identities: 6 of 6');
    expect(statuses.at(-1)).toBe('status (cleared)');
    expect(log.findIndex((line) => line.startsWith('out '))).toBe(log.indexOf('status (cleared)') + 1);
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

  it('compares the re-performed findings piece by piece, and says on which line they differ from the pack\'s', async () => {
    const out = await signedPack();
    const findings = await readFile(join(out, 'findings.csv'), 'utf8');
    const cut = findings.indexOf('\n', findings.length >> 1) + 1;
    const rows = findings.split('\n').length - 2;

    const same = await verifyPack(out, giving([findings.slice(0, cut), findings.slice(cut)]));
    expect([same.ok, same.checks.at(-1)]).toEqual([true, { check: 're-performance', ok: true, detail: `findings.csv re-performed from inputs/ byte for byte (${rows} rows)` }]);

    const lines = findings.split('\n');
    const changedLine = lines.findIndex((line) => line.includes('PRIVILEGED'));
    const other = lines.map((line, index) => (index === changedLine ? line.replace('PRIVILEGED', 'SERVICE_ACCOUNT') : line)).join('\n');
    const differs = await verifyPack(out, giving([other.slice(0, cut), other.slice(cut)]));
    expect([differs.ok, differs.checks.at(-1)]).toEqual([false, { check: 'findings.csv', ok: false, detail: `not what the inputs give: line ${changedLine + 1} differs` }]);
  });

  it('gives the same findings.csv, manifest.json and signature bytes for the same inputs, settings, export time and key', async () => {
    const first = await signedPack();
    const second = await signedPack();
    for (const file of ['findings.csv', 'evidence.xlsx', 'manifest.json', 'manifest.json.p7s', 'SHA256SUMS']) {
      expect({ file, bytes: await readFile(join(second, file)) }).toEqual({ file, bytes: await readFile(join(first, file)) });
    }
    expect(await readFile(`${second}.zip`)).toEqual(await readFile(`${first}.zip`));
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

    // The zip goes beside the folder and never replaces a file.
    const beside = join(await tempDir(), 'q');
    await writeFile(`${beside}.zip`, 'not mine');
    const taken = capture();
    expect(await run(['audit', ...SCENARIO, '--unsigned', '--out', beside], taken)).toBe(3);
    expect(taken.stderr.join('\n')).toContain('q.zip: already exists');
    expect(await readFile(`${beside}.zip`, 'utf8')).toBe('not mine');
  });

  it('vouches only for the bytes it reconciled: an input changed after it was read is refused, or, left out, known by the hash read', async () => {
    const original = await readFile(fixture('scenario/salesforce-users.csv'));
    const target = await tempFile('salesforce-users.csv', original);
    const request = scenarioRequest(target);
    const outcome = await performAudit(request);
    await appendFile(target, '005XX0000099,intruder@contoso.com,Intruder,true\n');
    const pack = async (includeInputs: boolean) =>
      writePack({ out: join(await tempDir(), 'pack'), request, outcome, includeInputs, exportedAt: '2026-11-23T09:00:00.000Z', signer: undefined });

    await expect(pack(true)).rejects.toMatchObject({ issue: { code: 'BAD_REQUEST', file: 'salesforce-users.csv', message: expect.stringContaining('the file changed on disk while the audit ran') } });
    const { manifest } = await pack(false);
    expect(manifest.inputs.find((input) => input.role === 'target')).toMatchObject({ path: undefined, size: original.byteLength, sha256: sha256(original) });
  });

  it('reports a findings.csv it could not write (a full disk), rather than a pack that lacks it', async () => {
    const request = scenarioRequest(fixture('scenario/salesforce-users.csv'));
    const outcome = await performAudit(request);
    const out = join(await tempDir(), 'pack');
    await mkdir(out);
    // Linux's /dev/full refuses every write with ENOSPC, as a full disk does.
    await symlink('/dev/full', join(out, 'findings.csv'));
    await expect(writePack({ out, request, outcome, includeInputs: false, exportedAt: '2026-11-23T09:00:00.000Z', signer: undefined })).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('npm run demo: a signed pack from the bundled sample that verifies, with the verify command printed', async () => {
    const out = join(await tempDir(), 'demo-pack');
    const output = capture();
    expect(await run(['demo', '--out', out], output)).toBe(0);
    expect(output.stdout.join('\n')).toContain(`Verify: npm run --silent recondesk -- verify ${out}   (or the zip: verify ${out}.zip)`);
    expect(output.stdout.join('\n')).toMatch(/Signed by CN=Recondesk demo signer.*fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect((await verified(out)).code).toBe(0);
  });
});

// Python's zipfile: a zip reader that is not ours, to read the pack's zip and to rebuild it with one entry changed.
const ZIP_TOOL = String.raw`
import hashlib, json, sys, zipfile
command, source = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(source) as archive:
    if command == "list":
        print(json.dumps({"bad": archive.testzip(), "entries": [[i.filename, i.compress_type, i.date_time, hashlib.sha256(archive.read(i)).hexdigest()] for i in archive.infolist()]}))
    else:
        target, name = sys.argv[3], sys.argv[4]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                data = bytearray(archive.read(info))
                if info.filename == name:
                    at = len(data) // 2
                    data[at] = 0x42 if data[at] == 0x41 else 0x41
                out.writestr(info.filename, bytes(data))
            if command == "add":
                out.writestr(name, "id\n1\n")
`;

async function zipTool(...args: string[]): Promise<string> {
  const script = await tempFile('zip-tool.py', ZIP_TOOL);
  return (await exec('/usr/bin/python3', [script, ...args])).stdout;
}

describe('the evidence pack as one .zip', () => {
  it('holds the same files under a folder named like the pack, dated at the export time, and verifies', async () => {
    const out = await signedPack();
    // findings.csv's deflate data, made while the file was written, is gone once copied into the zip.
    expect((await readdir(dirname(out))).toSorted()).toEqual(['pack', 'pack.zip']);
    const listed = JSON.parse(await zipTool('list', `${out}.zip`)) as { bad: string | null; entries: [string, number, number[], string][] };
    expect(listed.bad).toBeNull();
    expect(listed.entries.map(([name]) => name)).toEqual([
      'pack/SHA256SUMS', 'pack/VERIFY.txt', 'pack/evidence.xlsx', 'pack/findings.csv', 'pack/inputs/assignments.csv', 'pack/inputs/entra-users.json',
      'pack/inputs/salesforce-users.csv', 'pack/manifest.json', 'pack/manifest.json.p7s', 'pack/signer.pem',
    ]);
    // Stored (0) only for the workbook, which is a zip already; deflated (8) otherwise.
    expect(listed.entries.map(([name, method]) => [name.split('/').at(-1), method]).filter(([, method]) => method === 0)).toEqual([['evidence.xlsx', 0]]);
    expect(new Set(listed.entries.map(([, , date]) => date.join(' ')))).toEqual(new Set(['2026 11 23 9 0 0']));
    const inFolder = await Promise.all(listed.entries.map(async ([name]) => [name, sha256(await readFile(join(out, name.slice('pack/'.length))))]));
    expect(listed.entries.map(([name, , , hash]) => [name, hash])).toEqual(inFolder);

    const result = await verified(`${out}.zip`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok   re-performance: findings.csv re-performed from inputs/ byte for byte');
  });

  it.each([
    ['manifest.json', 'manifest.json.p7s: the signed digest is not the digest of manifest.json'],
    ['findings.csv', 'findings.csv: changed'],
    ['evidence.xlsx', 'evidence.xlsx: changed'],
    ['inputs/salesforce-users.csv', 'inputs/salesforce-users.csv: changed'],
  ])('fails verification when one byte of %s changes inside the zip (entry recompressed), and names it', async (file, named) => {
    const out = await signedPack();
    const tampered = join(await tempDir(), 'tampered.zip');
    await zipTool('change', `${out}.zip`, tampered, `pack/${file}`);
    const result = await verified(tampered);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`verification failed at ${named}`);
  });

  it('fails verification for a file added to the zip, and for an entry whose bytes no longer match its CRC', async () => {
    const out = await signedPack();
    const added = join(await tempDir(), 'added.zip');
    await zipTool('add', `${out}.zip`, added, 'pack/inputs/extra.csv');
    expect((await verified(added)).stderr).toContain('verification failed at inputs/extra.csv: not in the manifest');

    // One byte of the stored workbook changed in place: the zip itself says the entry is damaged.
    const bytes = await readFile(`${out}.zip`);
    const workbook = bytes.indexOf('pack/evidence.xlsx') + 'pack/evidence.xlsx'.length + 1000;
    bytes[workbook] = bytes[workbook]! ^ 0xff;
    const damaged = join(await tempDir(), 'damaged.zip');
    await writeFile(damaged, bytes);
    expect((await verified(damaged)).stderr).toContain('verification failed at evidence.xlsx: damaged in the zip');
  });
});
