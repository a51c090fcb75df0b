import { canonicalJson } from '../canonical-json';

/** The person working, asked once per workspace and recorded on every action. */
export interface Reviewer {
  readonly name: string;
  readonly role: string;
}

export type AuditAction = 'import' | 'run' | 'decision' | 'reviewer' | 'correlation' | 'sample' | 'settings' | 'carried' | 'checklist' | 'export';

/** One appended fact: who did what, when, chained to the entry before it by hash. */
export interface AuditEntry {
  readonly seq: number;
  /** ISO 8601 instant. */
  readonly at: string;
  readonly who: Reviewer;
  readonly action: AuditAction;
  readonly details: Readonly<Record<string, string>>;
  /** The hash of the entry before; GENESIS for the first. */
  readonly previousHash: string;
  /** SHA-256 (hex) of the entry's canonical JSON without this field. */
  readonly hash: string;
}

export type AuditDraft = Pick<AuditEntry, 'at' | 'who' | 'action' | 'details'>;

/** SHA-256 of a text, hex: given by the platform (WebCrypto in the app, node:crypto in tests), so core stays pure. */
export type Sha256 = (text: string) => Promise<string>;

export const GENESIS = '0'.repeat(64);

const hashedText = (entry: Omit<AuditEntry, 'hash'>): string => canonicalJson(entry);

/** The next entry of the trail, chained to `previous` (undefined for the first). */
export async function chainEntry(previous: AuditEntry | undefined, draft: AuditDraft, sha256: Sha256): Promise<AuditEntry> {
  const unhashed = { ...draft, seq: (previous?.seq ?? 0) + 1, previousHash: previous?.hash ?? GENESIS };
  return { ...unhashed, hash: await sha256(hashedText(unhashed)) };
}

export type ChainVerdict = { readonly intact: true; readonly entries: number } | { readonly intact: false; readonly seq: number; readonly reason: string };

/** Recomputes every hash in order; the first entry whose content, link or sequence does not hold breaks the chain. */
export async function verifyChain(entries: readonly AuditEntry[], sha256: Sha256): Promise<ChainVerdict> {
  let previous: AuditEntry | undefined;
  for (const entry of entries) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) return { intact: false, seq: entry.seq, reason: `entry ${expectedSeq} is missing` };
    if (entry.previousHash !== (previous?.hash ?? GENESIS)) return { intact: false, seq: entry.seq, reason: 'it does not follow the entry before it' };
    const { hash, ...unhashed } = entry;
    if ((await sha256(hashedText(unhashed))) !== hash) return { intact: false, seq: entry.seq, reason: 'its content was changed after it was recorded' };
    previous = entry;
  }
  return { intact: true, entries: entries.length };
}
