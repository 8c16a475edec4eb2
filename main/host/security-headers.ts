import type { FastifyReply, FastifyRequest } from 'fastify';
import { securityHeaders as headers } from '../contract';

/** Headers every answer carries, page or API. */
export async function securityHeaders(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.headers(headers);
  if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
}
