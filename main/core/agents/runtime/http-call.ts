import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Message } from '../../../contract';
import type { OutboundAllowList } from '../../lib/outbound-guard';
import { said, type Said } from '../../lib/message';
import { checkHttpTarget, resolvePublicAddress } from '../flow';

/** An address the guard refused: `detail` says why (flow.url.*, outbound.refused). */
export class BlockedRequestError extends Error {
  constructor(
    message: string,
    readonly detail: Message,
  ) {
    super(message);
    this.name = 'BlockedRequestError';
  }
}

/**
 * A call that did not get an answer (too large, too slow, no connection). Only the kind of failure
 * and the network error code travel; nothing the other side sent.
 */
export class HttpCallError extends Error {
  readonly detail: Message;

  constructor(what: Said) {
    super(what.text);
    this.name = 'HttpCallError';
    this.detail = what.message;
  }
}

/** A network failure as a message: its code (ECONNREFUSED ...) when Node gives one. */
export function httpFailure(error: unknown): HttpCallError {
  if (error instanceof HttpCallError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code))
    return new HttpCallError(
      said('runs.error.http_unreachable_code', { code }, `The address could not be reached (${code}).`),
    );
  return new HttpCallError(
    said(
      'runs.error.http_failed',
      undefined,
      `The call failed: ${(error as Error)?.message ?? String(error)}`,
    ),
  );
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
  if (!check.ok) throw new BlockedRequestError(check.message, check.detail);
  const resolved = await resolvePublicAddress(input.url, options);
  if (!resolved.ok) throw new BlockedRequestError(resolved.message, resolved.detail);
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
            req.destroy(new HttpCallError(said('runs.error.http_too_large')));
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
        res.on('error', (error) => reject(httpFailure(error)));
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new HttpCallError(
          said(
            'runs.error.http_timeout',
            { seconds: input.timeoutMs / 1000 },
            `No answer within ${input.timeoutMs} ms.`,
          ),
        ),
      ),
    );
    req.on('error', (error) => reject(input.signal.aborted ? error : httpFailure(error)));
    if (input.body !== undefined && input.method !== 'GET') req.write(input.body);
    req.end();
  });
}
