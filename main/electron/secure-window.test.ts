import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createSecureWindow, type WindowLayout } from './secure-window';

/** Stands in for Electron's BrowserWindow: keeps the options it was constructed with. */
class FakeWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const open = (layout: WindowLayout = {}, isPackaged = true) =>
  createSecureWindow(FakeWindow, layout, '/app/dist/preload/index.cjs', isPackaged).options;

describe('createSecureWindow', () => {
  it("applies every webPreferences item of Electron's security checklist", () => {
    const preferences = open().webPreferences;
    expect(preferences).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('turns DevTools off in an installed (packaged) app only', () => {
    expect(open({}, true).webPreferences?.devTools).toBe(false);
    expect(open({}, false).webPreferences?.devTools).toBe(true);
  });

  it('keeps the layout but never lets it replace the webPreferences', () => {
    const sneaky = { width: 900, title: 'X', webPreferences: { sandbox: false, nodeIntegration: true } };
    const options = open(sneaky as WindowLayout);
    expect(options).toMatchObject({ width: 900, title: 'X' });
    expect(options.webPreferences).toMatchObject({ sandbox: true, nodeIntegration: false });
  });
});
