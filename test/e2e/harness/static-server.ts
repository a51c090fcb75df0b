import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookupAppFile } from '../../../main/security/app-files';

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on 127.0.0.1 through the same lookup (and security headers) as Electron's
 * `app://` handler. A real origin rather than file://, where module scripts would not load.
 */
export async function serveRenderer(rendererRoot: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const found = lookupAppFile(rendererRoot, pathname);
    if (found.status !== 200) {
      response.writeHead(404, found.headers).end('Not found');
      return;
    }
    readFile(found.path).then(
      (body) => response.writeHead(200, found.headers).end(body),
      () => response.writeHead(404, found.headers).end('Not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
