/** The renderer is served from this origin; nothing else may reach the core. */
export const appScheme = 'app';
export const appHost = 'mindframe';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

function parse(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL on the app's own origin. Scheme and host are compared instead of `URL.origin`,
 * which is "null" for schemes Node does not know.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${appScheme}:` &&
    parsed.host.toLowerCase() === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
