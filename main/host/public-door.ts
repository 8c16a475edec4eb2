import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Core, PublicChannel, PublicRefusal } from '../core';
import { jsonTextDepthExceeds, type ErrorCode } from '../contract';
import { RateLimiter } from './rate-limit';
import { registerPublicVoice } from './public-voice';

/**
 * The public door of the channels (issue 13; docs/ARCHITECTURE.md "The public door"): what a
 * business's customers reach, without an app session.
 *
 *   GET  /api/public/channels/:publicId                                      the widget's settings
 *   POST /api/public/channels/:publicId/messages                             a message in, the replies out
 *   POST /api/public/channels/:publicId/messages/stream                      the same as server-sent events
 *   GET  /api/public/channels/:publicId/conversations/:conversationId        the visitor's own conversation
 *   POST /api/public/channels/:publicId/conversations/:conversationId/rating thumbs up or down
 *   POST /api/public/channels/:publicId/voice                                a recording in, transcript and replies out (public-voice.ts)
 *   GET  /api/public/channels/:publicId/audio/:clipId                        a spoken reply, once, for its visitor
 *   GET  /c/:publicId                                                        the hosted chat page (dist/widget/chat.html)
 *   GET  /widget.js                                                          the embeddable script (dist/widget/widget.js)
 *
 * CORS only for the channel's allowed origins (and the door's own origin: the hosted page); a
 * request without an Origin header (a server) is allowed. Rate limits per visitor token, per IP and
 * per channel; bodies are capped. Errors are `{ "error": { "code", "reason" } }`, never a stack; a
 * conversation the visitor's token does not own is 404, like one that does not exist.
 */

export interface PublicRateLimits {
  /** Public API requests a minute per IP address (every route). */
  perIpPerMinute: number;
  /** Messages, ratings and voice a minute per visitor token. */
  perVisitorPerMinute: number;
  /** Messages and voice a minute per channel, over all its visitors. */
  perChannelPerMinute: number;
  /** How much of a minute's allowance may arrive at once, as a fraction of the per-minute rate. */
  burstFraction: number;
}

export const defaultPublicRateLimits: PublicRateLimits = {
  perIpPerMinute: 120,
  perVisitorPerMinute: 20,
  perChannelPerMinute: 600,
  burstFraction: 1 / 2,
};

export interface PublicDoorOptions {
  /** Where dist/widget/{widget.js,chat.html} are; the routes answer 404 while the files are missing. */
  widgetDir?: string;
  rateLimits?: Partial<PublicRateLimits>;
}

/** A message body: a 4,000-character message is at most 16 KB of UTF-8, and its JSON wrapping is small. */
export const messageBodyLimit = 32 * 1024;
/** A voice message (push to talk): at most 2 MB of audio. */
export const voiceBodyLimit = 2 * 1024 * 1024;

const statusOf: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 402,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The public API's error answer. */
export function sendPublicError(
  reply: FastifyReply,
  error: Pick<PublicRefusal, 'code' | 'reason'> & { retryAfterSeconds?: number },
  status = statusOf[error.code],
): FastifyReply {
  if (error.retryAfterSeconds) reply.header('Retry-After', String(error.retryAfterSeconds));
  return reply
    .status(status)
    .header('Cache-Control', 'no-store')
    .send({ error: { code: error.code, reason: error.reason } });
}

/** The Origin of a request that this door itself served (the hosted page calls its own API). */
function ownOrigin(request: FastifyRequest): string[] {
  const host = request.headers.host;
  return host ? [`http://${host}`.toLowerCase(), `https://${host}`.toLowerCase()] : [];
}

/** Whether a request's Origin may call this channel: none (a server), the door's own, or an allowed one. */
function originAllowed(request: FastifyRequest, channel: PublicChannel): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const lower = origin.toLowerCase();
  return channel.allowedOrigins.includes(lower) || ownOrigin(request).includes(lower);
}

function corsHeaders(reply: FastifyReply, origin: string | undefined): void {
  reply.header('Vary', 'Origin');
  if (origin === undefined) return;
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  reply.header('Access-Control-Allow-Headers', 'content-type, x-visitor-token, accept');
  reply.header('Access-Control-Max-Age', '600');
  // the answers are read by other sites' pages on purpose (CORS decides which)
  reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
}

