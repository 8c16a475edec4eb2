// The parts of Electron's security checklist that live in wiring only a real Electron run executes
// (main.ts, main-window.ts, preload/index.ts, electron-builder.yml): checked here on the source, so
// removing one of them fails the tests even on a machine without an Electron binary.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Source text without comments (a URL's `//` after a colon stays). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

/** Non-test TypeScript sources under a folder, as [path, code without comments]. */
function sources(folder: string): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name).slice(root.length + 1);
    out.push([path, code(readFileSync(join(root, path), 'utf8'))]);
  }
  return out;
}

/** The `electronFuses:` block of electron-builder.yml as a map (flat `key: value` lines). */
function fuses(): Record<string, string> {
  const lines = read('electron-builder.yml').split('\n');
  const start = lines.indexOf('electronFuses:');
  expect(start, 'electron-builder.yml has an electronFuses block').toBeGreaterThan(-1);
  const block: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const match = /^\s+(\w+):\s*(\S+)\s*$/.exec(line);
    if (match?.[1] && match[2]) block[match[1]] = match[2];
  }
  return block;
}

describe('Electron security checklist', () => {
  it('flips the Electron fuses in the installers', () => {
    expect(fuses()).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

  it('sandboxes every renderer and guards every web contents and session before the app is ready', () => {
    const main = read('main/electron/main.ts');
    const ready = main.indexOf('.whenReady()');
    expect(ready).toBeGreaterThan(-1);
    for (const call of ['app.enableSandbox()', 'registerAppScheme()', 'hardenAllContents(']) {
      const at = main.indexOf(call);
      expect(at, call).toBeGreaterThan(-1);
      expect(at, `${call} runs before whenReady`).toBeLessThan(ready);
    }
    expect(main).toContain('restrictPermissions(session.defaultSession)');
    expect(main).toContain('serveRenderer(rendererRoot)');
    const hardening = read('main/electron/hardening.ts');
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(hardening, event).toContain(`contents.on('${event}'`);
    }
    for (const handler of [
      'setWindowOpenHandler',
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
    ]) {
      expect(hardening, handler).toContain(handler);
    }
  });

  it('loads the renderer from the app:// protocol, never from file://', () => {
    expect(read('main/electron/main-window.ts')).toContain('loadURL(appEntryUrl)');
    for (const [path, text] of sources('main/electron')) {
      expect(text, path).not.toMatch(/loadFile\(|file:\/\//);
    }
  });

  it('opens windows only through createSecureWindow, with no extra Blink features', () => {
    for (const [path, text] of sources('main/electron')) {
      expect(text, path).not.toMatch(
        /enableBlinkFeatures|\bBrowserView\b|\bWebContentsView\b|webviewTag:\s*true/,
      );
      if (path !== 'main/electron/secure-window.ts') expect(text, path).not.toMatch(/new BrowserWindow\b/);
    }
  });

  it('uses no remote module', () => {
    const manifest = JSON.parse(read('package.json')) as Record<string, Record<string, string> | undefined>;
    expect({ ...manifest.dependencies, ...manifest.devDependencies }).not.toHaveProperty('@electron/remote');
    for (const folder of ['main/electron', 'preload', 'renderer/src']) {
      for (const [path, text] of sources(folder)) {
        expect(text, path).not.toMatch(/@electron\/remote|enableRemoteModule|\.remote\b/);
      }
    }
  });

  it('exposes only window.mindframe from the preload, never ipcRenderer itself', () => {
    const preload = read('preload/index.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld(\n  'mindframe',\n  createBridge(ipcRenderer,");
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('checks the sending frame of every IPC call', () => {
    const ipc = read('main/electron/core-ipc.ts');
    expect(ipc).toContain('frameUrl: event.senderFrame?.url ?? null');
    expect(ipc.match(/ipcMain\.(handle|on)\(/g)).toHaveLength(1);
  });
});
