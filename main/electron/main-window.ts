import { app, BrowserWindow, screen } from 'electron';
import { appEntryUrl } from './app-origin';
import { productName } from './data-dir';
import { createSecureWindow } from './secure-window';
import { initialBounds, minimumWindowSize } from './window-bounds';
import type { WindowStateStore } from './window-state-store';

export interface MainWindowOptions {
  preloadPath: string;
  state: WindowStateStore;
  onLoadFailed: (url: string, reason: string) => void;
}

export function createMainWindow({ preloadPath, state, onLoadFailed }: MainWindowOptions): BrowserWindow {
  const saved = state.load();
  const window = createSecureWindow(
    BrowserWindow,
    {
      ...initialBounds(
        saved,
        screen.getAllDisplays().map((display) => display.workArea),
      ),
      minWidth: minimumWindowSize.width,
      minHeight: minimumWindowSize.height,
      title: productName,
      show: false,
    },
    preloadPath,
    app.isPackaged,
  );
  if (saved?.maximized) window.maximize();

  // shown once painted, so no white flash; shown on a failed load too, so it never stays invisible
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, code, reason, url, isMainFrame) => {
    if (!isMainFrame) return;
    onLoadFailed(url, `${reason} (${code})`);
    if (!window.isVisible()) window.show();
  });
  window.on('close', () => state.save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }));

  void window.loadURL(appEntryUrl).catch(() => {
    // did-fail-load reports it
  });
  return window;
}

export function focus(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
