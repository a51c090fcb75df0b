#!/usr/bin/env node
// `npm start`: builds the app and opens it in Electron. Electron 42+ downloads its runtime on first use,
// which fails offline; then this explains how to provide the runtime instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;

const PLATFORM_BINARY = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/** Where the Electron runtime is, if it is there at all. */
function findElectronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : (PLATFORM_BINARY[process.platform] ?? 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative) : join(electronDir, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}

function explainAndExit(reason) {
  const platform = `${process.platform}-${process.arch}`;
  process.stderr.write(`Recondesk cannot start: ${reason}

npm does not install the Electron runtime; Electron ${electronVersion} downloads it on first start, and
that needs the network. To run Recondesk on a machine without it, provide the runtime one of these ways:
  - a mirror you can reach:  ELECTRON_MIRROR=https://mirror.example/electron/ npm start
  - a copy of the runtime:   unzip electron-v${electronVersion}-${platform}.zip somewhere, then
                             ELECTRON_OVERRIDE_DIST_PATH=/that/folder npm start
  - a packaged build of Recondesk (it carries its own runtime).
Everything else works without Electron: npm test, and the command line (npm run --silent recondesk -- --help).
`);
  process.exit(1);
}

let binary = findElectronBinary();
if (!binary && process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  explainAndExit(`ELECTRON_OVERRIDE_DIST_PATH points at ${process.env.ELECTRON_OVERRIDE_DIST_PATH}, which holds no Electron runtime.`);
}
if (!binary) {
  process.stdout.write(`Fetching the Electron ${electronVersion} runtime (first start only)…\n`);
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'pipe', timeout: 300_000 });
  binary = download.status === 0 ? findElectronBinary() : undefined;
  if (!binary) explainAndExit(`the Electron ${electronVersion} runtime is not installed and could not be downloaded.`);
}

const build = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' });
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
