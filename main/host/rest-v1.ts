import type { FastifyInstance } from 'fastify';
import type { Core } from '../core';
import { safeEqual } from '../core';
import { sendError } from './call-route';
import { sessionCookie } from './cookies';

interface RunBody {
  message?: unknown;
  data?: unknown;
  input?: unknown;
  wait?: unknown;
}

/**
 * REST API v1 for other systems. Until API keys arrive (security issue), a signed-in session with
 * its CSRF token is what authenticates; the core checks roles and tenant as for every call.
 */
export function registerRestV1(app: FastifyInstance, core: Core): void {
  app.post<{ Params: { id: string }; Body: RunBody | undefined }>(
    '/api/v1/agents/:id/runs',
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, core.csrfTokenFor(token))) {
          return sendError(reply, { code: 'FORBIDDEN', message: 'Missing or wrong CSRF token.' });
        }
      }
      const body = request.body ?? {};
      const input = body.input ?? {
        ...(body.message !== undefined ? { message: body.message } : {}),
        ...(body.data !== undefined ? { data: body.data } : {}),
      };
      const result = await core.dispatch(
        'agents.run',
        { agentId: request.params.id, input, ...(body.wait !== undefined ? { wait: body.wait } : {}) },
        {
          transport: 'http',
          origin: 'rest',
          sessionToken: token ?? null,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
      );
      if (!result.ok) return sendError(reply, result.error);
      const run = result.data as { status: string };
      return reply
        .status(run.status === 'queued' || run.status === 'running' ? 202 : 200)
        .send({ ok: true, data: result.data });
    },
  );
}
