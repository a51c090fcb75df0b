import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch';
import { fixture } from '../../support/fixtures';
import { handlersForTest } from '../../support/handlers';
import { tempFile } from '../../support/temp-files';

describe('handlers', () => {
  it('imports a chosen file batch by batch, with progress events', async () => {
    const { handlers, events, choose } = handlersForTest();
    const token = await choose(fixture('target/app-users.csv'));
    const started = await handlers.startImport({ token, kind: 'target' });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value).toMatchObject({ fileName: 'app-users.csv', kind: 'target' });
    expect(started.value.header).toContain('email');

    const batch = await handlers.nextBatch({ importId: started.value.importId });
    if (!batch.ok) throw new Error(batch.error.message);
    expect(batch.value.rows).toHaveLength(6);
    expect(batch.value.lines).toEqual([2, 3, 4, 5, 6, 7]);
    const end = await handlers.nextBatch({ importId: started.value.importId });
    expect(end.ok && end.value).toMatchObject({ done: true, rowsRead: 6, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(events.at(-1)).toMatchObject({ event: 'progress', payload: { phase: 'read', done: end.ok ? end.value.bytesTotal : -1 } });

    const after = await handlers.nextBatch({ importId: started.value.importId });
    expect(after.ok ? 'ok' : after.error.code).toBe('UNKNOWN_IMPORT');
  });

  it('refuses a token that main never handed out', async () => {
    const { handlers } = handlersForTest();
    const started = await handlers.startImport({ token: 'made-up', kind: 'target' });
    expect(started.ok ? 'ok' : started.error.code).toBe('BAD_REQUEST');
  });

  it('returns nothing when the user cancels the dialog', async () => {
    const { handlers } = handlersForTest();
    expect(await handlers.chooseFiles({ kind: 'entra-users' })).toEqual({ ok: true, value: [] });
  });

  it('says which column is missing when a file is not of the kind chosen', async () => {
    const { handlers, choose } = handlersForTest();
    const token = await choose(fixture('target/app-users.csv'));
    const started = await handlers.startImport({ token, kind: 'entra-users' });
    expect(started.ok ? 'ok' : started.error).toMatchObject({ code: 'MISSING_COLUMN', file: 'app-users.csv', line: 1 });
  });

  it('cancels an import in progress', async () => {
    const { handlers, choose } = handlersForTest();
    const token = await choose(await tempFile('t.csv', 'id,email\n1,a@x.com\n'));
    const started = await handlers.startImport({ token, kind: 'target' });
    if (!started.ok) throw new Error(started.error.message);
    expect(await handlers.cancelImport({ importId: started.value.importId })).toEqual({ ok: true, value: null });
    const next = await handlers.nextBatch({ importId: started.value.importId });
    expect(next.ok ? 'ok' : next.error.code).toBe('UNKNOWN_IMPORT');
  });

  it('while reading one batch ahead, still reports a bad row to the call that reaches it, with its line', async () => {
    const { handlers, choose } = handlersForTest();
    const good = Array.from({ length: 45_000 }, (_, row) => `${row},u${row}@x.com`).join('\n');
    const token = await choose(await tempFile('ahead.csv', `id,email\n${good}\n"unclosed,a@x.com\n`));
    const started = await handlers.startImport({ token, kind: 'target' });
    if (!started.ok) throw new Error(started.error.message);
    const importId = started.value.importId;
    const outcomes: string[] = [];
    for (let call = 0; call < 5; call += 1) {
      const batch = await handlers.nextBatch({ importId });
      outcomes.push(batch.ok ? `rows ${batch.value.rows.length}` : `${batch.error.code} line ${batch.error.line}`);
      if (!batch.ok) break;
    }
    expect(outcomes).toEqual(['rows 20000', 'rows 20000', 'PARSE_ERROR line 45002']);
  });

  it('cancels mid-file while the next batch is being read, and the import is gone', async () => {
    const { handlers, choose } = handlersForTest();
    const rows = Array.from({ length: 60_000 }, (_, row) => `${row},u${row}@x.com`).join('\n');
    const token = await choose(await tempFile('mid.csv', `id,email\n${rows}\n`));
    const started = await handlers.startImport({ token, kind: 'target' });
    if (!started.ok) throw new Error(started.error.message);
    const first = await handlers.nextBatch({ importId: started.value.importId });
    expect(first.ok && first.value.rows.length).toBe(20_000);
    expect(await handlers.cancelImport({ importId: started.value.importId })).toEqual({ ok: true, value: null });
    const next = await handlers.nextBatch({ importId: started.value.importId });
    expect(next.ok ? 'ok' : next.error.code).toBe('UNKNOWN_IMPORT');
  });
});

describe('dispatch', () => {
  it('validates before it calls a handler', async () => {
    const { handlers } = handlersForTest();
    expect(await dispatch(handlers, 'appInfo', {})).toEqual({ ok: true, value: { name: 'Recondesk', version: '0.0.0-test' } });
    expect(await dispatch(handlers, 'readAnyFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(handlers, 'startImport', { token: 'x', kind: 'target', path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await dispatch(handlers, 'toString', {})).toMatchObject({ ok: false });
  });
});
