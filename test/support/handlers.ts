import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { ApiEventName, ApiEvents } from '@core/api/contract';
import { join, resolve } from 'node:path';
import { createHandlers, type HandlerDeps } from '../../main/handlers/create-handlers';

export interface RecordedEvent {
  readonly event: ApiEventName;
  readonly payload: ApiEvents[ApiEventName];
}

/** The real handlers, with the file dialog answering from a queue the test fills and events recorded. */
export function handlersForTest(deps: Partial<HandlerDeps> = {}) {
  const nextChoices: string[][] = [];
  const events: RecordedEvent[] = [];
  const handlers = createHandlers({
    appName: 'Recondesk',
    appVersion: '0.0.0-test',
    showOpenDialog: async () => nextChoices.shift() ?? [],
    showSaveDialog: async () => nextChoices.shift()?.[0],
    // No OS secret store here (as on a Linux machine without a keyring): keys need a passphrase.
    identityFolder: mkdtempSync(join(tmpdir(), 'recondesk-identities-')),
    inputFolder: mkdtempSync(join(tmpdir(), 'recondesk-inputs-')),
    secretStore: { isAvailable: async () => false, encrypt: async () => Buffer.alloc(0), decrypt: async () => '' },
    sampleFolder: resolve(import.meta.dirname, '../../build/demo'),
    emit: (event, payload) => events.push({ event, payload }),
    ...deps,
  });
  /** Chooses a file as the user would in the dialog, and returns its token. */
  async function choose(path: string): Promise<string> {
    nextChoices.push([path]);
    const chosen = await handlers.chooseFiles({ kind: 'target' });
    if (!chosen.ok || !chosen.value[0]) throw new Error(`could not choose ${path}`);
    return chosen.value[0].token;
  }
  return { handlers, events, choose, nextChoices };
}
