import { Dexie, type Table } from 'dexie';
import type { ReconciliationCounts } from '@core/engine/reconcile';
import type { SourceFormat } from '@core/import/source-format';
import type { SourceKind } from '@core/import/source-kind';
import type { ColumnMapping } from '@core/import/target-generic';
import type { DateOrder } from '@core/import/values';
import type { ImportWarning } from '@core/model/import-issue';
import type { ReconciliationRow, RowList } from '@core/model/reconciliation';
import type { ReconciliationSettings } from '@core/model/settings';
import { chainEntry, verifyChain, type AuditAction, type AuditDraft, type AuditEntry, type ChainVerdict, type Reviewer, type Sha256 } from '@core/review/audit-trail';
import { changedFields, checklistEditProblem, type ChecklistEdit, type ChecklistFields, type ChecklistItem } from '@core/review/checklist';
import type { Decision, DecisionDraft } from '@core/review/decisions';
import type { ManualLink } from '@core/model/manual-link';
import type { SamplePopulation } from '@core/review/sampling';
import type { ReviewSettings } from '@core/review/settings-form';
import type { ScopingFilter } from '@core/engine/scope';

/** An imported file. Rows of a `staging` source are never read: only a committed import counts. */
export interface SourceRecord {
  readonly id: string;
  readonly kind: SourceKind;
  readonly fileName: string;
  readonly size: number;
  readonly header: readonly string[];
  readonly importedAt: string;
  readonly status: 'staging' | 'committed' | 'superseded';
  readonly sha256: string | undefined;
  readonly rowCount: number;
  /** Files imported together (the pages of a Graph export, the provisioning CSV trio) share a group and replace the previous group whole. */
  readonly groupId?: string;
  readonly format?: SourceFormat;
  /** The target profile the header was read with. */
  readonly profileId?: string;
  /** The user's column choices over the profile. */
  readonly mapping?: ColumnMapping;
  /** The application a target dump belongs to; its mapping is saved under this name. */
  readonly application?: string;
  /** When the data was extracted from its system, as the user stated it (default: the file's timestamp). */
  readonly extractedAt?: string;
  readonly warnings?: readonly ImportWarning[];
  /** Day/month order a target's numeric dates are read with, chosen or proved by the first rows at import. */
  readonly dateOrder?: DateOrder;
}

/** A column mapping the user confirmed for an application, offered again on the next import. */
export interface SavedMapping {
  readonly application: string;
  readonly profileId: string;
  readonly mapping: ColumnMapping;
  readonly savedAt: string;
}

/**
 * Rows are stored in blocks of one parsed batch each, not one record per row: IndexedDB's cost is per
 * record, and one object per row is the slow path (architecture.md baselines).
 */
export interface RowBlock {
  readonly sourceId: string;
  readonly seq: number;
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/** One reconciliation run: its settings, the sources it read, and what it found. */
export interface RunRecord {
  readonly id: string;
  readonly createdAt: string;
  readonly engineVersion: string;
  readonly asOf: string;
  readonly settings: ReconciliationSettings;
  /** The domain the run gave logins without one (the settings', else the most common UPN domain); absent in runs saved before it was kept. */
  readonly defaultDomain?: string;
  readonly sourceIds: readonly string[];
  readonly population: {
    readonly identities: number;
    readonly accounts: number;
    readonly activeAccounts: number;
    /** Identities the application's scoping filter takes in; absent when the run had no filter (all are in scope). */
    readonly inScope?: number;
  };
  readonly counts: ReconciliationCounts;
  readonly rowCount: number;
}

/** The rows of a run in blocks, in canonical order. */
export interface RunRowBlock {
  readonly runId: string;
  readonly seq: number;
  readonly rows: readonly ReconciliationRow[];
}

/** A drawn sample: enough to draw it again (run, population, size, seed) and what it drew. */
export interface SampleRecord {
  readonly id?: number;
  readonly at: string;
  readonly by: Reviewer;
  readonly runId: string;
  readonly population: SamplePopulation;
  readonly populationSize: number;
  readonly size: number;
  readonly seed: string;
  /** The drawn rows' keys, in canonical order. */
  readonly rowKeys: readonly string[];
}

/** The review's engine settings and scoping filter, applied to every run from when they were saved. */
export interface SettingsRecord {
  readonly id: 'current';
  readonly settings: ReviewSettings;
  readonly scope: ScopingFilter | undefined;
  readonly savedAt: string;
}

const REVIEWER_ID = 'reviewer';

interface ReviewerRecord extends Reviewer {
  readonly id: typeof REVIEWER_ID;
}

/** SHA-256 hex of a text with WebCrypto, available in the renderer, its workers and Node alike. */
const webCryptoSha256: Sha256 = async (text) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
};

