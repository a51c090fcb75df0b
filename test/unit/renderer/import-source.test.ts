import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '@core/api/contract';
import { importSource } from '../../../renderer/src/workspace/import-source';
import { runReconciliation } from '../../../renderer/src/engine/run-reconciliation';
import { Workspace } from '../../../renderer/src/workspace/workspace';
import { fixture } from '../../support/fixtures';
import { handlersForTest } from '../../support/handlers';
import { tempFile } from '../../support/temp-files';

const workspaces: Workspace[] = [];
afterEach(async () => {
  for (const workspace of workspaces.splice(0)) await workspace.delete();
});

function newWorkspace(): Workspace {
  const workspace = new Workspace(`test-${randomUUID()}`);
  workspaces.push(workspace);
  return workspace;
}

/** Everything in the workspace, to compare before and after. */
async function snapshot(workspace: Workspace): Promise<unknown> {
  return { sources: await workspace.sources.toArray(), blocks: await workspace.rowBlocks.toArray(), runs: await workspace.runs.toArray() };
}

const at = (iso: string) => () => new Date(iso);

describe('importSource', () => {
  it('stores both sources, and a run of them is stored whole', async () => {
    const workspace = newWorkspace();
    const { handlers, choose } = handlersForTest();
    const entra = await importSource(handlers, workspace, await choose(fixture('entra/users-download.csv')), 'entra-users', { now: at('2026-11-01T00:00:00Z') });
    const target = await importSource(handlers, workspace, await choose(fixture('target/app-users.csv')), 'target', { now: at('2026-11-01T00:00:01Z') });
    expect(entra.ok && entra.value).toMatchObject({ status: 'committed', rowCount: 5, fileName: 'users-download.csv' });
    expect(target.ok && target.value.sha256).toMatch(/^[0-9a-f]{64}$/);

    const phases: string[] = [];
    const run = await runReconciliation(workspace, { asOf: '2026-11-22T00:00:00.000Z', onProgress: (phase) => phases.push(phase), newId: () => 'run-1' });
    expect(run.ok && run.value).toMatchObject({ id: 'run-1', rowCount: 6, counts: { situations: { MATCHED: 4, ORPHAN: 2 } } });
    expect(phases).toEqual(['sort', 'sort', 'sort', 'match', 'classify']);
    const rows = await workspace.rowsOf('run-1');
    expect(rows.map((row) => row.situation)).toEqual(['MATCHED', 'MATCHED', 'MATCHED', 'MATCHED', 'ORPHAN', 'ORPHAN']);
    expect(await workspace.latestRun()).toMatchObject({ id: 'run-1', asOf: '2026-11-22T00:00:00.000Z', sourceIds: [entra.ok && entra.value.id, target.ok && target.value.id] });
  });

  it('leaves the workspace exactly as it was when the file is bad half-way through', async () => {
    const workspace = newWorkspace();
    const { handlers, choose } = handlersForTest();
    await importSource(handlers, workspace, await choose(fixture('target/app-users.csv')), 'target', { now: at('2026-11-01T00:00:00Z') });
    const before = await snapshot(workspace);

    // Past the first batches (main hands over 20,000 rows at a time), so rows are already staged when it fails.
    const good = Array.from({ length: 50_000 }, (_, index) => `${index},u${index}@x.com`);
    const bad = await tempFile('bad.csv', `id,email\n${good.join('\n')}\n50000,oops,extra\n`);
    const result = await importSource(handlers, workspace, await choose(bad), 'target');
    expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'WRONG_COLUMN_COUNT', file: 'bad.csv', line: 50_002 });
    expect(await snapshot(workspace)).toEqual(before);
  });

  it('leaves the workspace exactly as it was when cancelled', async () => {
    const workspace = newWorkspace();
    const { handlers, choose } = handlersForTest();
    const before = await snapshot(workspace);
    const rows = Array.from({ length: 70_000 }, (_, index) => `${index},u${index}@x.com`);
    const token = await choose(await tempFile('many.csv', `id,email\n${rows.join('\n')}\n`));
    const abort = new AbortController();
    let batches = 0;
    const result = await importSource(handlers, workspace, token, 'target', {
      signal: abort.signal,
      onProgress: () => {
        batches += 1;
        if (batches === 2) abort.abort();
      },
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('CANCELLED');
    expect(batches).toBe(2);
    expect(await snapshot(workspace)).toEqual(before);
  });

  it('rolls back and rethrows when storing fails unexpectedly', async () => {
    const workspace = newWorkspace();
    const { handlers, choose } = handlersForTest();
    const token = await choose(fixture('target/app-users.csv'));
    const failing: Pick<Api, 'startImport' | 'nextBatch' | 'cancelImport'> = {
      startImport: (request) => handlers.startImport(request),
      nextBatch: async () => {
        throw new Error('disk full');
      },
      cancelImport: (request) => handlers.cancelImport(request),
    };
    await expect(importSource(failing, workspace, token, 'target')).rejects.toThrow('disk full');
    expect(await snapshot(workspace)).toEqual({ sources: [], blocks: [], runs: [] });
  });

  it('replaces the current source of a kind and keeps the old one for the record', async () => {
    const workspace = newWorkspace();
    const { handlers, choose } = handlersForTest();
    await importSource(handlers, workspace, await choose(fixture('target/app-users.csv')), 'target', { now: at('2026-11-01T00:00:00Z') });
    const second = await tempFile('second.csv', 'id,email\n1,a@x.com\n');
    await importSource(handlers, workspace, await choose(second), 'target', { now: at('2026-11-02T00:00:00Z') });
    expect((await workspace.currentSource('target'))?.fileName).toBe('second.csv');
    expect((await workspace.sources.toArray()).map((source) => source.status).toSorted()).toEqual(['committed', 'superseded']);
  });

  it('discards what a crashed session left staged', async () => {
    const workspace = newWorkspace();
    await workspace.sources.add({ id: 's1', kind: 'target', fileName: 'x.csv', size: 1, header: [], importedAt: '', status: 'staging', sha256: undefined, rowCount: 0 });
    await workspace.rowBlocks.add({ sourceId: 's1', seq: 0, rows: [['a']], lines: [2] });
    await workspace.discardStaged();
    expect(await snapshot(workspace)).toEqual({ sources: [], blocks: [], runs: [] });
  });
});
