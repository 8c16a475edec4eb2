import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { externalHttpsUrl } from './external-url';
import { permissionGranted } from './permissions';

export type BlockedReport = (what: string, url: string) => void;

/** No navigation away from the app, no new windows, no <webview>: for every web contents ever created. */
function guardWebContents(contents: WebContents, report: BlockedReport): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    report('webview', '');
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    report('navigation', event.url);
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    report('redirect', event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalHttpsUrl(url);
    if (external) {
      shell
        .openExternal(external)
        .catch((error: unknown) => report(`external link (${String(error)})`, external));
    } else {
      report('window.open', url);
    }
    return { action: 'deny' };
  });
}

/** Refuses camera, microphone, location, notifications, devices... (see permissions.ts for the one exception). */
export function restrictPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionGranted(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionGranted(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}

/** Call once before any window exists. */
export function hardenAllContents(report: BlockedReport): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, report));
  app.on('session-created', (session) => restrictPermissions(session));
}
