import { securityHeaders } from '../contract';

/** Headers on every `app://` answer: the same set the served host sends. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    ...securityHeaders,
    'Content-Type': contentType,
    // index.html must be re-read after an update; hashed assets are cheap to read from disk anyway
    'Cache-Control': 'no-cache',
  };
}
