import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SigningIdentities, type SecretStore } from '../../../main/evidence/identity-store';
import { createSelfSignedSigner, signDetached, verifyDetached } from '../../../main/evidence/signer';
import { tempDir } from '../../support/temp-files';

const exec = promisify(execFile);
const ada = { name: 'Ada Lovelace', email: 'ada@contoso.com', organisation: 'Contoso' };
const now = new Date('2026-11-23T10:00:00Z');

const noSecretStore: SecretStore = {
  isAvailable: async () => false,
  encrypt: () => Promise.reject(new Error('no secret store')),
  decrypt: () => Promise.reject(new Error('no secret store')),
};

/** A secret store as the OS keeps one: a key the app never sees (here AES-256-GCM under a key held in memory). */
function sealingStore(): SecretStore {
  const key = randomBytes(32);
  return {
    isAvailable: async () => true,
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    async decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const signs = (signer: { privateKeyPem: string; certificatePem: string; subject: string; fingerprint: string }) =>
  verifyDetached(Buffer.from('manifest'), signDetached(Buffer.from('manifest'), signer, now));

describe('signing identities kept by the app', () => {
  it('creates a key and self-signed certificate, keeps the key encrypted with a passphrase, and signs with it', async () => {
    const folder = await tempDir();
    const store = new SigningIdentities(folder, noSecretStore);
    await expect(store.create(ada, undefined, now)).rejects.toThrow('no secret store on this system: protect the key with a passphrase of at least 8 characters');
    const created = await store.create(ada, 'correct horse battery', now);
    expect(created).toMatchObject({ origin: 'created', protectedBy: 'passphrase', subject: expect.stringContaining('CN=Ada Lovelace') });
    expect(created.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await store.list()).toEqual([created]);

    const [file] = await readdir(folder);
    const onDisk = await readFile(join(folder, file!), 'utf8');
    expect(onDisk).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(onDisk).not.toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    await expect(store.signer(created.id, 'wrong horse')).rejects.toThrow('wrong passphrase for this signing identity');
    await expect(store.signer(created.id, undefined)).rejects.toThrow('protected by a passphrase');
    const signer = await store.signer(created.id, 'correct horse battery');
    expect(signer.fingerprint).toBe(created.fingerprint);
    expect(signs(signer)).toMatchObject({ ok: true });
  });

  it('seals the key with the OS secret store when there is one, asking no passphrase', async () => {
    const folder = await tempDir();
    const store = new SigningIdentities(folder, sealingStore());
    const created = await store.create(ada, undefined, now);
    expect(created.protectedBy).toBe('os');
    const onDisk = await readFile(join(folder, `${created.id}.json`), 'utf8');
    expect(onDisk).not.toContain('PRIVATE KEY');
    expect(signs(await store.signer(created.id, undefined))).toMatchObject({ ok: true });
    // Another machine's (or user's) secret store cannot open it.
    await expect(new SigningIdentities(folder, sealingStore()).signer(created.id, undefined)).rejects.toThrow('Unsupported state or unable to authenticate data');
  });

  it('imports an organisation-issued PKCS#12 with its passphrase and keeps its certificate', async () => {
    const folder = await tempDir();
    const issued = createSelfSignedSigner({ name: 'Contoso Audit', email: 'audit@contoso.com', organisation: 'Contoso' }, now);
    const keyPath = join(folder, 'key.pem');
    const certificatePath = join(folder, 'cert.pem');
    const pfx = join(folder, 'issued.p12');
    await writeFile(keyPath, issued.privateKeyPem);
    await writeFile(certificatePath, issued.certificatePem);
    await exec('openssl', ['pkcs12', '-export', '-inkey', keyPath, '-in', certificatePath, '-out', pfx, '-passout', 'pass:org secret 1']);
    const store = new SigningIdentities(join(folder, 'identities'), noSecretStore);
    await expect(store.import(await readFile(pfx), 'not it', 'kept with this', now)).rejects.toThrow('Invalid password?');
    const imported = await store.import(await readFile(pfx), 'org secret 1', 'kept with this', now);
    expect(imported).toMatchObject({ origin: 'imported', fingerprint: issued.fingerprint, protectedBy: 'passphrase' });
    expect(signs(await store.signer(imported.id, 'kept with this'))).toMatchObject({ ok: true });
  });
});
