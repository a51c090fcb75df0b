import { Dexie, type Table } from 'dexie';
import type { ReconciliationCounts } from '@core/engine/reconcile';
import type { SourceKind } from '@core/import/source-kind';
import type { ReconciliationRow } from '@core/model/reconciliation';
import type { ReconciliationSettings } from '@core/model/settings';

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
  readonly sourceIds: readonly string[];
  readonly population: { readonly identities: number; readonly accounts: number; readonly activeAccounts: number };
  readonly counts: ReconciliationCounts;
  readonly rowCount: number;
}

/** The rows of a run in blocks, in canonical order. */
export interface RunRowBlock {
  readonly runId: string;
  readonly seq: number;
  readonly rows: readonly ReconciliationRow[];
}

/** The workspace database: owns the schema, its versions and its queries. */
export class Workspace extends Dexie {
  sources!: Table<SourceRecord, string>;
  rowBlocks!: Table<RowBlock, [string, number]>;
  runs!: Table<RunRecord, string>;
  runRows!: Table<RunRowBlock, [string, number]>;

  constructor(name = 'recondesk-workspace') {
    super(name);
    this.version(1).stores({
      sources: 'id, kind, status, importedAt',
      rowBlocks: '[sourceId+seq]',
    });
    this.version(2).stores({ runs: 'id, createdAt', runRows: '[runId+seq]' });
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
  async saveRun(run: RunRecord, rows: readonly ReconciliationRow[], blockSize = 5000): Promise<void> {
    await this.transaction('rw', this.runs, this.runRows, async () => {
      await this.runs.add(run);
      for (let seq = 0; seq * blockSize < rows.length; seq += 1) {
        await this.runRows.add({ runId: run.id, seq, rows: rows.slice(seq * blockSize, (seq + 1) * blockSize) });
      }
    });
  }

  /** The current committed source of a kind: the latest import of it. */
  async currentSource(kind: SourceKind): Promise<SourceRecord | undefined> {
    const committed = await this.sources.where({ status: 'committed' }).toArray();
    return committed.filter((source) => source.kind === kind).toSorted((a, b) => b.importedAt.localeCompare(a.importedAt))[0];
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
    await this.transaction('rw', this.sources, async () => {
      const staged = await this.sources.get(sourceId);
      if (!staged) throw new Error(`no staged source ${sourceId}`);
      const previous = await this.sources.where({ status: 'committed' }).toArray();
      for (const source of previous.filter((candidate) => candidate.kind === staged.kind)) {
        await this.sources.update(source.id, { status: 'superseded' });
      }
      await this.sources.update(sourceId, { status: 'committed', sha256, rowCount });
    });
  }

  /** Clears what an interrupted session left staged (a crash mid-import). */
  async discardStaged(): Promise<void> {
    const staged = await this.sources.where({ status: 'staging' }).primaryKeys();
    for (const id of staged) await this.discardSource(id);
  }
}
