import type { RendererApi } from '@core/api/contract';

declare global {
  interface Window {
    /** Exposed by the preload (or the browser test bridge): the IPC contract, nothing else. */
    readonly api: RendererApi;
  }
}

/** The bridge to main; read once, at first use, so modules stay importable in tests without a window. */
export const getApi = (): RendererApi => window.api;
