const maxLength = 2048;

/**
 * The URL to hand to the operating system's browser, or null. Only https links to a named host
 * qualify: no file:, custom schemes or embedded credentials, which could launch local programs or
 * phish with a misleading user@host form.
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
