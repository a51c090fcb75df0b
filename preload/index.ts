/** The only file that touches ipcRenderer: exposes the IPC contract as `window.api`, and nothing else. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_EVENTS, API_METHODS, eventChannel, requestChannel, type ApiEventName, type RendererApi } from '@core/api/contract';

const requests = Object.fromEntries(
  API_METHODS.map((method) => [method, (request: unknown) => ipcRenderer.invoke(requestChannel(method), request)]),
);

function on(event: ApiEventName, listener: (payload: unknown) => void): () => void {
  if (!API_EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`);
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(eventChannel(event), forward);
  return () => ipcRenderer.removeListener(eventChannel(event), forward);
}

contextBridge.exposeInMainWorld('api', { ...requests, on } as unknown as RendererApi);
