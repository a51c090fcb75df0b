import { Dexie, type Table } from 'dexie';
import type { SourceKind } from '@core/import/source-kind';

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

/** The workspace database: owns the schema, its versions and its queries. */
export class Workspace extends Dexie {
  sources!: Table<SourceRecord, string>;
  rowBlocks!: Table<RowBlock, [string, number]>;

  constructor(name = 'recondesk-workspace') {
    super(name);
    this.version(1).stores({
      sources: 'id, kind, status, importedAt',
      rowBlocks: '[sourceId+seq]',
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
