import type { Core } from '../index';
import { expectOk, type SignedIn } from './harness';

/**
 * Lets the installation reach a local test server (a fake model provider, a webhook receiver, an
 * SMTP server on 127.0.0.1) the way a platform admin would: through `outbound.allow`. Without it
 * the outbound guard refuses loopback addresses. Takes a URL or `host:port`.
 */
export async function allowLocal(core: Core, platformAdmin: SignedIn, target: string): Promise<string> {
  let hostPort = target;
  if (target.includes('://')) {
    const url = new URL(target);
    hostPort = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  }
  const entry = await expectOk(core, 'outbound.allow', { hostPort }, platformAdmin.call);
  return entry.hostPort;
}