/** The workspace database: owns the schema, its versions and its queries. */
export class Workspace extends Dexie {
  sources!: Table<SourceRecord, string>;
  rowBlocks!: Table<RowBlock, [string, number]>;
  runs!: Table<RunRecord, string>;
  runRows!: Table<RunRowBlock, [string, number]>;
  mappings!: Table<SavedMapping, string>;
  reviewer!: Table<ReviewerRecord, string>;
  decisions!: Table<Decision, string>;
  auditTrail!: Table<AuditEntry, number>;
  links!: Table<ManualLink, [string, string]>;
  samples!: Table<SampleRecord, number>;
  settings!: Table<SettingsRecord, string>;
  checklist!: Table<ChecklistEdit, string>;

  constructor(name = 'recondesk-workspace') {
    super(name);
    this.version(1).stores({
      sources: 'id, kind, status, importedAt',
      rowBlocks: '[sourceId+seq]',
    });
    this.version(2).stores({ runs: 'id, createdAt', runRows: '[runId+seq]' });
    this.version(3).stores({ mappings: 'application' });
    this.version(4).stores({ reviewer: 'id', decisions: 'rowKey, kind', auditTrail: 'seq' });
    this.version(5).stores({ checklist: 'key' });
    this.version(6).stores({ links: '[accountId+identityId], accountId' });
    this.version(7).stores({ samples: '++id, runId' });
    this.version(8).stores({ settings: 'id' });
  }

  /** The person working in this workspace, once they said who they are. */
  async currentReviewer(): Promise<Reviewer | undefined> {
    const record = await this.reviewer.get(REVIEWER_ID);
    return record === undefined ? undefined : { name: record.name, role: record.role };
  }

  async setReviewer(reviewer: Reviewer, at: string): Promise<void> {
    const entry = await this.#nextAuditEntry({ at, who: reviewer, action: 'reviewer', details: { name: reviewer.name, role: reviewer.role } });
    await this.transaction('rw', this.reviewer, this.auditTrail, async () => {
      await this.reviewer.put({ id: REVIEWER_ID, ...reviewer });
      await this.auditTrail.add(entry);
    });
  }

  /** Appends an action of the current reviewer (or "not recorded" before anyone said who they are). */
  async record(action: AuditAction, details: Readonly<Record<string, string>>, at: string): Promise<AuditEntry> {
    return this.appendAudit({ at, who: (await this.currentReviewer()) ?? { name: 'not recorded', role: 'not recorded' }, action, details });
  }

  /** Appends one fact to the audit trail, chained to the last entry. */
  async appendAudit(draft: AuditDraft): Promise<AuditEntry> {
    const entry = await this.#nextAuditEntry(draft);
    await this.auditTrail.add(entry);
    return entry;
  }

  /**
   * Records one decision for several rows (a bulk decision shares its justification) and its audit entry, in one
   * transaction: the decisions are there with their entry, or neither is.
   */
  async decide(rows: readonly { readonly rowKey: string; readonly answers: readonly string[] }[], draft: DecisionDraft, by: Reviewer, at: string): Promise<void> {
    const decisions: Decision[] = rows.map(({ rowKey, answers }) => ({ ...draft, justification: draft.justification.trim(), rowKey, answers, by, at }));
    const details: Record<string, string> = { decision: draft.kind, rows: String(rows.length), first: rows[0]?.rowKey ?? '', justification: draft.justification.trim() };
    if (draft.approver !== undefined) details['approver'] = draft.approver;
    if (draft.expires !== undefined) details['expires'] = draft.expires;
    const entry = await this.#nextAuditEntry({ at, who: by, action: 'decision', details });
    await this.transaction('rw', this.decisions, this.auditTrail, async () => {
      await this.decisions.bulkPut(decisions);
      await this.auditTrail.add(entry);
    });
  }

