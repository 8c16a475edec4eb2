import { statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isAppUrl } from './app-origin';

export type RendererFile =
  { kind: 'file'; path: string; contentType: string } | { kind: 'not-found' } | { kind: 'forbidden' };

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function isFileOnDisk(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The path a URL names inside `root`, or null when it is malformed or would leave the folder. */
export function pathInsideRoot(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows, and NUL truncates paths in native code.
  if (decoded.includes('\\') || decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`));
  const rel = relative(base, target);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return target;
}

/**
 * What an `app://` request should answer from the built renderer. A path without an extension is a
 * client-side route and gets index.html (SPA fallback); a missing asset stays a 404 so a broken
 * build shows up as an error rather than as HTML parsed as JavaScript.
 */
export function resolveRendererFile(
  root: string,
  requestUrl: string,
  isFile: (path: string) => boolean = isFileOnDisk,
): RendererFile {
  if (!isAppUrl(requestUrl)) return { kind: 'forbidden' };
  const { pathname } = new URL(requestUrl);
  const target = pathInsideRoot(root, pathname);
  if (target === null) return { kind: 'forbidden' };
  if (isFile(target)) return { kind: 'file', path: target, contentType: contentTypeFor(target) };
  const index = join(resolve(root), 'index.html');
  if (extname(target) === '' && isFile(index))
    return { kind: 'file', path: index, contentType: contentTypeFor(index) };
  return { kind: 'not-found' };
}
