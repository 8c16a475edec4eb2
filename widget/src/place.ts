/** Where the widget is: its channel on the hosted page, and the API's origin. */

/** The channel of the hosted page from its path, `/c/<publicId>` (a trailing slash allowed). */
export function publicIdFromPath(pathname: string): string | null {
  const match = /^\/c\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    const id = decodeURIComponent(match[1]!);
    return /^[\w-]{1,128}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** The origin of the public API: the origin the script was loaded from. */
export function apiOrigin(scriptSrc: string, pageUrl: string): string {
  return new URL(scriptSrc, pageUrl).origin;
}
