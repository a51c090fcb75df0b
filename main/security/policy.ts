/**
 * Every security setting of the app in one place, as data, so tests assert it and the Electron wiring
 * (`harden.ts`, `window.ts`) only applies it. No electron import here.
 */
import type { WebPreferences } from 'electron';

/** The scheme and host the packaged renderer is served from; nothing else is ever loaded. */
export const APP_ORIGIN = 'app://recondesk';
export const APP_SCHEME = 'app';

/** Content-Security-Policy directives: nothing by default, only the app's own files, no remote origin. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
};

// Honoured only as an HTTP header, so the <meta> form leaves it out.
const HEADER_ONLY_DIRECTIVES: Readonly<Record<string, readonly string[]>> = { 'frame-ancestors': ["'none'"] };

const serialise = (directives: Readonly<Record<string, readonly string[]>>): string =>
  Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');

/** The policy as the renderer's `<meta http-equiv="Content-Security-Policy">` carries it. */
export const CONTENT_SECURITY_POLICY = serialise(CSP_DIRECTIVES);

/** The policy as a response header on every app file (adds what a meta tag cannot express). */
export const CONTENT_SECURITY_POLICY_HEADER = serialise({ ...CSP_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES });

/** Headers sent with every file of the app. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** webPreferences of every window: isolated, sandboxed, no Node, nothing that loosens web security. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * Whether the renderer may load a URL: only the app's own files (and, in `electron-vite dev` only, the
 * local dev server). Every other request, remote or local, is refused.
 */
export function isAllowedRequest(url: string, devServerUrl?: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  if (url.startsWith('devtools://')) return true;
  if (devServerUrl !== undefined && (url.startsWith(devServerUrl) || url.startsWith(devServerUrl.replace(/^http/, 'ws')))) {
    return true;
  }
  return false;
}

/** Permissions (camera, notifications, clipboard, …) the app grants: none. */
export const GRANTED_PERMISSIONS: readonly string[] = [];

export const isPermissionGranted = (permission: string): boolean => GRANTED_PERMISSIONS.includes(permission);
