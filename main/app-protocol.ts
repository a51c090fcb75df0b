import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { lookupAppFile } from './security/app-files';
import { APP_SCHEME } from './security/policy';

/** Serves the built renderer at `app://recondesk/…` with the app's security headers. */
export function serveAppFiles(protocol: Protocol, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const found = lookupAppFile(rendererRoot, new URL(request.url).pathname);
    if (found.status !== 200) return new Response('Not found', { status: 404, headers: found.headers });
    try {
      return new Response(await readFile(found.path), { status: 200, headers: found.headers });
    } catch {
      return new Response('Not found', { status: 404, headers: found.headers });
    }
  });
}
