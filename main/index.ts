/** Electron entry: wires the app lifecycle, the security policy, the app:// files and the IPC handlers. */
import { join } from 'node:path';
import { app, dialog, protocol, safeStorage, session } from 'electron';
import { eventChannel } from '@core/api/contract';
import { SOURCE_KIND_LABELS } from '@core/import/source-kind';
import { serveAppFiles } from './app-protocol';
import { inWorker } from './evidence/evidence-runner';
import { createHandlers } from './handlers/create-handlers';
import { registerIpc } from './ipc/register';
import { hardenAllContents, hardenSession } from './security/harden';
import { APP_ORIGIN, APP_SCHEME } from './security/policy';
import { createMainWindow } from './window';

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
hardenAllContents(app);

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(openMainWindow);

function openMainWindow(): void {
  hardenSession(session.defaultSession, devServerUrl);
  serveAppFiles(protocol, join(import.meta.dirname, '../renderer'));

  const window = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'));
  const handlers = createHandlers({
    appName: 'Recondesk',
    appVersion: app.getVersion(),
    // Packaged, the sample ships as an extra resource; from a checkout it is build/demo.
    identityFolder: join(app.getPath('userData'), 'signing-identities'),
    inputFolder: join(app.getPath('userData'), 'inputs'),
    // Keychain, DPAPI or libsecret; on Linux without a keyring Electron falls back to a fixed key, which is no
    // protection, so that backend counts as no secret store and a passphrase is asked instead.
    secretStore: {
      isAvailable: async () => (await safeStorage.isAsyncEncryptionAvailable()) && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
      encrypt: (plain) => safeStorage.encryptStringAsync(plain),
      decrypt: async (sealed) => (await safeStorage.decryptStringAsync(sealed)).result,
    },
    // Built beside index.js (electron.vite.config.ts): re-performing a large run must not hold main's thread.
    evidenceRunner: inWorker(new URL('./evidence-worker.js', import.meta.url)),
    sampleFolder: app.isPackaged ? join(process.resourcesPath, 'demo') : join(app.getAppPath(), 'build/demo'),
    async showSaveDialog(suggestedName, purpose) {
      const result = await dialog.showSaveDialog(
        window,
        purpose === 'pack'
          ? // The name given becomes the pack's folder, with the .zip beside it.
            { title: 'Export the evidence pack', defaultPath: suggestedName, buttonLabel: 'Export', properties: ['createDirectory', 'showOverwriteConfirmation'] }
          : { title: 'Back up the workspace', defaultPath: suggestedName, filters: [{ name: 'Recondesk backup', extensions: ['recondesk-backup'] }] },
      );
      return result.canceled ? undefined : result.filePath;
    },
    async showOpenDialog(kind) {
      if (kind === 'pack-folder' || kind === 'pack-zip') {
        const result = await dialog.showOpenDialog(window, {
          title: 'Verify an evidence pack',
          properties: kind === 'pack-folder' ? ['openDirectory'] : ['openFile'],
          ...(kind === 'pack-zip' ? { filters: [{ name: 'Evidence pack', extensions: ['zip'] }] } : {}),
        });
        return result.canceled ? [] : result.filePaths;
      }
      if (kind === 'pkcs12') {
        const result = await dialog.showOpenDialog(window, { title: 'Import a signing identity', properties: ['openFile'], filters: [{ name: 'PKCS#12', extensions: ['pfx', 'p12'] }] });
        return result.canceled ? [] : result.filePaths;
      }
      if (kind === 'backup') {
        const result = await dialog.showOpenDialog(window, { title: 'Restore a backup', properties: ['openFile'], filters: [{ name: 'Recondesk backup', extensions: ['recondesk-backup'] }] });
        return result.canceled ? [] : result.filePaths;
      }
      const result = await dialog.showOpenDialog(window, {
        title: `Choose ${SOURCE_KIND_LABELS[kind]}`,
        // Several files: the pages of a Graph export, or the provisioning logs CSV trio.
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Exports', extensions: ['csv', 'txt', 'tsv', 'json', 'jsonl'] }, { name: 'All files', extensions: ['*'] }],
      });
      return result.canceled ? [] : result.filePaths;
    },
    emit(event, payload) {
      if (!window.isDestroyed()) window.webContents.send(eventChannel(event), payload);
    },
  });
  // Quitting while an export or verification runs: each is cancelled and has removed its hidden staging folder, and
  // its worker thread has ended by itself, before the app goes (Node tearing a worker down mid-stream can abort).
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void handlers.stopRunningWork().finally(() => app.quit());
  });
  const trustedOrigin = devServerUrl ?? `${APP_ORIGIN}/`;
  registerIpc(handlers, (url) => url.startsWith(trustedOrigin));

  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}
