// Electron entry (bundled to dist/electron/main.cjs). The only code that imports 'electron' lives
// in this folder; everything that can be tested without Electron sits in the files beside it.
import { app, BrowserWindow, dialog, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCore,
  createFileLogger,
  findAppRoot,
  installProcessHandlers,
  type Core,
  type Logger,
} from '../core';
import { checkoutReturnServer, type CheckoutReturnServer } from '../host/checkout-return';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerCoreIpc } from './core-ipc';
import { dataDirOverride, defaultDesktopDataDir, productName } from './data-dir';
import { hardenAllContents, restrictPermissions } from './hardening';
import { createIpcCallHandler } from './ipc-call';
import { createMainWindow, focus } from './main-window';
import { electronNativeBinding } from './native-binding';
import { SessionRegistry } from './session-registry';
import { startPublicListenerController, type PublicListenerController } from './public-listener';
import { describeStartupError } from './startup-error';
import { openWindowStateStore, type WindowStateStore } from './window-state-store';

const rendererRoot = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');

let core: Core | null = null;
let logger: Logger | null = null;
let mainWindow: BrowserWindow | null = null;
let sessions: SessionRegistry | null = null;
let publicListener: PublicListenerController | null = null;
let checkoutReturn: CheckoutReturnServer | null = null;

// Before anything reads a path: the data folder decides the single-instance lock and the profile.
app.setName(productName);
app.setPath(
  'userData',
  dataDirOverride(process.argv, process.env) ?? defaultDesktopDataDir(app.getPath('appData')),
);
if (process.platform === 'win32') app.setAppUserModelId('no.mindframe.controlcenter');
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // another Mindframe owns this data folder; it focuses its window on 'second-instance'
  app.quit();
} else {
  hardenAllContents((what, url) => logger?.warn({ what, url }, 'blocked'));
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) focus(mainWindow);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', stopCore);
  app
    .whenReady()
    .then(startDesktop)
    .catch((error: unknown) => failStartup(error));
}

async function startDesktop(): Promise<void> {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  logger = createFileLogger(dataDir);
  const nativeBinding = electronNativeBinding({
    appRoot: findAppRoot(__dirname),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  core = createCore({
    dataDir,
    logger,
    lock: { command: 'desktop app' },
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  core.start();
  // Stripe sends the customer back to http(s) pages only: Checkout and the billing portal open in
  // the system browser and return to a loopback page (started when asked, closed when idle)
  const returnPage = checkoutReturnServer();
  checkoutReturn = returnPage;
  core.setCheckoutReturnOrigin(() => returnPage.origin());
  // the desktop app keeps its window up after an unexpected error; it is recorded and shown in Logs
  installProcessHandlers(core, { exitOnUncaught: false });

  const running = core;
  const log = logger;
  restrictPermissions(session.defaultSession);
  serveRenderer(rendererRoot);
  sessions = new SessionRegistry((token, listener) => running.events.subscribe(token, listener));
  registerCoreIpc(
    createIpcCallHandler(running.dispatch, sessions, (frameUrl) =>
      log.warn({ frameUrl }, 'refused IPC call from a foreign frame'),
    ),
    sessions,
  );

  // the channels' public door on a port of its own, as the installation's setting says (issue 13);
  // a port that does not open is reported in the setting's card, never a failed start
  publicListener = await startPublicListenerController(running, {
    widgetDir: join(__dirname, '..', 'widget'),
    logger: log,
  });

  const state = await openWindowStateStore((error) => log.warn({ err: error }, 'window state not stored'));
  openMainWindow(state);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow(state);
  });
}

function openMainWindow(state: WindowStateStore): void {
  mainWindow = createMainWindow({
    preloadPath,
    state,
    onLoadFailed: (url, reason) => logger?.error({ url, reason }, 'window failed to load'),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function stopCore(): void {
  sessions?.forgetAll();
  void publicListener?.stop().catch((error: unknown) => logger?.warn({ err: error }, 'public listener'));
  publicListener = null;
  void checkoutReturn?.stop();
  checkoutReturn = null;
  try {
    core?.stop();
  } catch (error) {
    logger?.error({ err: error }, 'core did not stop cleanly');
  }
  core = null;
}

function failStartup(error: unknown): void {
  const problem = describeStartupError(error, {
    dataDir: app.getPath('userData'),
    isPackaged: app.isPackaged,
  });
  logger?.error({ err: error }, 'desktop start failed');
  console.error(`${problem.title}: ${problem.message}`);
  dialog.showErrorBox(problem.title, problem.message);
  stopCore();
  app.exit(1);
}
