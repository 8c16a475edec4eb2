const maxLength = 2048;

/**
 * The URL to hand to the operating system's browser, or null. Only https links to a named host
 * qualify: no file:, custom schemes or embedded credentials, which could launch local programs or
 * phish with a misleading user@host form.
 *
 * Any https host, not a fixed list: the danger of `shell.openExternal` is a URL that starts a local
 * program (file:, smb:, ms-msdt:, custom protocol handlers), which https never does; it only opens
 * the user's browser, with its own protections. The app links to hosts it cannot list in advance
 * (a provider's console, a self-hosted endpoint, a webhook's documentation), and the only pages
 * that can ask are the app's own (sandboxed, CSP without remote origins, navigation locked to app://).
 */
export function externalHttpsUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > maxLength) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '')
    return null;
  return url.href;
}
