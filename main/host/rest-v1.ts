import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext, Core } from '../core';
import { bearerOf, registerApiGuard } from './api-guard';
import { identityOf } from './request-identity';
import { sendError } from './call-route';
import { sessionCookie } from './cookies';
import { registerOpenApi } from './openapi';
import type { RateLimitConfig } from './rate-limit';
import {
  restInput,
  restRoutes,
  restStatus,
  type RestParams,
  type RestQuery,
  type RestRoute,
} from './rest-routes';

export interface RestV1Options {
  rateLimits?: Partial<RateLimitConfig>;
}

/**
 * Who is calling: the API key of `Authorization: Bearer ...`, or else the session cookie, which must
 * come with its CSRF token for a POST. Undefined when refused, with the refusal sent.
 */
function callerOf(
  core: Core,
  route: RestRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): CallContext | undefined {
  const key = bearerOf(request);
  const call: CallContext = {
    transport: 'http',
    origin: 'rest',
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  };
  // the key or session was looked up once, by the guard before the rate limit
  const identity = identityOf(request);
  if (identity) call.identity = identity;
  if (key !== undefined) {
    call.apiKey = key;
  } else {
    const token = request.cookies[sessionCookie];
    if (token && route.method === 'POST') {
      const sent = request.headers['x-csrf-token'];
      if (!core.guard.csrfValid(token, sent, { ip: request.ip, details: { path: route.path } })) {
        sendError(reply, {
          code: 'FORBIDDEN',
          message: 'Missing or wrong CSRF token.',
          reason: 'csrf_invalid',
        });
        return undefined;
      }
    }
    call.sessionToken = token ?? null;
  }
  return call;
}

/**
 * REST API v1 for other systems: `Authorization: Bearer mf_live_...` (tenant and scopes from the
 * key), or a signed-in session with its CSRF token for changes. The core authorises as for every call.
 * The routes are those of `rest-routes.ts`.
 */
export function registerRestV1(app: FastifyInstance, core: Core, options: RestV1Options = {}): void {
  registerApiGuard(app, core, options.rateLimits);

  const handle = async (route: RestRoute, request: FastifyRequest, reply: FastifyReply) => {
    const call = callerOf(core, route, request, reply);
    if (!call) return reply;
    const input = restInput(
      route,
      (request.params ?? {}) as RestParams,
      (request.query ?? {}) as RestQuery,
      request.body,
    );
    const result = await core.dispatch(route.contract, input, call);
    if (!result.ok) return sendError(reply, result.error);
    return reply.status(restStatus(route, result.data)).send({ ok: true, data: result.data });
  };

  for (const route of restRoutes) {
    app.route({
      method: route.method,
      url: route.path.replace(/\{(\w+)\}/g, ':$1'),
      handler: (request, reply) => handle(route, request, reply),
    });
  }
  registerOpenApi(app, core);
}
