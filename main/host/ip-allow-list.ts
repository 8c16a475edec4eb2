import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Core } from '../core';
import { sendError } from './call-route';

/** One ip_blocked signal per address per this long; the monitor folds repeats into one event anyway. */
const signalEveryMs = 60 * 1000;
const maxRemembered = 10_000;

export interface IpAllowListOptions {
  /** The caller's address; the socket's by default (trustProxy is off, so no header can fake it). */
  clientIp?: (request: FastifyRequest) => string;
}

/**
 * The installation's IP allow-list: when it is not empty, every request from an address outside it
 * gets 403 (loopback always passes), and the monitor hears of it, at most once a minute per address.
 */
export function registerIpAllowList(
  app: FastifyInstance,
  core: Core,
  options: IpAllowListOptions = {},
): void {
  const lastSignal = new Map<string, number>();
  const clientIp = options.clientIp ?? ((request: FastifyRequest) => request.ip);
  app.addHook('onRequest', async (request, reply) => {
    const { guard } = core;
    const ip = clientIp(request);
    if (guard.ipAllowed(ip)) return;
    const now = guard.now();
    const last = lastSignal.get(ip);
    if (last === undefined || now - last >= signalEveryMs) {
      if (lastSignal.size >= maxRemembered) lastSignal.clear();
      lastSignal.set(ip, now);
      guard.signal({
        kind: 'ip_blocked',
        tenantId: null,
        ip,
        details: { method: request.method, path: request.url.split('?')[0]!.slice(0, 200) },
      });
    }
    return sendError(reply, {
      code: 'FORBIDDEN',
      message: 'This address is not on the allow-list of this Mindframe installation.',
      reason: 'ip_not_allowed',
    });
  });
}
