import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupAppFile } from '../../../main/security/app-files';
import {
  APP_RESPONSE_HEADERS,
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  CSP_DIRECTIVES,
  isAllowedRequest,
  isPermissionGranted,
  secureWebPreferences,
} from '../../../main/security/policy';

describe('window webPreferences', () => {
  const preferences = secureWebPreferences('/app/preload.cjs');

  it('isolates and sandboxes the renderer, with no Node', () => {
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.experimentalFeatures).toBe(false);
    expect(preferences.navigateOnDragDrop).toBe(false);
  });
});

const directives = (policy: string): Map<string, string[]> =>
  new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name ?? '', sources]));

describe('Content-Security-Policy', () => {
  it.each([
    ['meta', CONTENT_SECURITY_POLICY],
    ['header', CONTENT_SECURITY_POLICY_HEADER],
  ])('the %s policy denies by default and allows only the app itself', (_form, policy) => {
    const parsed = directives(policy);
    expect(parsed.get('default-src')).toEqual(["'none'"]);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'none'"]);
    for (const [name, sources] of parsed) {
      for (const source of sources) {
        // Only keywords and data: images; never a scheme, host, wildcard or unsafe-* escape hatch.
        expect(`${name} ${source}`).toMatch(/^[a-z-]+ ('self'|'none')$|^img-src data:$/);
      }
    }
  });

  it('adds frame-ancestors only to the header form, where it is honoured', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY_HEADER).toContain("frame-ancestors 'none'");
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(Object.keys(CSP_DIRECTIVES)).toContain('connect-src');
  });
});

describe('network and permissions', () => {
  it.each([
    ['app://recondesk/index.html', true],
    ['app://recondesk/assets/index.js', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['https://example.com/', false],
    ['http://127.0.0.1:8080/', false],
    ['file:///etc/passwd', false],
    ['app://other/index.html', false],
    ['ws://localhost:5173/', false],
  ])('request to %s allowed: %s', (url, allowed) => {
    expect(isAllowedRequest(url)).toBe(allowed);
  });

  it('lets only the dev server through in development', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('https://example.com/', 'http://localhost:5173')).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem'])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
});

describe('app files', () => {
  const root = resolve('/srv/renderer');

  it('serves files inside the renderer folder with the security headers', () => {
    const found = lookupAppFile(root, '/assets/index.js');
    expect(found).toMatchObject({ status: 200, path: join(root, 'assets/index.js') });
    expect(found.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(found.headers['Content-Type']).toContain('javascript');
    expect(lookupAppFile(root, '/')).toMatchObject({ status: 200, path: join(root, 'index.html') });
  });

  it.each(['/../secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../etc/passwd', '/%E0%A4%A'])('refuses %s', (path) => {
    expect(lookupAppFile(root, path).status).toBe(404);
  });
});
