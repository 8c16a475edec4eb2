import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createSilentLogger, type Core, type Logger } from '../core';
import { registerCallRoute, sendError } from './call-route';
import { registerEventsRoute } from './events-route';
import { registerRestV1 } from './rest-v1';
import type { RateLimitConfig } from './rate-limit';
import { allowedHosts, originAllowed } from './origin';
import { securityHeaders } from './security-headers';
import { registerIpAllowList } from './ip-allow-list';
import { jsonTextDepthExceeds, maxJsonDepth, nestingLimitReason } from '../contract';
import { publicNotFound, registerPublicDoor, type PublicRateLimits } from './public-door';
import { registerStripeWebhook, stripeWebhookPath } from './stripe-webhook';
import { manifestFile, registerBrandManifest } from './brand-manifest';

export interface HostOptions {
  host?: string;
  port?: number;
  /** Binding anything but loopback needs this, on purpose. */
  allowNetwork?: boolean;
  /** Extra host names (without port) the server answers to, e.g. an office server's DNS name. */
  extraHosts?: string[];
  /** The built renderer; when missing, the API still works and `/` explains how to build it. */
  staticDir?: string;
  bodyLimit?: number;
  /** Rate limits of /api/call and /api/v1 (defaults in rate-limit.ts). */
  rateLimits?: Partial<RateLimitConfig>;
  /** Where failed requests are logged (the core's logger in `serve`). */
  logger?: Logger;
  /** The widget build (dist/widget: widget.js, chat.html) the public door serves. */
  widgetDir?: string;
  /** Rate limits of the public door (defaults in public-door.ts). */
  publicRateLimits?: Partial<PublicRateLimits>;
}

export interface RunningHost {
  app: FastifyInstance;
  url: string;
  port: number;
  close(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

/** Vite's output under assets/ carries a content hash in its name (`assets/index-B0MyLgk1.js`). */
const hashedAsset = /^assets[\\/][^\\/]+-[\w-]{8}\.\w+(\.br|\.gz)?$/;

/**
 * The Cache-Control of a file of the renderer, by its path inside the static folder. Hashed assets
 * never change under their name: cached for a year without asking again. Everything else (index.html,
 * which names the current hashes; the favicon) is revalidated on every load.
 */
export function staticCacheControl(path: string): string {
  return hashedAsset.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function startHost(core: Core, options: HostOptions = {}): Promise<RunningHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createSilentLogger();
  if (!loopback.has(bindHost) && !options.allowNetwork) {
    throw new Error(`Refusing to listen on ${bindHost}: serving beyond this computer needs --allow-network.`);
  }
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 1024 * 1024, trustProxy: false });
  let hosts = new Set<string>();

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.addHook('onRequest', securityHeaders);
  registerIpAllowList(app, core);
  app.addHook('onRequest', async (request, reply) => {
    // the public door answers other sites by the channel's allowed origins (public-door.ts)
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/public/')) return;
    // Stripe's servers send no Origin; the webhook is verified by its signature instead
    if (request.url.split('?')[0] === stripeWebhookPath) return;
    const origin = request.headers.origin;
    if (!originAllowed(origin, request.headers.host, hosts)) {
      core.guard.signal({
        kind: 'origin_failure',
        tenantId: null,
        ip: request.ip,
        details: { origin: origin?.slice(0, 200) ?? null, host: request.headers.host?.slice(0, 200) ?? null },
      });
      return sendError(reply, {
        code: 'FORBIDDEN',
        message: 'Requests from another site or host name are refused.',
        reason: 'other_site',
      });
    }
  });

