import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '@core/api/contract';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../main/security/policy';
import { openApp, RENDERER_ROOT, type AppSession } from './harness/app-session';
import { serveRenderer, type StaticServer } from './harness/static-server';

let app: AppSession;
let elsewhere: StaticServer;
beforeEach(async () => {
  app = await openApp();
  elsewhere = await serveRenderer(RENDERER_ROOT);
});
afterEach(async () => {
  await app.close();
  await elsewhere.close();
});

describe('the built renderer is locked down', () => {
  it('carries the policy CSP in its index.html and in the served headers', async () => {
    const html = await readFile(join(RENDERER_ROOT, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replaceAll('&#39;', "'");
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    const response = await app.page.request.get(`${app.server.url}/index.html`);
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
  });

  it('refuses inline scripts, remote requests and remote images', async () => {
    const outcome = await app.page.evaluate(async (otherOrigin) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.append(script);
      let fetched = 'allowed';
      try {
        await fetch(`${otherOrigin}/index.html`);
      } catch {
        fetched = 'refused';
      }
      const image = new Image();
      const imageLoaded = await new Promise<boolean>((resolve) => {
        image.addEventListener('load', () => resolve(true));
        image.addEventListener('error', () => resolve(false));
        image.src = `${otherOrigin}/favicon.png`;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { inlineRan: 'inlineRan' in window, fetched, imageLoaded, violations };
    }, elsewhere.url);
    expect(outcome.inlineRan).toBe(false);
    expect(outcome.fetched).toBe('refused');
    expect(outcome.imageLoaded).toBe(false);
    expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src', 'img-src']));
  });

  it('exposes exactly the contract as window.api, frozen', async () => {
    const shape = await app.page.evaluate(() => ({ keys: Object.keys(window.api).toSorted(), frozen: Object.isFrozen(window.api) }));
    expect(shape.keys).toEqual([...API_METHODS, 'on'].toSorted());
    expect(shape.frozen).toBe(true);
  });

  it('answers a malformed request with an error value, not a crash', async () => {
    const result = await app.page.evaluate(() => (window.api.startImport as (request: unknown) => Promise<unknown>)({ token: '../../etc/passwd', kind: 'target' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
