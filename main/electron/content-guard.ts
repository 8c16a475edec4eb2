import { isAppUrl } from './app-origin';
import { externalHttpsUrl } from './external-url';
import { permissionGranted } from './permissions';

export type BlockedReport = (what: string, url: string) => void;

interface PreventableEvent {
  preventDefault(): void;
}
interface NavigationEvent extends PreventableEvent {
  url: string;
  /** Set on will-frame-navigate, which fires for the main frame too (will-navigate reports that one). */
  isMainFrame?: boolean;
}
type WindowOpenAnswer = { action: 'deny' };

/**
 * The parts of a WebContents the guard hooks (hardening.ts connects Electron's WebContents; tests
 * use a fake). Kept this small so every listener below can be exercised without Electron.
 */
export interface GuardedContents {
  onWillNavigate(listener: (event: NavigationEvent) => void): void;
  onWillFrameNavigate(listener: (event: NavigationEvent) => void): void;
  onWillRedirect(listener: (event: NavigationEvent) => void): void;
  onWillAttachWebview(listener: (event: PreventableEvent) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenAnswer): void;
}

export interface GuardOptions {
  openExternal: (url: string) => Promise<void>;
  report: BlockedReport;
}

/**
 * No navigation or redirect away from the app origin (main frame or any sub-frame), no <webview>,
 * and no new windows: `window.open` and target=_blank links are always denied; a plain https link
 * (see external-url.ts) goes to the user's browser instead.
 */
export function guardContents(contents: GuardedContents, { openExternal, report }: GuardOptions): void {
  const stayOnApp = (what: string) => (event: NavigationEvent) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    if (what !== 'frame navigation' || !event.isMainFrame) report(what, event.url);
  };
  contents.onWillNavigate(stayOnApp('navigation'));
  contents.onWillFrameNavigate(stayOnApp('frame navigation'));
  contents.onWillRedirect(stayOnApp('redirect'));
  contents.onWillAttachWebview((event) => {
    event.preventDefault();
    report('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalHttpsUrl(url);
    if (external) {
      openExternal(external).catch((error: unknown) => report(`external link (${String(error)})`, external));
    } else {
      report('window.open', url);
    }
    return { action: 'deny' };
  });
}

/** The handlers a session gets (see permissions.ts for the two permissions the app's own pages keep). */
export const permissionHandlers = {
  request(
    _contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl?: string },
  ): void {
    callback(permissionGranted(permission, details.requestingUrl));
  },
  check(_contents: unknown, permission: string, requestingOrigin: string): boolean {
    return permissionGranted(permission, requestingOrigin);
  },
  /** WebHID, WebUSB, Web Serial: never. */
  device(): boolean {
    return false;
  },
};