  // JSON bodies nested deeper than any real input are refused before they are parsed
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonTextDepthExceeds(body as string)) {
      done(
        Object.assign(new Error(`Nested deeper than ${maxJsonDepth} levels`), {
          statusCode: 400,
          reason: nestingLimitReason,
        }),
      );
      return;
    }
    parseJson(request, body as string, done);
  });

  app.setErrorHandler(
    (error: { statusCode?: number; code?: string; message: string; reason?: string }, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413)
        return sendError(reply, {
          code: 'VALIDATION',
          message: 'The request body is too large.',
          reason: 'request_too_large',
        });
      if (status >= 400 && status < 500) {
        return sendError(reply, {
          code: 'VALIDATION',
          message: `The request could not be read: ${error.message}`,
          reason: error.reason ?? 'request_unreadable',
        });
      }
      logger.error({ err: error }, 'http request failed');
      return sendError(reply, {
        code: 'INTERNAL',
        message: 'Something went wrong inside Mindframe. The details were logged.',
      });
    },
  );

  registerCallRoute(app, core);
  registerEventsRoute(app, core);
  registerRestV1(app, core, options.rateLimits ? { rateLimits: options.rateLimits } : {});
  await registerStripeWebhook(app, core);
  app.get('/api/v1/health', async (_request, reply) => {
    const health = core.health();
    return reply.status(health.status === 'unhealthy' ? 503 : 200).send({
      status: health.status,
      database: health.database,
      score: health.score,
      version: core.appVersion,
      checkedAt: health.checkedAt,
    });
  });

  await registerPublicDoor(app, core, {
    ...(options.widgetDir ? { widgetDir: options.widgetDir } : {}),
    ...(options.publicRateLimits ? { rateLimits: options.publicRateLimits } : {}),
  });

  const staticDir = options.staticDir;
  const hasRenderer = staticDir !== undefined && existsSync(join(staticDir, 'index.html'));
  // the installed app's name and colour are the brand's (white label): served, not the built file
  if (hasRenderer && existsSync(join(staticDir, manifestFile))) registerBrandManifest(app, core, staticDir);
  if (hasRenderer)
    await app.register(fastifyStatic, {
      root: staticDir,
      index: ['index.html'],
      wildcard: false,
      // the build writes name.br and name.gz beside each file (scripts/precompress.mjs): sent when the
      // request's Accept-Encoding allows, with Vary: Accept-Encoding; never served under their own names
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz', `**/${manifestFile}`],
      cacheControl: false,
      setHeaders: (reply, path) =>
        reply.header('cache-control', staticCacheControl(relative(staticDir, path))),
    });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return sendError(reply, {
        code: 'NOT_FOUND',
        message: `No such route: ${request.method} ${request.url.split('?')[0]}`,
      });
    }
    // a chunk this build does not have (an old page asking for an old hash) is missing, not the app page
    if (request.url.startsWith('/assets/')) return reply.code(404).type('text/plain').send('Not found');
    if (!hasRenderer) {
      return reply
        .type('text/plain')
        .send('The Mindframe UI is not built yet. Run `npm run build`, then reload.');
    }
    return reply.sendFile('index.html');
  });

  await app.listen({ host: bindHost, port: options.port ?? 4870 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 4870);
  hosts = allowedHosts(bindHost, port, options.allowNetwork ?? false, options.extraHosts);
  const shownHost =
    bindHost === '0.0.0.0' || bindHost === '::'
      ? '127.0.0.1'
      : bindHost.includes(':')
        ? `[${bindHost}]`
        : bindHost;
  return { app, port, url: `http://${shownHost}:${port}`, close: () => app.close() };
}

export interface PublicHostOptions {
  host?: string;
  port: number;
  /** The widget build (dist/widget) the public door serves. */
  widgetDir?: string;
  rateLimits?: Partial<PublicRateLimits>;
  /**
   * Behind a reverse proxy on this computer (Caddy, nginx): the client's address is taken from its
   * X-Forwarded-For, so rate limits count customers, not the proxy. Only a loopback proxy is believed.
   */
  behindProxy?: boolean;
  logger?: Logger;
}

/**
 * The public listener of `serve --public-port`: only the public door (`/api/public/*`, `/c/*`,
 * `/widget.js`), so the admin UI can stay on loopback while customers reach the widget. It answers
 * nothing else: no app, no `/api/call`, no `/api/v1`, no events. The installation's IP allow-list
 * (for people of the business) does not apply: customers come from anywhere.
 */
export async function startPublicHost(core: Core, options: PublicHostOptions): Promise<RunningHost> {
  const logger = options.logger ?? createSilentLogger();
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    trustProxy: options.behindProxy ? ['127.0.0.1', '::1'] : false,
  });
  app.addHook('onRequest', securityHeaders);
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return reply.status(status).send({ error: { code: 'VALIDATION', reason: 'invalid_request' } });
    logger.error({ err: error }, 'public request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', reason: 'internal' } });
  });
  await registerPublicDoor(app, core, {
    ...(options.widgetDir ? { widgetDir: options.widgetDir } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  // Stripe reaches a public address: its webhook is served here too
  await registerStripeWebhook(app, core);
  app.setNotFoundHandler(publicNotFound);
  const bindHost = options.host ?? '127.0.0.1';
  await app.listen({ host: bindHost, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost =
    bindHost === '0.0.0.0' || bindHost === '::'
      ? '127.0.0.1'
      : bindHost.includes(':')
        ? `[${bindHost}]`
        : bindHost;
  return { app, port, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
