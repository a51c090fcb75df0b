import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookupAppFile } from '../../../main/security/app-files';

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Answers one contract call: the method name and the request as sent; returns the result as JSON text. */
export type BridgeCall = (method: string, request: unknown) => Promise<string>;

/** Where the page's stand-in preload posts contract calls: same origin, so the app's own CSP allows it. */
export const BRIDGE_PATH = '/__recondesk-api/';

/**
 * Serves the built renderer on 127.0.0.1 through the same lookup (and security headers) as Electron's
 * `app://` handler. A real origin rather than file://, where module scripts would not load. With a bridge,
 * it also answers the page's contract calls, the test stand-in for Electron's IPC.
 */
export async function serveRenderer(rendererRoot: string, bridge?: BridgeCall): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (bridge && request.method === 'POST' && pathname.startsWith(BRIDGE_PATH)) {
      answerBridge(bridge, pathname.slice(BRIDGE_PATH.length), request, response);
      return;
    }
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
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerBridge(bridge: BridgeCall, method: string, request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const { request: body } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { request?: unknown };
    bridge(decodeURIComponent(method), body).then(
      (json) => response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(json),
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error)),
    );
  });
}
