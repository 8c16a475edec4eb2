import { app, shell, type Session, type WebContents } from 'electron';
import { type BlockedReport, guardContents, permissionHandlers } from './content-guard';

export type { BlockedReport } from './content-guard';

/** Connects Electron's WebContents to the guard in content-guard.ts. */
function guardWebContents(contents: WebContents, report: BlockedReport): void {
  guardContents(
    {
      onWillNavigate: (listener) => contents.on('will-navigate', listener),
      onWillFrameNavigate: (listener) => contents.on('will-frame-navigate', listener),
      onWillRedirect: (listener) => contents.on('will-redirect', listener),
      onWillAttachWebview: (listener) => contents.on('will-attach-webview', listener),
      setWindowOpenHandler: (handler) => contents.setWindowOpenHandler(handler),
    },
    { openExternal: (url) => shell.openExternal(url), report },
  );
}

/** Refuses camera, microphone, location, devices... (see permissions.ts for the two exceptions). */
export function restrictPermissions(session: Session): void {
  session.setPermissionRequestHandler(permissionHandlers.request);
  session.setPermissionCheckHandler(permissionHandlers.check);
  session.setDevicePermissionHandler(permissionHandlers.device);
}

/** Call once before any window exists: every web contents and every session ever created is guarded. */
export function hardenAllContents(report: BlockedReport): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, report));
  app.on('session-created', (session) => restrictPermissions(session));
}
