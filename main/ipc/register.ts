import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, requestChannel, type Api } from '@core/api/contract';
import { dispatch } from './dispatch';

/** The only place that touches ipcMain: one handler per contract method, answering the app's own page only. */
export function registerIpc(handlers: Api, isTrustedUrl: (url: string) => boolean): void {
  for (const method of API_METHODS) {
    ipcMain.handle(requestChannel(method), (event: IpcMainInvokeEvent, request: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        return { ok: false, error: { code: 'BAD_REQUEST', message: 'request from an untrusted page' } };
      }
      return dispatch(handlers, method, request);
    });
  }
}
