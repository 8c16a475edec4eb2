import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { appScheme } from './app-origin';
import { resolveRendererFile } from './renderer-files';
import { appResponseHeaders } from './security-headers';

/**
 * Must run before `app` is ready: a standard, secure scheme gets an origin, fetch and storage.
 * `corsEnabled` stays off on purpose: it would let other origins read app:// responses.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const plain = (status: number, text: string): Response =>
  new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });

/** Serves the built renderer on `app://mindframe/` with the same security headers as the served host. */
export function serveRenderer(root: string): void {
  protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
    const file = resolveRendererFile(root, request.url);
    if (file.kind === 'forbidden') return plain(403, 'Forbidden.');
    if (file.kind === 'not-found') {
      return plain(
        404,
        `Not found: ${new URL(request.url).pathname}. If this is a fresh checkout, run \`npm run build\`.`,
      );
    }
    try {
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file.path));
      return new Response(body, { status: 200, headers: appResponseHeaders(file.contentType) });
    } catch {
      return plain(404, 'Not found.');
    }
  });
}
