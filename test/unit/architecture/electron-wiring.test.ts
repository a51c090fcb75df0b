import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

async function sourcesUnder(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name));
  const sources = new Map<string, string>();
  for (const file of files) {
    const path = join(file.parentPath, file.name);
    sources.set(relative(root, path), await readFile(path, 'utf8'));
  }
  return sources;
}

const importsFromElectron = (name: string): RegExp => new RegExp(`import\\s*{[^}]*\\b${name}\\b[^}]*}\\s*from\\s*'electron'`);

describe('Electron wiring uses the security policy', () => {
  it('creates windows only in main/window.ts, with the policy webPreferences', async () => {
    const main = await sourcesUnder('main');
    const creators = [...main].filter(([, source]) => source.includes('new BrowserWindow(')).map(([path]) => path);
    expect(creators).toEqual(['main/window.ts']);
    const window = main.get('main/window.ts') ?? '';
    expect(window).toContain('webPreferences: secureWebPreferences(preloadPath)');
    expect(window.match(/webPreferences:/g)).toHaveLength(1);
  });

  it('hardens the session and every web contents at start-up', async () => {
    const index = await readFile(join(root, 'main/index.ts'), 'utf8');
    expect(index).toMatch(/hardenAllContents\(app\)/);
    expect(index).toMatch(/hardenSession\(session\.defaultSession/);
    const harden = await readFile(join(root, 'main/security/harden.ts'), 'utf8');
    expect(harden).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(harden).toContain("'will-navigate', (event) => event.preventDefault()");
    expect(harden).toContain('setPermissionRequestHandler');
    expect(harden).toContain('cancel: !isAllowedRequest(');
  });

  it('keeps ipcMain in one file and ipcRenderer in the preload', async () => {
    const all = new Map([...(await sourcesUnder('main')), ...(await sourcesUnder('preload')), ...(await sourcesUnder('renderer'))]);
    const users = (name: string): string[] => [...all].filter(([, source]) => importsFromElectron(name).test(source)).map(([path]) => path);
    expect(users('ipcMain')).toEqual(['main/ipc/register.ts']);
    expect(users('ipcRenderer')).toEqual(['preload/index.ts']);
  });
});
