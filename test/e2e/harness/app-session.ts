import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inWorker } from '../../../main/evidence/evidence-runner';
import { createHandlers } from '../../../main/handlers/create-handlers';
import { dispatch } from '../../../main/ipc/dispatch';
import { bridgeScript } from './bridge-script';
import { serveRenderer, type BridgeCall, type StaticServer } from './static-server';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_ROOT = join(PROJECT_ROOT, 'out/renderer');
const SCREENSHOTS = join(PROJECT_ROOT, 'test-output/screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface AppSession {
  readonly page: Page;
  readonly server: StaticServer;
  /** Queues the path the next open-file or save dialog answers with, as if the user picked it. */
  answerNextDialog(path: string): void;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The built renderer in Debian's Chromium, with `window.api` bridged to the real main-process handlers.
 * Only the OS file dialog is stood in for: the test says which file the user picks.
 */
export async function openApp(): Promise<AppSession> {
  // The server starts before the page exists, and the handlers need the page to emit events: connected below.
  const bridge: { call?: BridgeCall } = {};
  const server = await serveRenderer(RENDERER_ROOT, (method, request) => bridge.call!(method, request));
  const browser: Browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  const dialogAnswers: string[][] = [];

  const handlers = createHandlers({
    appName: 'Recondesk',
    appVersion: 'e2e',
    showOpenDialog: async () => dialogAnswers.shift() ?? [],
    showSaveDialog: async () => dialogAnswers.shift()?.[0],
    // No OS secret store here (as on a Linux machine without a keyring): keys need a passphrase.
    identityFolder: mkdtempSync(join(tmpdir(), 'recondesk-identities-')),
    inputFolder: mkdtempSync(join(tmpdir(), 'recondesk-inputs-')),
    secretStore: { isAvailable: async () => false, encrypt: async () => Buffer.alloc(0), decrypt: async () => '' },
    sampleFolder: join(PROJECT_ROOT, 'build/demo'),
    // The built worker, as the app runs it: exports go through a worker thread here too.
    evidenceRunner: inWorker(join(PROJECT_ROOT, 'out/main/evidence-worker.js')),
    emit(event, payload) {
      page.evaluate(([name, data]) => (window as unknown as { recondeskEmit(n: string, d: unknown): void }).recondeskEmit(name, data), [event, payload] as const).catch(() => {
        // The page may be navigating or closed; events are advisory.
      });
    },
  });
  // Calls cross as same-origin HTTP to the harness server, not a Playwright binding: the binding's CDP round
  // trip, not the app, was the bottleneck for 20,000-row batches (15 s of bridge for a million rows, against
  // under 5 s of parsing). The contract's payloads are plain JSON by design, so nothing is lost.
  bridge.call = async (method, request) => JSON.stringify(await dispatch(handlers, method, request));
  await context.addInitScript({ content: bridgeScript() });

  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/index.html`);

  return {
    page,
    server,
    answerNextDialog: (path) => dialogAnswers.push([path]),
    async screenshot(name) {
      await mkdir(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
      if (pageErrors.length > 0) throw new Error(`the page threw: ${pageErrors.join('; ')}`);
    },
  };
}
