import { readFile } from 'node:fs/promises';
import { resolveRendererFile } from './renderer-files';
import { appResponseHeaders } from './security-headers';

const plain = (status: number, text: string): Response =>
  new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });

/**
 * Answers one `app://mindframe/` request from the renderer build in `root`. Every answer, errors
 * included, carries the security headers (CSP first of all); only GET and HEAD are served.
 */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
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
  };
}
