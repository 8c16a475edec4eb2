import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { OutboundAllowList } from '../../lib/outbound-guard';
import { checkHttpTarget, resolvePublicAddress } from '../flow';

export class BlockedRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockedRequestError';
  }
}

export interface GuardedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  allowedHosts: string[];
  allowPrivateNetwork: boolean;
  /** The installation's allow-list: the private host:ports a node that opens them may reach. */
  installation: OutboundAllowList;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface GuardedResponse {
  status: number;
  contentType: string | null;
  body: unknown;
}

const maxBodyBytes = 1024 * 1024;

/**
 * An HTTP call from a flow: the host must be allowed, every address it resolves to must be public
 * (unless the node allows the private network and the installation's allow-list names it), and the
 * connection is pinned to the checked address so a second DNS answer cannot point it elsewhere.
 * Redirects are not followed (the 3xx is the node's answer).
 */
export async function guardedHttpCall(input: GuardedRequest): Promise<GuardedResponse> {
  const options = {
    allowedHosts: input.allowedHosts,
    allowPrivateNetwork: input.allowPrivateNetwork,
    installation: input.installation,
  };
  const check = checkHttpTarget(input.url, options);
  if (!check.ok) throw new BlockedRequestError(check.message);
  const resolved = await resolvePublicAddress(input.url, options);
  if (!resolved.ok) throw new BlockedRequestError(resolved.message);
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: resolved.address, family: resolved.family },
      ]);
    } else callback(null, resolved.address, resolved.family);
  };
  const url = new URL(input.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<GuardedResponse>((resolve, reject) => {
    const req = send(
      url,
      {
        method: input.method,
        headers: { 'user-agent': 'Mindframe-Agent/1', ...input.headers },
        lookup: pinned,
        signal: input.signal,
        timeout: input.timeoutMs,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            req.destroy(new Error('The answer was larger than 1 MiB.'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = res.headers['content-type'] ?? null;
          let body: unknown = text;
          if (contentType?.includes('json')) {
            try {
              body = JSON.parse(text) as unknown;
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, contentType, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`No answer within ${input.timeoutMs} ms.`)));
    req.on('error', reject);
    if (input.body !== undefined && input.method !== 'GET') req.write(input.body);
    req.end();
  });
}