/** The frame-ancestors of the hosted page: the channel's allowed origins, or none. */
export function frameAncestors(origins: readonly string[]): string {
  return origins.length > 0 ? `frame-ancestors 'self' ${origins.join(' ')}` : "frame-ancestors 'self'";
}

/** The hosted chat page's CSP: its own script and API, any https logo, and only the allowed frames. */
function pagePolicy(origins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https: http:",
    "connect-src 'self'",
    "media-src 'self' blob: data:",
    "base-uri 'none'",
    "form-action 'none'",
    frameAncestors(origins),
  ].join('; ');
}

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
}

/** Files of the widget build, read again when they change (a rebuild while serving). */
function fileCache() {
  const files = new Map<string, CachedFile | null>();
  return (path: string): Buffer | null => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      files.delete(path);
      return null;
    }
    const cached = files.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached.body;
    const body = readFileSync(path);
    files.set(path, { mtimeMs, body });
    return body;
  };
}

type ChannelParams = { publicId: string };
type ConversationParams = { publicId: string; conversationId: string };

/**
 * Registers the public door on `app` (the app's listener, or the public listener of
 * `serve --public-port`), in a scope of its own: its error format, body limits and headers.
 */
export async function registerPublicDoor(
  app: FastifyInstance,
  core: Core,
  options: PublicDoorOptions = {},
): Promise<void> {
  const limits: PublicRateLimits = { ...defaultPublicRateLimits, ...options.rateLimits };
  const limiter = new RateLimiter();
  const read = fileCache();
  const { publicDoor, guard } = core;
  /** minute last reported per bucket kind and IP, so a burst is one security signal */
  const reported = new Map<string, number>();

  const take = (request: FastifyRequest, bucket: string, perMinute: number) => {
    const decision = limiter.take(bucket, perMinute, Math.max(1, perMinute * limits.burstFraction));
    if (decision.allowed) return null;
    const minute = Math.floor(Date.now() / 60_000);
    const key = `${bucket.split(':')[0]}:${request.ip}`;
    if (reported.get(key) !== minute) {
      if (reported.size > 10_000) reported.clear();
      reported.set(key, minute);
      guard.signal({
        kind: 'rate_limited',
        tenantId: null,
        ip: request.ip,
        details: {
          bucket: `public-${bucket.split(':')[0]}`,
          limitPerMinute: perMinute,
          path: request.url.split('?')[0]!.slice(0, 200),
        },
      });
    }
    return decision.retryAfterSeconds;
  };

  await app.register(async (scope) => {
    // JSON bodies of the public API: nesting is refused before parsing (as on the app's door)
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = body as string;
      if (jsonTextDepthExceeds(text)) {
        done(Object.assign(new Error('Nested too deep'), { statusCode: 400 }));
        return;
      }
      try {
        done(null, text.length === 0 ? undefined : (JSON.parse(text) as unknown));
      } catch {
        done(Object.assign(new Error('Not JSON'), { statusCode: 400 }));
      }
    });
    // audio of the voice route is read as it is
    scope.addContentTypeParser(
      /^audio\//,
      { parseAs: 'buffer', bodyLimit: voiceBodyLimit },
      (_r, body, done) => done(null, body),
    );

    scope.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413)
        return sendPublicError(reply, { code: 'VALIDATION', reason: 'body_too_large' }, 413);
      if (status === 415)
        return sendPublicError(reply, { code: 'VALIDATION', reason: 'unsupported_media_type' }, 415);
      if (status >= 400 && status < 500)
        return sendPublicError(reply, { code: 'VALIDATION', reason: 'invalid_body' });
      request.log.error({ err: error }, 'public request failed');
      return sendPublicError(reply, { code: 'INTERNAL', reason: 'internal' });
    });

    // every public API request: the IP's allowance, the channel, CORS
    scope.addHook('onRequest', async (request, reply) => {
      const retry = take(request, `ip:${request.ip}`, limits.perIpPerMinute);
      if (retry !== null)
        return sendPublicError(reply, {
          code: 'RATE_LIMITED',
          reason: 'rate_limited',
          retryAfterSeconds: retry,
        });
      const { publicId } = (request.params ?? {}) as Partial<ChannelParams>;
      const channel = publicId ? publicDoor.channel(publicId) : null;
      if (!channel) return sendPublicError(reply, { code: 'NOT_FOUND', reason: 'channel_not_found' });
      if (!originAllowed(request, channel)) {
        guard.signal({
          kind: 'origin_failure',
          tenantId: null,
          ip: request.ip,
          details: {
            origin: request.headers.origin?.slice(0, 200) ?? null,
            path: request.url.split('?')[0]!.slice(0, 200),
          },
        });
        reply.header('Vary', 'Origin');
        return sendPublicError(reply, { code: 'FORBIDDEN', reason: 'origin_not_allowed' });
      }
      corsHeaders(reply, request.headers.origin);
      reply.header('Cache-Control', 'no-store');
    });

    const base = '/api/public/channels/:publicId';
    scope.options(`${base}`, async (_request, reply) => reply.status(204).send());
    scope.options(`${base}/*`, async (_request, reply) => reply.status(204).send());

    scope.get<{ Params: ChannelParams }>(base, async (request, reply) => {
      const channel = publicDoor.channel(request.params.publicId)!;
      return reply.send(channel.settings);
    });

    /** The visitor's and the channel's allowance for a message; the retry time when refused. */
    const messageAllowance = (request: FastifyRequest, publicId: string, visitorToken: unknown) => {
      if (typeof visitorToken === 'string' && visitorToken.length > 0 && visitorToken.length <= 200) {
        const retry = take(request, `visitor:${publicId}:${visitorToken}`, limits.perVisitorPerMinute);
        if (retry !== null) return retry;
      }
      return take(request, `channel:${publicId}`, limits.perChannelPerMinute);
    };

    /** The body with the visitor token from the header when the body has none. */
    const messageInput = (request: FastifyRequest): unknown => {
      const body = request.body;
      const header = request.headers['x-visitor-token'];
      if (body && typeof body === 'object' && !Array.isArray(body) && typeof header === 'string') {
        const record = body as Record<string, unknown>;
        if (record.visitorToken === undefined) return { ...record, visitorToken: header };
      }
      return body;
    };

    const tokenOf = (input: unknown): unknown =>
      input && typeof input === 'object' ? (input as { visitorToken?: unknown }).visitorToken : undefined;

    scope.post<{ Params: ChannelParams }>(
      `${base}/messages`,
      { bodyLimit: messageBodyLimit },
      async (request, reply) => {
        const input = messageInput(request);
        const retry = messageAllowance(request, request.params.publicId, tokenOf(input));
        if (retry !== null)
          return sendPublicError(reply, {
            code: 'RATE_LIMITED',
            reason: 'rate_limited',
            retryAfterSeconds: retry,
          });
        const answer = await publicDoor.send(request.params.publicId, input);
        if (!answer.ok) return sendPublicError(reply, answer.error);
        const { conversationId, visitorToken, replies } = answer.data;
        return reply.send({ conversationId, visitorToken, replies });
      },
    );

    scope.post<{ Params: ChannelParams }>(
      `${base}/messages/stream`,
      { bodyLimit: messageBodyLimit },
      async (request, reply) => {
        const input = messageInput(request);
        const retry = messageAllowance(request, request.params.publicId, tokenOf(input));
        if (retry !== null)
          return sendPublicError(reply, {
            code: 'RATE_LIMITED',
            reason: 'rate_limited',
            retryAfterSeconds: retry,
          });
        let streaming = false;
        const write = (event: string, data: unknown) => {
          if (!reply.raw.destroyed && !reply.raw.writableEnded)
            reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        };
        const answer = await publicDoor.send(request.params.publicId, input, {
          start(ids) {
            // the message is taken in: from here on the answer is a stream
            streaming = true;
            reply.hijack();
            reply.raw.writeHead(200, {
              ...(reply.getHeaders() as Record<string, string>),
              'content-type': 'text/event-stream; charset=utf-8',
              'cache-control': 'no-store',
              'x-accel-buffering': 'no',
            });
            write('start', ids);
          },
          delta: (text) => write('delta', { text }),
        });
        if (!streaming) {
          if (!answer.ok) return sendPublicError(reply, answer.error);
          return reply.send(answer.data);
        }
        if (answer.ok) for (const { text } of answer.data.replies) write('reply', { text });
        else write('error', { reason: answer.error.reason });
        write('done', {});
        reply.raw.end();
        return reply;
      },
    );

    scope.get<{ Params: ConversationParams }>(
      `${base}/conversations/:conversationId`,
      async (request, reply) => {
        const token = request.headers['x-visitor-token'];
        const conversation = publicDoor.conversation(
          request.params.publicId,
          request.params.conversationId,
          typeof token === 'string' ? token : undefined,
        );
        if (!conversation)
          return sendPublicError(reply, { code: 'NOT_FOUND', reason: 'conversation_not_found' });
        return reply.send(conversation);
      },
    );

    scope.post<{ Params: ConversationParams }>(
      `${base}/conversations/:conversationId/rating`,
      { bodyLimit: 4 * 1024 },
      async (request, reply) => {
        const input = messageInput(request);
        const token = tokenOf(input);
        if (typeof token === 'string' && token.length <= 200) {
          const retry = take(
            request,
            `visitor:${request.params.publicId}:${token}`,
            limits.perVisitorPerMinute,
          );
          if (retry !== null)
            return sendPublicError(reply, {
              code: 'RATE_LIMITED',
              reason: 'rate_limited',
              retryAfterSeconds: retry,
            });
        }
        const answer = publicDoor.rate(request.params.publicId, request.params.conversationId, input);
        if (!answer.ok) return sendPublicError(reply, answer.error);
        return reply.send(answer.data);
      },
    );

    // voice: POST …/voice and GET …/audio/:clipId (public-voice.ts)
    registerPublicVoice(scope, core, {
      allowance: messageAllowance,
      sendError: sendPublicError,
      bodyLimit: voiceBodyLimit,
    });
  });

  // the embeddable script and the hosted page (files of the widget build)
  const widgetDir = options.widgetDir;
  app.get('/widget.js', async (request, reply) => {
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    reply.header('Access-Control-Allow-Origin', '*');
    if (!widgetDir) return reply.status(404).type('text/plain').send('Not found');
    const file = join(widgetDir, 'widget.js');
    const accepts = String(request.headers['accept-encoding'] ?? '');
    const variant =
      /\bbr\b/.test(accepts) && existsSync(`${file}.br`)
        ? 'br'
        : /\bgzip\b/.test(accepts) && existsSync(`${file}.gz`)
          ? 'gzip'
          : null;
    const body = read(variant === 'br' ? `${file}.br` : variant === 'gzip' ? `${file}.gz` : file);
    if (!body) return reply.status(404).type('text/plain').send('Not found');
    if (variant) reply.header('Content-Encoding', variant);
    return reply
      .header('Vary', 'Accept-Encoding')
      .header('Cache-Control', 'public, max-age=300')
      .type('application/javascript; charset=utf-8')
      .send(body);
  });

  const chatPage = async (request: FastifyRequest<{ Params: ChannelParams }>, reply: FastifyReply) => {
    const channel = publicDoor.channel(request.params.publicId);
    const page = widgetDir ? read(join(widgetDir, 'chat.html')) : null;
    if (!channel || !page) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    const { publicId } = channel.settings;
    const meta = `<meta name="mf-channel" content="${publicId}" />`;
    const html = page.toString('utf8').replace(/<\/head>/i, `  ${meta}\n  </head>`);
    reply.removeHeader('X-Frame-Options');
    return reply
      .header('Content-Security-Policy', pagePolicy(channel.allowedOrigins))
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Cache-Control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  };
  app.get<{ Params: ChannelParams }>('/c/:publicId', chatPage);
  app.get<{ Params: ChannelParams }>('/c/:publicId/', chatPage);
}

/** What the public listener answers for anything that is not the public door. */
export function publicNotFound(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendPublicError(reply, { code: 'NOT_FOUND', reason: 'not_found' });
}
