import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/** Electron's BrowserWindow constructor, passed in so tests can capture the options without Electron. */
export type WindowConstructor<W = BrowserWindow> = new (options: BrowserWindowConstructorOptions) => W;

/** Everything a window may choose for itself: size, title, visibility... never its webPreferences. */
export type WindowLayout = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

/**
 * Opens a Mindframe window with the webPreferences of Electron's security checklist: the page runs
 * in a sandboxed, context-isolated renderer without Node (not in workers or sub-frames either),
 * cannot load insecure content, turn on experimental or extra Blink features (`enableBlinkFeatures`
 * is never set) or embed <webview>. The preload is the only bridge. DevTools only in an unpackaged
 * (development) build.
 *
 * The options are written out literally at the `new BrowserWindow` call so that Electronegativity
 * (`npm run lint:security`) can check them too.
 */
export function createSecureWindow<W>(
  BrowserWindow: WindowConstructor<W>,
  layout: WindowLayout,
  preloadPath: string,
  isPackaged: boolean,
): W {
  return new BrowserWindow({
    ...layout,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !isPackaged,
    },
  });
}
