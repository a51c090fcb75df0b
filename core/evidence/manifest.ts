import { canonicalJson } from '../canonical-json';
import type { ScopingFilter } from '../engine/scope';
import type { ColumnMapping } from '../import/target-generic';
import type { DateOrder } from '../import/values';
import type { ManualLink } from '../model/manual-link';
import type { ReconciliationSettings } from '../model/settings';

/** Names the manifest format, so a verifier knows what it reads. */
export { canonicalJson };

export const MANIFEST_FORMAT = 'recondesk-evidence/1';

/** One file of the pack, by its path inside the pack (`/`-separated). */
export interface PackFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** One input of the run: what it was, and where its bytes are in the pack (unless left out). */
export interface PackInput {
  readonly role: 'entra' | 'target';
  readonly fileName: string;
  /** `inputs/<name>`, or undefined when the pack was made without its inputs (the hash stays). */
  readonly path: string | undefined;
  readonly size: number;
  readonly sha256: string;
  /** Records read from the file. */
  readonly records: number;
  /** What the file was read as: kind, format, encoding and separator. */
  readonly readAs: string;
}

/** How the target dump was read, so a verifier reads it the same way. */
export interface TargetReadingRecord {
  readonly profileId: string | undefined;
  readonly mapping: ColumnMapping;
  readonly dateOrder: DateOrder | undefined;
}

/** The app's review a pack was exported from; a command-line audit has none. */
export interface ReviewRecord {
  readonly name: string;
  readonly application: string;
  readonly period: string;
  readonly owner: string;
  readonly reviewer: { readonly name: string; readonly role: string };
}

export interface EvidenceManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly engineVersion: string;
  readonly exportedAt: string;
  readonly asOf: string;
  /** SHA-256 over the inputs' hashes, the settings, the scope, the target reading, as-of and engine version. */
  readonly runId: string;
  readonly settings: ReconciliationSettings;
  readonly scope: ScopingFilter | null;
  readonly target: TargetReadingRecord;
  /** The reviewers' correlation fixes, re-applied over the rules when the run is re-performed. */
  readonly links: readonly ManualLink[];
  readonly inputs: readonly PackInput[];
  readonly review: ReviewRecord | null;
  readonly counts: {
    readonly situations: Readonly<Record<string, number>>;
    readonly findings: Readonly<Record<string, number>>;
    readonly severities: Readonly<Record<string, number>>;
  };
  readonly signer: { readonly subject: string; readonly fingerprint: string } | null;
  /** Every file of the pack but the manifest and its signature, sorted by path. */
  readonly files: readonly PackFile[];
}

/** The text whose SHA-256 identifies a run: the same inputs and settings give the same id wherever they run. */
export function runIdentityText(manifest: Pick<EvidenceManifest, 'engineVersion' | 'asOf' | 'settings' | 'scope' | 'target' | 'links' | 'inputs'>): string {
  return canonicalJson({
    engineVersion: manifest.engineVersion,
    asOf: manifest.asOf,
    settings: manifest.settings,
    scope: manifest.scope,
    target: manifest.target,
    // Fixes change the findings, so they are part of what identifies the run; a run without any keeps the id it had before fixes existed.
    ...(manifest.links.length > 0 ? { links: manifest.links.map((link) => ({ accountId: link.accountId, identityId: link.identityId, action: link.action })) } : {}),
    inputs: manifest.inputs.map((input) => ({ role: input.role, sha256: input.sha256 })),
  });
}

/** `sha256sum -c` input: `<hash>  <path>` per file, sorted by path. */
export function sha256Sums(files: readonly PackFile[]): string {
  return files
    .toSorted((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.sha256}  ${file.path}\n`)
    .join('');
}

/** Reads `sha256sum` output back: path → hash. Undefined when a line is not in that format. */
export function parseSha256Sums(text: string): Map<string, string> | undefined {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) return undefined;
    sums.set(match[2]!, match[1]!);
  }
  return sums;
}

/** VERIFY.txt: how anyone checks the pack, with stock tools first. */
export function verifyInstructions(signer: EvidenceManifest['signer']): string {
  const lines = [
    'How to verify this evidence pack',
    '================================',
    '',
    'Run these in the folder of the pack.',
    '',
    '1. Every file is the one the manifest lists (GNU coreutils):',
    '     sha256sum -c SHA256SUMS',
    '',
  ];
  if (signer === null) {
    lines.push('2. This pack is UNSIGNED (it was made with --unsigned): nothing proves who made it or that the manifest is unchanged.', '');
  } else {
    lines.push(
      '2. The manifest is the one the signer signed (OpenSSL):',
      '     openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json -CAfile signer.pem -purpose any -out /dev/null',
      '   It prints "CMS Verification successful"; any change to manifest.json makes it fail.',
      '   Then check the signer is who you expect: the certificate fingerprint must be',
      `     ${signer.fingerprint}`,
      `   (${signer.subject}); print it with: openssl x509 -in signer.pem -noout -fingerprint -sha256`,
      '   Anyone can sign a modified pack with a new certificate: compare the fingerprint with the one on record.',
      '',
    );
  }
  lines.push(
    '3. The hashes in SHA256SUMS are the ones in manifest.json ("files"), which step 2 covers.',
    '',
    '4. Re-perform the reconciliation from inputs/ with the recorded settings, and compare with findings.csv byte for byte:',
    '     npm run --silent recondesk -- verify <this folder, or the .zip it came in>',
    '   It checks the signature, every hash, and the re-performed findings, and exits 0 only when all hold.',
    '',
    'findings.csv: values that start with =, +, -, @, a tab or a carriage return are prefixed with a single quote,',
    'so a spreadsheet shows them as text instead of evaluating them (formula injection).',
    '',
  );
  return lines.join('\n');
}