  /**
   * A correlation fix (link, confirm or unlink, with its justification) and its audit entry, in one transaction.
   * A fix for the same account and identity replaces the earlier one; the trail keeps both.
   */
  async fixCorrelation(link: ManualLink, by: Reviewer): Promise<void> {
    const entry = await this.#nextAuditEntry({
      at: link.at,
      who: by,
      action: 'correlation',
      details: { fix: link.action, account: link.accountId, identity: link.identityId, justification: link.justification },
    });
    await this.transaction('rw', this.links, this.auditTrail, async () => {
      await this.links.put(link);
      await this.auditTrail.add(entry);
    });
  }

  /**
   * What an earlier review hands on (its correlation fixes, and its accepted exceptions, which hold until they
   * expire), with one audit entry naming it, in one transaction.
   */
  async carryForward(links: readonly ManualLink[], exceptions: readonly Decision[], from: string, who: Reviewer, at: string): Promise<void> {
    const entry = await this.#nextAuditEntry({ at, who, action: 'carried', details: { correlationFixes: String(links.length), exceptions: String(exceptions.length), from } });
    await this.transaction('rw', this.links, this.decisions, this.auditTrail, async () => {
      await this.links.bulkPut(links);
      await this.decisions.bulkPut(exceptions);
      await this.auditTrail.add(entry);
    });
  }

  /** A drawn sample and its audit entry (population, size, seed: what redraws it), in one transaction. */
  async recordSample(sample: SampleRecord): Promise<void> {
    const entry = await this.#nextAuditEntry({
      at: sample.at,
      who: sample.by,
      action: 'sample',
      details: { run: sample.runId, population: sample.population, populationSize: String(sample.populationSize), size: String(sample.size), seed: sample.seed },
    });
    await this.transaction('rw', this.samples, this.auditTrail, async () => {
      await this.samples.add(sample);
      await this.auditTrail.add(entry);
    });
  }

  /** The review's settings, or undefined while it uses the defaults. */
  async reviewSettings(): Promise<SettingsRecord | undefined> {
    return this.settings.get('current');
  }

  /** New settings for the review's next runs, with an audit entry naming what changed, in one transaction. */
  async saveSettings(settings: ReviewSettings, scope: ScopingFilter | undefined, changed: readonly string[], by: Reviewer, at: string): Promise<void> {
    const entry = await this.#nextAuditEntry({ at, who: by, action: 'settings', details: { changed: changed.join(', '), settings: JSON.stringify({ ...settings, scope: scope ?? null }) } });
    await this.transaction('rw', this.settings, this.auditTrail, async () => {
      await this.settings.put({ id: 'current', settings, scope, savedAt: at });
      await this.auditTrail.add(entry);
    });
  }

  /**
   * Saves a user's edit of a checklist item (status, owner, due date, note, ticket, evidence reference) with an audit
   * entry naming the item and each changed field as old → new, in one transaction. An edit that changes nothing
   * records nothing; one the rules refuse (a status skipping to verified, no owner) throws, as the form never offers it.
   */
  updateChecklistItem(shown: ChecklistItem, changes: Partial<ChecklistFields>, by: Reviewer, at: string): Promise<void> {
    // One after another: a ticket saved on Enter and a status chosen right after would otherwise both chain their
    // audit entry to the same last entry, and the second would fail.
    const write = this.#checklistWrites.then(() => this.#updateChecklistItem(shown, changes, by, at));
    this.#checklistWrites = write.catch(() => undefined);
    return write;
  }

  #checklistWrites: Promise<unknown> = Promise.resolve();

  async #updateChecklistItem(shown: ChecklistItem, changes: Partial<ChecklistFields>, by: Reviewer, at: string): Promise<void> {
    // The stored edit, not the item as last drawn: two quick edits of one item must not undo each other.
    const stored = await this.checklist.get(shown.key);
    const item = stored ? { ...shown, ...stored } : shown;
    const next: ChecklistFields = {
      status: changes.status ?? item.status,
      owner: (changes.owner ?? item.owner).trim(),
      dueDate: changes.dueDate ?? item.dueDate,
      note: (changes.note ?? item.note).trim(),
      ticket: (changes.ticket ?? item.ticket).trim(),
      evidence: (changes.evidence ?? item.evidence).trim(),
    };
    const changed = changedFields(item, next);
    if (Object.keys(changed).length === 0) return;
    const problem = checklistEditProblem(item, next);
    if (problem !== undefined) throw new Error(`checklist item ${item.key}: ${problem}`);
    const entry = await this.#nextAuditEntry({ at, who: by, action: 'checklist', details: { item: item.key, ...changed } });
    await this.transaction('rw', this.checklist, this.auditTrail, async () => {
      await this.checklist.put({ key: item.key, ...next, by, at });
      await this.auditTrail.add(entry);
    });
  }

  /** The trail in order, and whether every hash still holds. */
  async verifiedTrail(): Promise<{ entries: AuditEntry[]; verdict: ChainVerdict }> {
    const entries = await this.auditTrail.orderBy('seq').toArray();
    return { entries, verdict: await verifyChain(entries, webCryptoSha256) };
  }

  // The hash is computed outside the transaction (WebCrypto is not IndexedDB, and awaiting it would end the
  // transaction); the entry's sequence number is the table's key, so a concurrent append fails instead of forking.
  async #nextAuditEntry(draft: AuditDraft): Promise<AuditEntry> {
    return chainEntry(await this.auditTrail.orderBy('seq').last(), draft, webCryptoSha256);
  }

  /** The newest run, if any. */
  latestRun(): Promise<RunRecord | undefined> {
    return this.runs.orderBy('createdAt').last();
  }

  /** Every row of a run, in canonical order. */
  async rowsOf(runId: string): Promise<ReconciliationRow[]> {
    const blocks = await this.runRows.where('[runId+seq]').between([runId, Dexie.minKey], [runId, Dexie.maxKey]).toArray();
    return blocks.flatMap((block) => block.rows);
  }

  /** Stores a finished run and its rows in one transaction, so a run is there whole or not at all. */
  async saveRun(run: RunRecord, rows: RowList, blockSize = 5000): Promise<void> {
    await this.transaction('rw', this.runs, this.runRows, async () => {
      await this.runs.add(run);
      for (let seq = 0; seq * blockSize < rows.length; seq += 1) {
        const block: ReconciliationRow[] = [];
        for (let index = seq * blockSize; index < Math.min(rows.length, (seq + 1) * blockSize); index += 1) block.push(rows.at(index)!);
        await this.runRows.add({ runId: run.id, seq, rows: block });
      }
    });
  }

  /** The current committed source of a kind: the latest import of it (the first file of its group). */
  async currentSource(kind: SourceKind): Promise<SourceRecord | undefined> {
    return (await this.currentSources(kind))[0];
  }

  /** Every file of the latest committed import of a kind, in the order they were chosen. */
  async currentSources(kind: SourceKind): Promise<SourceRecord[]> {
    const committed = (await this.sources.where({ status: 'committed' }).toArray()).filter((source) => source.kind === kind);
    const latest = committed.toSorted((a, b) => b.importedAt.localeCompare(a.importedAt))[0];
    if (!latest) return [];
    if (latest.groupId === undefined) return [latest];
    return committed.filter((source) => source.groupId === latest.groupId).toSorted((a, b) => a.importedAt.localeCompare(b.importedAt) || a.id.localeCompare(b.id));
  }

  /** Every block of a source, in file order. */
  blocksOf(sourceId: string): Promise<RowBlock[]> {
    return this.rowBlocks.where('[sourceId+seq]').between([sourceId, Dexie.minKey], [sourceId, Dexie.maxKey]).toArray();
  }

  /** Removes a source and its rows: an import that failed, or was cancelled, leaves nothing behind. */
  async discardSource(sourceId: string): Promise<void> {
    await this.transaction('rw', this.sources, this.rowBlocks, async () => {
      await this.rowBlocks.where('[sourceId+seq]').between([sourceId, Dexie.minKey], [sourceId, Dexie.maxKey]).delete();
      await this.sources.delete(sourceId);
    });
  }

  /** Makes a staged import the current source of its kind, in one transaction. */
  async commitSource(sourceId: string, sha256: string, rowCount: number): Promise<void> {
    await this.commitSources([{ sourceId, sha256, rowCount }]);
  }

  /**
   * Makes staged imports current together, in one transaction: the previous committed sources of their
   * kinds are superseded (kept for the record), so a group of files replaces the previous group whole.
   */
  async commitSources(staged: readonly { readonly sourceId: string; readonly sha256: string; readonly rowCount: number }[]): Promise<void> {
    await this.transaction('rw', this.sources, async () => {
      const records = await Promise.all(staged.map(async ({ sourceId }) => this.sources.get(sourceId)));
      const kinds = new Set<SourceKind>();
      for (const [index, record] of records.entries()) {
        if (!record || record.status !== 'staging') throw new Error(`no staged source ${staged[index]!.sourceId}`);
        kinds.add(record.kind);
      }
      const previous = await this.sources.where({ status: 'committed' }).toArray();
      for (const source of previous.filter((candidate) => kinds.has(candidate.kind))) {
        await this.sources.update(source.id, { status: 'superseded' });
      }
      for (const { sourceId, sha256, rowCount } of staged) await this.sources.update(sourceId, { status: 'committed', sha256, rowCount });
    });
  }

  /** Every committed source, of every kind. */
  committedSources(): Promise<SourceRecord[]> {
    return this.sources.where({ status: 'committed' }).toArray();
  }

  /** Clears what an interrupted session left staged (a crash mid-import). */
  async discardStaged(): Promise<void> {
    const staged = await this.sources.where({ status: 'staging' }).primaryKeys();
    for (const id of staged) await this.discardSource(id);
  }
}
