import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSelfSignedSigner } from '../../main/evidence/signer';
import { tempDir } from '../support/temp-files';
import { openApp, type AppSession } from './harness/app-session';

const exec = promisify(execFile);
let app: AppSession;
beforeEach(async () => {
  app = await openApp();
});
afterEach(async () => {
  await app.close();
});

describe('signing identities', () => {
  it('creates an identity with a passphrase where the system has no secret store, and imports an organisation PKCS#12', async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: 'Signing identities' });
    const form = panel.getByRole('form', { name: 'New signing identity' });
    await form.getByLabel('Name').fill('Ada Lovelace');
    await form.getByLabel('Email').fill('ada@contoso.com');
    await form.getByLabel('Organisation').fill('Contoso');
    expect(await form.getByText('required: this system has no secret store').count()).toBe(1);
    await form.getByRole('button', { name: 'Create a signing identity' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('protect the key with a passphrase of at least 8 characters');
    await form.getByLabel('Passphrase').fill('correct horse battery');
    await form.getByRole('button', { name: 'Create a signing identity' }).click();
    await expect.poll(() => panel.locator('output').textContent()).toMatch(/^Created CN=Ada Lovelace.*Certificate SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const folder = await tempDir();
    const issued = createSelfSignedSigner({ name: 'Contoso Audit', email: 'audit@contoso.com', organisation: 'Contoso' }, new Date());
    await writeFile(join(folder, 'key.pem'), issued.privateKeyPem);
    await writeFile(join(folder, 'cert.pem'), issued.certificatePem);
    const pfx = join(folder, 'contoso-audit.p12');
    await exec('openssl', ['pkcs12', '-export', '-inkey', join(folder, 'key.pem'), '-in', join(folder, 'cert.pem'), '-out', pfx, '-passout', 'pass:org secret 1']);
    app.answerNextDialog(pfx);
    await form.getByRole('button', { name: 'Import a PKCS#12 (.pfx, .p12)…' }).click();
    const importForm = panel.getByRole('form', { name: 'Import a signing identity' });
    await importForm.getByLabel('Its passphrase').fill('wrong');
    await importForm.getByLabel('Keep it with').fill('kept with this one');
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('contoso-audit.p12: cannot open it as PKCS#12 with that passphrase');
    await importForm.getByLabel('Its passphrase').fill('org secret 1');
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(2);
    expect(await panel.locator('tbody tr').nth(1).locator('code').textContent()).toBe(issued.fingerprint);
    expect(await panel.locator('tbody tr').nth(1).textContent()).toContain('(imported)');
    await app.screenshot('signing-identities');
  });
});
