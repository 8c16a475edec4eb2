import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext, Core } from '../core';
import { safeEqual } from '../core';
import type { ApiKeyScope, MethodName } from '../contract';
import { bearerOf, registerApiGuard } from './api-guard';
import { sendError } from './call-route';
import { sessionCookie } from './cookies';
import { registerOpenApi } from './openapi';
import type { RateLimitConfig } from './rate-limit';

type Params = Record<string, string>;
type Query = Record<string, string | string[] | undefined>;

/** One route of the REST API v1: which contract method it calls and how its input is built. */
export interface RestRoute {
  method: 'GET' | 'POST';
  /** OpenAPI style: `/api/v1/agents/{id}/runs` */
  path: string;
  contract: MethodName;
  scope: ApiKeyScope;
  summary: string;
  /** Path parameters and the input field each one fills. */
  params?: Record<string, string>;
  /** Where the rest of the input comes from. */
  from: 'query' | 'body' | 'none';
  input(params: Params, query: Query, body: unknown): unknown;
  /** The success status for an answer (202 for work still going on). */
  status?(data: unknown): number;
}

const numericFields = new Set(['limit', 'from', 'to']);

/** Query strings are text: numbers for the numeric fields, the rest as sent (zod judges them). */
function queryInput(query: Query): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    input[name] =
      typeof value === 'string' && numericFields.has(name) && /^-?\d{1,16}$/.test(value)
        ? Number(value)
        : value;
  }
  return input;
}

const asObject = (body: unknown): Record<string, unknown> =>
  body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

export const restRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/agents',
    contract: 'agents.list',
    scope: 'agents:read',
    summary: "The tenant's agents.",
    from: 'query',
    input: (_p, query) => queryInput(query),
  },
  {
    method: 'POST',
    path: '/api/v1/agents/{id}/runs',
    contract: 'agents.run',
    scope: 'agents:run',
    summary:
      'Start a run of the live version. Body: {message?, data?} or {input}, and wait: true to answer when it ends. 202 while it runs, 200 when done.',
    params: { id: 'agentId' },
    from: 'body',
    input: (params, _q, raw) => {
      if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) return raw;
      const body = asObject(raw);
      const input = body.input ?? {
        ...(body.message !== undefined ? { message: body.message } : {}),
        ...(body.data !== undefined ? { data: body.data } : {}),
      };
      return { agentId: params.id, input, ...(body.wait !== undefined ? { wait: body.wait } : {}) };
    },
    status: (data) => {
      const status = (data as { status?: string }).status;
      return status === 'queued' || status === 'running' ? 202 : 200;
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/{id}',
    contract: 'runs.get',
    scope: 'runs:read',
    summary: 'One run with its steps, tokens, cost and errors.',
    params: { id: 'runId' },
    from: 'none',
    input: (params, query) => ({ ...queryInput(query), runId: params.id }),
  },
  {
    method: 'GET',
    path: '/api/v1/search',
    contract: 'knowledge.search',
    scope: 'search:read',
    summary: 'Full-text search of the knowledge base (q, limit).',
    from: 'query',
    input: (_p, query) => queryInput(query),
  },
  {
    method: 'GET',
    path: '/api/v1/logs',
    contract: 'logs.query',
    scope: 'logs:read',
    summary: "The tenant's log lines, newest first.",
    from: 'query',
    input: (_p, query) => queryInput(query),
  },
  {
    method: 'GET',
    path: '/api/v1/analytics/summary',
    contract: 'analytics.summary',
    scope: 'analytics:read',
    summary: 'Runs by outcome, tokens and cost (from, to: ms since the epoch).',
    from: 'query',
    input: (_p, query) => queryInput(query),
  },
  {
    method: 'POST',
    path: '/api/v1/events',
    contract: 'events.ingest',
    scope: 'events:write',
    summary: "Record a custom event (type, level, message, data) in the tenant's log.",
    from: 'body',
    input: (_p, _q, body) => body ?? {},
    status: () => 201,
  },
];

export interface RestV1Options {
  rateLimits?: Partial<RateLimitConfig>;
}

/**
 * REST API v1 for other systems: `Authorization: Bearer mf_live_...` (tenant and scopes from the
 * key), or a signed-in session with its CSRF token for changes. The core authorises as for every call.
 */
export function registerRestV1(app: FastifyInstance, core: Core, options: RestV1Options = {}): void {
  registerApiGuard(app, core, options.rateLimits);

  const handle = async (route: RestRoute, request: FastifyRequest, reply: FastifyReply) => {
    const key = bearerOf(request);
    const call: CallContext = {
      transport: 'http',
      origin: 'rest',
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    };
    if (key !== undefined) {
      call.apiKey = key;
    } else {
      const token = request.cookies[sessionCookie];
      if (token && route.method === 'POST') {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, core.csrfTokenFor(token))) {
          core.services.security.record({
            kind: 'csrf_failure',
            tenantId: null,
            ip: request.ip,
            details: { path: route.path },
          });
          return sendError(reply, { code: 'FORBIDDEN', message: 'Missing or wrong CSRF token.' });
        }
      }
      call.sessionToken = token ?? null;
    }
    const input = route.input((request.params ?? {}) as Params, (request.query ?? {}) as Query, request.body);
    const result = await core.dispatch(route.contract, input, call);
    if (!result.ok) return sendError(reply, result.error);
    return reply.status(route.status?.(result.data) ?? 200).send({ ok: true, data: result.data });
  };

  for (const route of restRoutes) {
    const url = route.path.replace(/\{(\w+)\}/g, ':$1');
    if (route.method === 'GET') app.get(url, (request, reply) => handle(route, request, reply));
    else app.post(url, (request, reply) => handle(route, request, reply));
  }
  registerOpenApi(app, core);
}
