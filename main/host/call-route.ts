import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core';
import { httpStatusFor, isMethodName, methods, type ContractError } from '../contract';
import { identityOf } from './request-identity';
import { deviceCookie, deviceCookieOptions, sessionCookie, sessionCookieOptions } from './cookies';

export function sendError(reply: FastifyReply, error: ContractError): FastifyReply {
  if (error.retryAfterSeconds) reply.header('Retry-After', String(error.retryAfterSeconds));
  return reply.status(httpStatusFor[error.code]).send({ ok: false, error });
}

/**
 * Body limit of `knowledge.import`: a file of at most 10 MB arrives base64 (4 characters for 3 bytes)
 * in JSON; a larger one is refused by the import itself (`file_too_large`), the renderer refuses
 * it before sending. Every other call keeps the server's 1 MiB.
 */
export const importBodyLimit = 16 * 1024 * 1024 + 64 * 1024;

/** `POST /api/call/<method>`: the contract over HTTP for the renderer in a browser. */
export function registerCallRoute(app: FastifyInstance, core: Core): void {
  const handler = async (request: FastifyRequest<{ Params: { method: string } }>, reply: FastifyReply) => {
    const name = request.params.method;
    const token = request.cookies[sessionCookie];
    // Reads need no token: SameSite=Strict keeps the cookie off cross-site requests and CORS keeps
    // their answers unreadable; every change made with a session must prove it comes from our page.
    if (isMethodName(name) && methods[name].mutation && methods[name].access !== 'public' && token) {
      const sent = request.headers['x-csrf-token'];
      if (!core.guard.csrfValid(token, sent, { ip: request.ip, details: { method: name } })) {
        return sendError(reply, {
          code: 'FORBIDDEN',
          message: 'Missing or wrong CSRF token. Reload the page.',
          reason: 'csrf_invalid',
        });
      }
    }
    const identity = identityOf(request);
    const result = await core.dispatch(name, request.body ?? {}, {
      transport: 'http',
      sessionToken: token ?? null,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      deviceToken: request.cookies[deviceCookie] ?? null,
      // looked up once, by the guard before the rate limit
      ...(identity ? { identity } : {}),
    });
    if (result.sessionChange?.type === 'set') {
      reply.setCookie(sessionCookie, result.sessionChange.token, sessionCookieOptions);
      const device = core.guard.deviceCookieFor(result.sessionChange.token, request.cookies[deviceCookie]);
      if (device) reply.setCookie(deviceCookie, device, deviceCookieOptions);
    }
    if (result.sessionChange?.type === 'clear') reply.clearCookie(sessionCookie, { path: '/' });
    if (!result.ok) return sendError(reply, result.error);
    return reply.send({ ok: true, data: result.data });
  };
  app.post<{ Params: { method: string } }>('/api/call/:method', handler);
  // a static route wins over the parametric one; its params are not parsed from the path
  app.post('/api/call/knowledge.import', { bodyLimit: importBodyLimit }, (request, reply) =>
    handler(Object.assign(request, { params: { method: 'knowledge.import' } }), reply),
  );
}
