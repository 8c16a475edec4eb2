import { isAppUrl } from './app-origin';

/** What the app's own pages may use: copying text and showing the Guardian's desktop notifications. */
const granted = new Set(['clipboard-sanitized-write', 'notifications']);

/**
 * Whether a web permission is granted. Everything is refused except what the app's own pages
 * need: writing sanitised text to the clipboard (copy buttons, which cannot read anything back)
 * and desktop notifications for incidents and approvals.
 */
export function permissionGranted(permission: string, requestingUrl: string | null | undefined): boolean {
  return granted.has(permission) && isAppUrl(requestingUrl);
}
