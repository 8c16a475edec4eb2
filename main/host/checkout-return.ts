// The desktop's loopback return page for Stripe (issue 16). The desktop's own pages are app:// URLs,
// which Stripe cannot send a customer back to, so Checkout and the billing portal open in the system
// browser and return to a tiny page on 127.0.0.1 (as native apps do for OAuth, RFC 8252 §7.3) that
// says "you can close this tab". The app learns the outcome from Stripe itself (polling), never from
// this page: it reads nothing, keeps nothing and echoes nothing of the request.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { languages, type Language } from '../contract';
import { translator } from '../core';

/** The pages and the texts they say (keys under billing.returnPage in the app's catalogue). */
const pages: Record<string, 'success' | 'cancelled' | 'portal'> = {
  '/billing/success': 'success',
  '/billing/cancelled': 'cancelled',
  '/billing/portal-return': 'portal',
};

/** The server closes after this long without a request or an ask for its origin. */
export const checkoutReturnIdleMs = 30 * 60_000;

const style =
  'body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;' +
  'font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f7f9;color:#1f2933}' +
  'main{max-width:32rem;margin:1.5rem;padding:2rem;background:#fff;border-radius:12px;' +
  'box-shadow:0 1px 3px rgba(0,0,0,.12)}h1{font-size:1.4rem;margin:0 0 .75rem}p{line-height:1.5;margin:0}' +
  '@media (prefers-color-scheme:dark){body{background:#111418;color:#e4e7eb}main{background:#1c2127}}';
const styleHash = createHash('sha256').update(style).digest('base64');

/** The page's headers: nothing loads but its own inline style; never cached, framed or referred. */
export const checkoutReturnHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const isLanguage = (value: string | null | undefined): value is Language =>
  (languages as readonly string[]).includes(value ?? '');

/** The page's language: the one the app asked for (`lang`), else the browser's, else English. */
function languageOf(url: URL, acceptLanguage: string | undefined): Language {
  const asked = url.searchParams.get('lang');
  if (isLanguage(asked)) return asked;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    const base = tag.split('-')[0];
    if (isLanguage(base)) return base;
    // Norwegian without a written standard, or nynorsk: bokmål is the app's Norwegian
    if (base === 'no' || base === 'nn') return 'nb';
  }
  return 'en';
}

/** The page for a path in a language (null: no such page). Only which page, never what was asked. */
export function checkoutReturnPage(
  path: string,
  language: Language,
  planChange = false,
): { html: string } | null {
  const page = pages[path];
  if (!page) return null;
  const which = page === 'success' && planChange ? 'changed' : page;
  const t = translator(language);
  const title = escapeHtml(t(`billing.returnPage.${which}.title`));
  const body = escapeHtml(t(`billing.returnPage.${which}.body`));
  const html =
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${title}</title><style>${style}</style></head>` +
    `<body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;
  return { html };
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, {
      Allow: 'GET, HEAD',
      'Content-Type': 'text/plain; charset=utf-8',
      ...checkoutReturnHeaders,
    });
    response.end('Method Not Allowed');
    return;
  }
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://127.0.0.1');
  } catch {
    url = new URL('http://127.0.0.1/');
  }
  const page = checkoutReturnPage(
    url.pathname,
    languageOf(url, request.headers['accept-language']),
    url.searchParams.has('changed'),
  );
  if (!page) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...checkoutReturnHeaders });
    response.end(method === 'HEAD' ? undefined : 'Not Found');
    return;
  }
  const body = Buffer.from(page.html, 'utf8');
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
    ...checkoutReturnHeaders,
  });
  response.end(method === 'HEAD' ? undefined : body);
}

export interface CheckoutReturnServer {
  /** Starts the page when it is not running (127.0.0.1, a free port) and answers its origin. */
  origin(): Promise<string>;
  /** Whether it listens now. */
  readonly running: boolean;
  stop(): Promise<void>;
}

/**
 * The return page, started on demand and closed after `idleMs` without a request or an ask for its
 * origin (a Checkout left open longer finds it closed; the app still learns the outcome from Stripe).
 */
export function checkoutReturnServer(options: { idleMs?: number } = {}): CheckoutReturnServer {
  const idleMs = options.idleMs ?? checkoutReturnIdleMs;
  let server: Server | null = null;
  let starting: Promise<string> | null = null;
  let current: string | null = null;
  let idle: NodeJS.Timeout | null = null;

  const close = async () => {
    if (idle) clearTimeout(idle);
    idle = null;
    const closing = server;
    server = null;
    current = null;
    starting = null;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  const touch = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => void close(), idleMs);
    idle.unref();
  };

  const start = () =>
    new Promise<string>((resolve, reject) => {
      const created = createServer((request, response) => {
        touch();
        answer(request, response);
      });
      created.keepAliveTimeout = 5_000;
      created.requestTimeout = 10_000;
      created.once('error', reject);
      created.listen({ host: '127.0.0.1', port: 0 }, () => {
        created.off('error', reject);
        created.unref();
        server = created;
        current = `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
        resolve(current);
      });
    });

  return {
    async origin() {
      touch();
      if (current) return current;
      starting ??= start().catch((error: unknown) => {
        starting = null;
        throw error;
      });
      return starting;
    },
    get running() {
      return server !== null;
    },
    stop: close,
  };
}
