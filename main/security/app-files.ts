import { extname, resolve, sep } from 'node:path';
import { APP_RESPONSE_HEADERS } from './policy';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export type AppFileLookup =
  | { readonly status: 200; readonly path: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly status: 404; readonly headers: Readonly<Record<string, string>> };

/**
 * The file of the built renderer that a request path names, with the app's security headers; 404 for
 * anything outside the renderer folder. Shared by Electron's `app://` handler and the browser test server.
 */
export function lookupAppFile(rendererRoot: string, pathname: string): AppFileLookup {
  const root = resolve(rendererRoot);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 404, headers: APP_RESPONSE_HEADERS };
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const path = resolve(root, relative);
  if (path !== root && !path.startsWith(root + sep)) return { status: 404, headers: APP_RESPONSE_HEADERS };
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, path, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': contentType } };
}
