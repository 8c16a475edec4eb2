import { isAppUrl } from './app-origin';

/**
 * Whether a web permission is granted. Everything is refused except writing sanitised text to the
 * clipboard from the app itself, which "copy" buttons need and which cannot read anything back.
 */
export function permissionGranted(permission: string, requestingUrl: string | null | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}
