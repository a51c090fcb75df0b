import { createPrivateKey, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SigningIdentitySummary } from '@core/api/contract';
import { createSelfSignedSigner, signerFromPem, signerFromPkcs12, type Signer, type SignerIdentity } from './signer';

/** The operating system's secret store (Electron's safeStorage: Keychain, DPAPI, libsecret), when there is one. */
export interface SecretStore {
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<string>;
}


interface StoredIdentity extends SigningIdentitySummary {
  readonly certificatePem: string;
  /** `os`: the PEM key sealed by the secret store, base64; `passphrase`: PKCS#8 PEM encrypted with AES-256-CBC. */
  readonly key: string;
}

const MIN_PASSPHRASE = 8;

/**
 * Signing identities kept in the app's data folder, one JSON file each: the certificate in the clear, the private
 * key sealed by the OS secret store where one exists, else encrypted with a passphrase the user gives (asked again
 * when signing). The key never leaves main.
 */
export class SigningIdentities {
  constructor(
    private readonly folder: string,
    private readonly secrets: SecretStore,
  ) {}

  secretStoreAvailable(): Promise<boolean> {
    return this.secrets.isAvailable();
  }

  async list(): Promise<SigningIdentitySummary[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    const stored = await Promise.all(names.filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(join(this.folder, name), 'utf8')) as StoredIdentity));
    return stored.map(summaryOf).toSorted((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** A new key pair and self-signed certificate (3 years). Without a secret store a passphrase is required. */
  async create(identity: SignerIdentity, passphrase: string | undefined, now: Date): Promise<SigningIdentitySummary> {
    return this.#keep(createSelfSignedSigner(identity, now), 'created', passphrase, now);
  }

  /** An organisation-issued PKCS#12, opened with its passphrase; the key is then kept like a created one. */
  async import(pkcs12: Uint8Array, pkcs12Passphrase: string, keepWith: string | undefined, now: Date): Promise<SigningIdentitySummary> {
    return this.#keep(signerFromPkcs12(pkcs12, pkcs12Passphrase), 'imported', keepWith, now);
  }

  /** The signer of an identity, its key unsealed (or decrypted with the passphrase). */
  async signer(id: string, passphrase: string | undefined): Promise<Signer> {
    if (!/^[\w-]{1,64}$/.test(id)) throw new Error('unknown signing identity');
    const stored = JSON.parse(await readFile(join(this.folder, `${id}.json`), 'utf8').catch(() => {
      throw new Error('unknown signing identity');
    })) as StoredIdentity;
    if (stored.protectedBy === 'os') return signerFromPem(await this.secrets.decrypt(Buffer.from(stored.key, 'base64')), stored.certificatePem);
    if (passphrase === undefined) throw new Error('this identity\'s key is protected by a passphrase: give it to sign');
    let keyPem: string;
    try {
      keyPem = createPrivateKey({ key: stored.key, format: 'pem', passphrase }).export({ type: 'pkcs1', format: 'pem' }).toString();
    } catch {
      throw new Error('wrong passphrase for this signing identity');
    }
    return signerFromPem(keyPem, stored.certificatePem);
  }

  async #keep(signer: Signer, origin: StoredIdentity['origin'], passphrase: string | undefined, now: Date): Promise<SigningIdentitySummary> {
    const useOs = passphrase === undefined && (await this.secrets.isAvailable());
    if (!useOs && (passphrase === undefined || passphrase.length < MIN_PASSPHRASE)) {
      throw new Error(`no secret store on this system: protect the key with a passphrase of at least ${MIN_PASSPHRASE} characters`);
    }
    const key = useOs
      ? (await this.secrets.encrypt(signer.privateKeyPem)).toString('base64')
      : createPrivateKey(signer.privateKeyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: passphrase! }).toString();
    const stored: StoredIdentity = {
      id: randomUUID(),
      subject: signer.subject,
      fingerprint: signer.fingerprint,
      origin,
      protectedBy: useOs ? 'os' : 'passphrase',
      createdAt: now.toISOString(),
      certificatePem: signer.certificatePem,
      key,
    };
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const path = join(this.folder, `${stored.id}.json`);
    // Written whole, then renamed: an identity is there complete or not at all.
    await writeFile(`${path}.partial`, JSON.stringify(stored, null, 2), { mode: 0o600 });
    await rename(`${path}.partial`, path);
    return summaryOf(stored);
  }
}

function summaryOf({ id, subject, fingerprint, origin, protectedBy, createdAt }: StoredIdentity): SigningIdentitySummary {
  return { id, subject, fingerprint, origin, protectedBy, createdAt };
}
