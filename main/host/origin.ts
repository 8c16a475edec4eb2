import { networkInterfaces } from 'node:os';

/**
 * The Host names this server answers to. Checking Host (not only Origin) stops DNS rebinding: a
 * hostile page whose name resolves to 127.0.0.1 still sends its own name as Host.
 */
export function allowedHosts(
  bindHost: string,
  port: number,
  allowNetwork: boolean,
  extra: string[] = [],
): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', ...extra]);
  if (bindHost !== '0.0.0.0' && bindHost !== '::')
    names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  if (allowNetwork) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? [])
        names.add(address.family === 'IPv6' ? `[${address.address}]` : address.address);
    }
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

/** Same-origin for a browser request: the Origin (when sent) is this very host. */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  hosts: Set<string>,
): boolean {
  if (!host || !hosts.has(host)) return false;
  if (origin === undefined) return true;
  return origin === `http://${host}` || origin === `https://${host}`;
}
