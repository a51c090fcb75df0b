import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { backUpWorkspace, restoreWorkspace } from '../../../renderer/src/workspace/backup';
import { Catalogue } from '../../../renderer/src/workspace/catalogue';
import type { Workspace } from '../../../renderer/src/workspace/workspace';
import { handlersForTest } from '../../support/handlers';
import { tempDir } from '../../support/temp-files';

const catalogues: Catalogue[] = [];
afterEach(async () => {
  for (const catalogue of catalogues.splice(0)) {
    for (const review of await catalogue.reviews.toArray()) await Dexie.delete(review.database);
    await catalogue.delete();
  }
});
const newCatalogue = (): Catalogue => {
  const catalogue = new Catalogue(`test-${randomUUID()}`);
  catalogues.push(catalogue);
  return catalogue;
};
const ada = { name: 'Ada Lovelace', role: 'IT auditor' };
const draft = { name: 'Salesforce Q4', application: 'Salesforce', period: '2026-Q4', owner: 'Dana', asOf: '2026-11-22' };

/** A workspace with two reviews holding sources, row blocks, decisions and an audit trail. */
async function filledCatalogue(): Promise<Catalogue> {
  const catalogue = newCatalogue();
  await catalogue.setReviewer(ada);
  await catalogue.mappings.put({ application: 'Salesforce', profileId: 'salesforce', mapping: { email: 'Email' }, savedAt: '2026-11-22T08:00:00.000Z' });
  for (const name of ['Salesforce Q3', 'Salesforce Q4']) {
    const review = await catalogue.createReview({ ...draft, name }, new Date('2026-11-22T08:00:00Z'));
    const workspace = catalogue.workspaceOf(review);
    await workspace.sources.add({ id: `src-${name}`, kind: 'target', fileName: 'sf.csv', size: 10, header: ['Id', 'Email'], importedAt: '2026-11-22T09:00:00.000Z', status: 'committed', sha256: 'ab', rowCount: 3 });
    for (let seq = 0; seq < 3; seq += 1) await workspace.rowBlocks.add({ sourceId: `src-${name}`, seq, rows: [[`${seq}`, `u${seq}@contoso.com`]], lines: [seq + 2] });
    await workspace.setReviewer(ada, '2026-11-22T09:00:00.000Z');
    await workspace.decide([{ rowKey: 'account:1', answers: ['ORPHAN'] }], { kind: 'revoke', justification: 'gone' }, ada, '2026-11-22T09:05:00.000Z');
    workspace.close();
  }
  return catalogue;
}

async function contentOf(workspace: Workspace): Promise<Record<string, unknown[]>> {
  return Object.fromEntries(await Promise.all(workspace.tables.map(async (table) => [table.name, await table.toArray()] as const)));
}

describe('workspace backup', () => {
  it('backs every review up to one file and restores it as new reviews with the same content, the chain intact', async () => {
    const source = await filledCatalogue();
    const { handlers, nextChoices } = handlersForTest();
    const folder = await tempDir();
    const file = join(folder, 'workspace.recondesk-backup');
    nextChoices.push([file]);
    const progress: number[] = [];
    const written = await backUpWorkspace(handlers, source, new Date('2026-11-23T10:00:00Z'), { onProgress: ({ done }) => progress.push(done) });
    expect(written).toMatchObject({ ok: true, value: { name: 'workspace.recondesk-backup' } });
    expect(await readdir(folder)).toEqual(['workspace.recondesk-backup']);
    expect(progress.at(-1)).toBe(2 * (1 + 3 + 1 + 1 + 2));

    const target = newCatalogue();
    nextChoices.push([file]);
    const restored = await restoreWorkspace(handlers, target);
    expect(restored).toEqual({ ok: true, value: { reviews: 2, records: 16 } });
    const before = await source.listReviews();
    const after = await target.listReviews();
    expect(after.map((review) => review.name).toSorted()).toEqual(['Salesforce Q3 (restored)', 'Salesforce Q4 (restored)']);
    expect(await target.reviewer()).toEqual(ada);
    expect(await target.mappings.count()).toBe(1);
    for (const review of after) {
      const original = before.find((candidate) => `${candidate.name} (restored)` === review.name)!;
      const [copy, first] = [target.workspaceOf(review), source.workspaceOf(original)];
      expect(await contentOf(copy)).toEqual(await contentOf(first));
      expect((await copy.verifiedTrail()).verdict.intact).toBe(true);
      copy.close();
      first.close();
    }
  });

  it.each([
    // Lines: 1 header, 2 catalogue, 3-9 and 10-16 the two reviews' tables, 17 the end line.
    ['cut off before its end line', (text: string) => text.split('\n').slice(0, -3).join('\n') + '\n', undefined, 'the backup is incomplete: it has no end line'],
    ['a damaged line', (text: string) => text.replace(/\n\{"review"/, '\n{"review'), 3, 'not a JSON line'],
    ['a line removed from the middle', (text: string) => text.split('\n').toSpliced(4, 1).join('\n'), 16, 'the end line counts 16 lines before it, the file has 15: lines are missing'],
    ['not a backup at all', () => 'id,name\n1,Ada\n', 1, 'not a JSON line'],
    ['another JSON file', () => '{"hello":"world"}\n', 1, 'not a Recondesk backup'],
  ])('refuses a file %s, naming the line, and leaves the workspace exactly as it was', async (_, damage, line, message) => {
    const source = await filledCatalogue();
    const { handlers, nextChoices } = handlersForTest();
    const file = join(await tempDir(), 'workspace.recondesk-backup');
    nextChoices.push([file]);
    await backUpWorkspace(handlers, source, new Date('2026-11-23T10:00:00Z'));
    await writeFile(file, damage(await readFile(file, 'utf8')));

    const target = newCatalogue();
    const existing = await target.createReview({ ...draft, name: 'Untouched' }, new Date('2026-11-22T08:00:00Z'));
    const databasesBefore = (await indexedDB.databases()).map((database) => database.name).toSorted();
    nextChoices.push([file]);
    const restored = await restoreWorkspace(handlers, target);
    expect(restored).toMatchObject({ ok: false, error: { file: 'workspace.recondesk-backup', message: expect.stringContaining(message) } });
    expect(restored.ok ? 'restored' : restored.error.line).toBe(line);
    expect((await target.listReviews()).map((review) => review.id)).toEqual([existing.id]);
    expect((await indexedDB.databases()).map((database) => database.name).toSorted()).toEqual(databasesBefore);
  });

  it('leaves no file behind when the backup is cancelled', async () => {
    const source = await filledCatalogue();
    const { handlers, nextChoices } = handlersForTest();
    const folder = await tempDir();
    nextChoices.push([join(folder, 'workspace.recondesk-backup')]);
    const controller = new AbortController();
    const result = await backUpWorkspace(handlers, source, new Date('2026-11-23T10:00:00Z'), { signal: controller.signal, onProgress: () => controller.abort() });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await readdir(folder)).toEqual([]);
  });
});
