import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import forge from 'node-forge';

/** Who signs a pack: the key, the certificate that names them, and its fingerprint for compliance to record. */
export interface Signer {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  /** The certificate's subject, e.g. `CN=Ada Lovelace, emailAddress=ada@contoso.com, O=Contoso`. */
  readonly subject: string;
  /** SHA-256 of the certificate's DER, as `openssl x509 -fingerprint -sha256` prints it. */
  readonly fingerprint: string;
}

export interface SignerIdentity {
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
}

/** A signer from a PEM private key and certificate (`--sign-key`, `--sign-cert`). */
export function signerFromPem(privateKeyPem: string, certificatePem: string): Signer {
  const certificate = forge.pki.certificateFromPem(certificatePem);
  const key = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  const certificateKey = certificate.publicKey as forge.pki.rsa.PublicKey;
  if (key.n.compareTo(certificateKey.n) !== 0) throw new Error('the private key does not belong to the certificate');
  return describe(forge.pki.privateKeyToPem(key), certificate);
}

/** A signer from an organisation's PKCS#12 (`.pfx`/`.p12`): the first key with its certificate. RSA keys. */
export function signerFromPkcs12(der: Uint8Array, passphrase: string): Signer {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary'))), passphrase);
  const keyBag = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ].find((bag) => bag.key !== undefined);
  if (!keyBag?.key) throw new Error('the PKCS#12 file holds no private key');
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const certificates = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const certificate = certificates.find((candidate) => (candidate.publicKey as forge.pki.rsa.PublicKey).n.compareTo(key.n) === 0);
  if (!certificate) throw new Error('the PKCS#12 file holds no certificate for its private key');
  return describe(forge.pki.privateKeyToPem(key), certificate);
}

/**
 * A new RSA key and a self-signed certificate for it, valid from `now` for `years`. The certificate carries the
 * email-protection purpose, so `openssl cms -verify` accepts it as a signer.
 */
export function createSelfSignedSigner(identity: SignerIdentity, now: Date, years = 3): Signer {
  // Node generates the key natively; forge's pure-JS key generation takes seconds.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  certificate.serialNumber = createHash('sha256').update(`${identity.email}\n${now.toISOString()}`).digest('hex').slice(0, 30);
  certificate.validity.notBefore = now;
  certificate.validity.notAfter = new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate()));
  const subject = [
    { name: 'commonName', value: identity.name },
    { name: 'emailAddress', value: identity.email },
    { name: 'organizationName', value: identity.organisation },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectAltName', altNames: [{ type: 1, value: identity.email }] },
  ]);
  certificate.sign(key, forge.md.sha256.create());
  return describe(privateKeyPem, certificate);
}

/**
 * A detached CMS SignedData (PKCS#7, DER) over `content`: SHA-256, the signer's certificate inside, the signing
 * time as a signed attribute. RSA PKCS#1 v1.5 signatures are deterministic, so the same content, key and time
 * give the same bytes.
 */
export function signDetached(content: Uint8Array, signer: Signer, signingTime: Date): Uint8Array {
  const certificate = forge.pki.certificateFromPem(signer.certificatePem);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(Buffer.from(content).toString('binary'));
  p7.addCertificate(certificate);
  p7.addSigner({
    key: forge.pki.privateKeyFromPem(signer.privateKeyPem),
    certificate,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.messageDigest! },
      // forge's typings say string; it encodes a Date as UTCTime.
      { type: forge.pki.oids.signingTime!, value: signingTime as unknown as string },
    ],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

export type SignatureCheck =
  | { readonly ok: true; readonly subject: string; readonly fingerprint: string; readonly certificatePem: string }
  | { readonly ok: false; readonly reason: string };

const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/**
 * Checks a detached CMS signature made by `signDetached` (or openssl): the signed digest is the content's, and
 * the signer's certificate key signed the attributes. Says who signed; trusting that certificate is the
 * reader's decision (the fingerprint is for that).
 */
export function verifyDetached(content: Uint8Array, signatureDer: Uint8Array): SignatureCheck {
  let signedData: forge.asn1.Asn1[];
  try {
    const root = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(signatureDer).toString('binary')));
    // ContentInfo { contentType, [0] { SignedData } }
    signedData = children(children(children(root)[1]!)[0]!);
  } catch (error) {
    return { ok: false, reason: `not a CMS signature: ${error instanceof Error ? error.message : String(error)}` };
  }
  const certificateSet = signedData.find((node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 0);
  const signerInfos = signedData.at(-1);
  const signerInfo = signerInfos ? children(signerInfos)[0] : undefined;
  if (!certificateSet || !signerInfo) return { ok: false, reason: 'the signature carries no certificate or no signer' };
  const parts = children(signerInfo);
  const attributes = parts.find((node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 0);
  const signature = parts.at(-1);
  if (!attributes || !signature || signature.type !== forge.asn1.Type.OCTETSTRING) return { ok: false, reason: 'the signer has no signed attributes' };

  const digest = children(attributes)
    .map(children)
    .find((attribute) => forge.asn1.derToOid(attribute[0]!.value as string) === MESSAGE_DIGEST);
  const signedDigest = digest ? Buffer.from(children(digest[1]!)[0]!.value as string, 'binary') : undefined;
  if (!signedDigest || !signedDigest.equals(createHash('sha256').update(content).digest())) {
    return { ok: false, reason: 'the signed digest is not the digest of manifest.json: the manifest was changed after signing' };
  }

  const certificates = children(certificateSet).map((node) => forge.pki.certificateFromAsn1(node));
  // The signed attributes are signed as a SET, not as the [0] they are stored in.
  const attributesAsSet = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, children(attributes));
  const signedBytes = Buffer.from(forge.asn1.toDer(attributesAsSet).getBytes(), 'binary');
  const signatureBytes = Buffer.from(signature.value as string, 'binary');
  for (const certificate of certificates) {
    const publicKey = createPublicKey(forge.pki.publicKeyToPem(certificate.publicKey));
    if (verify('sha256', signedBytes, publicKey, signatureBytes)) {
      const { subject, fingerprint, certificatePem } = describe('', certificate);
      return { ok: true, subject, fingerprint, certificatePem };
    }
  }
  return { ok: false, reason: 'the signature does not verify with the certificate it carries' };
}

function children(node: forge.asn1.Asn1): forge.asn1.Asn1[] {
  if (!Array.isArray(node.value)) throw new Error('unexpected ASN.1 structure');
  return node.value;
}

function describe(privateKeyPem: string, certificate: forge.pki.Certificate): Signer {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
  const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
  const subject = certificate.subject.attributes.map((attribute) => `${attribute.shortName ?? attribute.name}=${String(attribute.value)}`).join(', ');
  return { privateKeyPem, certificatePem: forge.pki.certificateToPem(certificate), subject, fingerprint };
}
