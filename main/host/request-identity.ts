import type { FastifyRequest } from 'fastify';
import type { CallerIdentity } from '../core';

/** What the guard answered for each request (API key or session), set before the rate limit. */
const identities = new WeakMap<FastifyRequest, CallerIdentity>();

export function rememberIdentity(request: FastifyRequest, identity: CallerIdentity): void {
  identities.set(request, identity);
}

/** The identity the guard gave a request, to hand on to dispatch (so the caller is looked up once). */
export function identityOf(request: FastifyRequest): CallerIdentity | undefined {
  return identities.get(request);
}
