import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security/policy';

/** The main window; its webPreferences come only from the security policy. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Recondesk',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
}
