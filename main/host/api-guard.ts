import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core';
import { identityOf, rememberIdentity } from './request-identity';
import { sendError } from './call-route';
import { sessionCookie } from './cookies';
import { defaultRateLimits, RateLimiter, UsageBaseline, type RateLimitConfig } from './rate-limit';

/** The bearer token of `Authorization: Bearer ...`, if the header has that form. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : header.length > 0 ? '' : undefined;
}

/**
 * Patterns of common injection attempts (SQL, script, path traversal, template and JNDI lookups).
 * They are reported, not blocked: inputs are validated and queries are parameterised anyway.
 */
const injectionPattern =
  /(\bunion\b[\s/*]+\bselect\b|\bor\b\s+['"]?\d+['"]?\s*=\s*['"]?\d+|;\s*drop\s+table|<\s*script\b|javascript:|\.\.[/\\]|\$\{jndi:|\{\{.*\}\}|\bsleep\s*\(\s*\d+\s*\))/i;

export function looksLikeInjection(text: string): boolean {
  return injectionPattern.test(text);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Rate limits on `/api/call/*` and `/api/v1/*`: per API key, per session, otherwise per IP; and the
 * security signals the host sees (rate limits hit, injection patterns, usage spikes of a key).
 */
export function registerApiGuard(
  app: FastifyInstance,
  core: Core,
  overrides: Partial<RateLimitConfig> = {},
): void {
  const config: RateLimitConfig = { ...defaultRateLimits, ...overrides };
  const limiter = new RateLimiter();
  const usage = new UsageBaseline();
  /** bucket → minute last reported, so a burst of refusals is one signal, not thousands */
  const reported = new Map<string, number>();
  const { guard } = core;

  const limited = (
    request: FastifyRequest,
    reply: FastifyReply,
    bucket: string,
    perMinute: number,
    tenantId: string | null,
  ): FastifyReply | undefined => {
    const decision = limiter.take(bucket, perMinute, Math.max(1, perMinute * config.burstFraction));
    if (decision.allowed) return undefined;
    const minute = Math.floor(Date.now() / 60_000);
    if (reported.get(bucket) !== minute) {
      if (reported.size > 10_000) reported.clear();
      reported.set(bucket, minute);
      guard.signal({
        kind: 'rate_limited',
        tenantId,
        ip: request.ip,
        details: { bucket: bucket.split(':')[0], limitPerMinute: perMinute, path: request.url.split('?')[0] },
      });
    }
    return sendError(reply, {
      code: 'RATE_LIMITED',
      message: `Too many requests. Try again in ${decision.retryAfterSeconds} s.`,
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  };

  app.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    if (!url.startsWith('/api/call/') && !url.startsWith('/api/v1/')) return;
    if (url.length < 2000 && looksLikeInjection(safeDecode(url))) {
      guard.signal({
        kind: 'injection_pattern',
        tenantId: null,
        ip: request.ip,
        details: { path: url.split('?')[0]!.slice(0, 200), where: 'url' },
      });
    }
    const key = url.startsWith('/api/v1/') ? bearerOf(request) : undefined;
    const token = request.cookies[sessionCookie];
    // an API key is authenticated here, once: the route hands this identity on to dispatch
    const identity = guard.identify(
      key ? { apiKey: key, ip: request.ip } : { sessionToken: token, ip: request.ip },
    );
    rememberIdentity(request, identity);
    if (identity.kind === 'apiKey') {
      const spike = usage.count(identity.keyId);
      if (spike) {
        guard.signal({
          kind: 'api_usage_spike',
          tenantId: identity.tenantId,
          ip: request.ip,
          details: { keyId: identity.keyId, perMinute: spike.count, baseline: Math.round(spike.baseline) },
        });
      }
      return limited(
        request,
        reply,
        `key:${identity.keyId}`,
        identity.rateLimitPerMinute ?? config.perKeyPerMinute,
        identity.tenantId,
      );
    }
    if (identity.kind === 'session') {
      return limited(
        request,
        reply,
        `session:${identity.sessionId}`,
        config.perSessionPerMinute,
        identity.tenantId,
      );
    }
    return limited(request, reply, `ip:${request.ip}`, config.perIpPerMinute, null);
  });

  // a key's request counts for insight once answered, with its duration (the API latency process)
  app.addHook('onResponse', async (request, reply) => {
    const identity = identityOf(request);
    if (identity?.kind === 'apiKey')
      guard.answered(identity, { ms: reply.elapsedTime, status: reply.statusCode });
  });

  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || !request.url.startsWith('/api/v1/')) return;
    const body = request.body;
    if (body === undefined || body === null) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (text.length < 100_000 && looksLikeInjection(text)) {
      guard.signal({
        kind: 'injection_pattern',
        tenantId: null,
        ip: request.ip,
        details: { path: request.url.split('?')[0]!.slice(0, 200), where: 'body' },
      });
    }
  });
}
