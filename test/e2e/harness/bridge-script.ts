import { API_EVENTS, API_METHODS } from '@core/api/contract';

/**
 * The browser stand-in for the preload: defines `window.api` with exactly the contract's methods, each
 * forwarded to the real handlers in Node through a Playwright binding, and the same `on` for events.
 */
export function bridgeScript(): string {
  return `(() => {
    const methods = ${JSON.stringify(API_METHODS)};
    const events = ${JSON.stringify(API_EVENTS)};
    const listeners = new Map(events.map((event) => [event, new Set()]));
    const invoke = window.recondeskInvoke;
    const api = {};
    for (const method of methods) api[method] = async (request) => JSON.parse(await invoke(method, request));
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
