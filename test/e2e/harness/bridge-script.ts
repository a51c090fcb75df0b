import { API_EVENTS, API_METHODS } from '@core/api/contract';
import { BRIDGE_PATH } from './static-server';

/**
 * The browser stand-in for the preload: defines `window.api` with exactly the contract's methods, each posted
 * to the harness server, which calls the real handlers in Node, and the same `on` for events (delivered by
 * the harness through `recondeskEmit`). Same-origin requests, so the page's own CSP (`connect-src 'self'`)
 * applies unchanged.
 */
export function bridgeScript(): string {
  return `(() => {
    const methods = ${JSON.stringify(API_METHODS)};
    const events = ${JSON.stringify(API_EVENTS)};
    const listeners = new Map(events.map((event) => [event, new Set()]));
    const api = {};
    for (const method of methods) {
      api[method] = async (request) => {
        const response = await fetch(${JSON.stringify(BRIDGE_PATH)} + method, { method: 'POST', body: JSON.stringify({ request }) });
        if (!response.ok) throw new Error('the handler of ' + method + ' threw: ' + (await response.text()));
        return response.json();
      };
    }
    api.on = (event, listener) => {
      const set = listeners.get(event);
      if (!set) throw new Error('unknown event ' + event);
      set.add(listener);
      return () => set.delete(listener);
    };
    Object.defineProperty(window, 'recondeskEmit', {
      value: (event, payload) => { for (const listener of listeners.get(event) ?? []) listener(payload); },
    });
    Object.defineProperty(window, 'api', { value: Object.freeze(api), enumerable: true });
  })();`;
}
