import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  emptyAllowList,
  OutboundBlockedError,
  outboundRequest,
  staticRefusal,
  urlTarget,
  refusalSaid,
  type OutboundAllowList,
  type OutboundRefusal,
} from '../lib/outbound-guard';
import { said, type Said } from '../lib/message';

export const signatureHeader = 'x-mindframe-signature';
export const eventHeader = 'x-mindframe-event';
export const defaultWebhookTimeoutMs = 5_000;

/** What a webhook receives: the same fields for every event. */
export interface WebhookPayload {
  id: string;
  event: string;
  severity: string;
  title: string;
  body: string;
  link: string | null;
  tenantId: string;
  at: number;
}

export type WebhookResult =
  | { ok: true; status: number }
  | {
      ok: false;
      status: number | null;
      /** Why, as a message with its English (the receiver's own words are never read). */
      reason: Said;
      /** Set when the outbound guard refused the address (nothing was sent). */
      refusal?: OutboundRefusal;
    };

/** `sha256=<hex>`: HMAC-SHA256 of the exact bytes sent, keyed with the rule's secret. */
export function signature(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/**
 * A URL fit for logs, failures and audit entries: scheme, host and port only. Chat webhooks carry
 * their credential in the path (hooks.slack.com/services/T…/B…/<token>), so the path never leaves.
 */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const more = parsed.pathname.length > 1 || parsed.search ? '/…' : '';
    return `${parsed.protocol}//${parsed.host}${more}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Why a webhook URL is refused, or null when it is fine (http or https, a host, no credentials). */
export function webhookUrlProblem(
  url: string,
): { reason: 'invalid_url' | 'webhook_url_credentials'; text: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: 'invalid_url', text: 'Must be a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { reason: 'invalid_url', text: 'Must start with http:// or https://' };
  if (!parsed.hostname) return { reason: 'invalid_url', text: 'Must name a host' };
  if (parsed.username || parsed.password)
    return {
      reason: 'webhook_url_credentials',
      text: 'Put no user name or password in the URL; use the signing secret instead',
    };
  return null;
}

/**
 * The outbound guard's refusal of a webhook URL that can be told without DNS (an address on this
 * machine or a private network the installation does not allow), or null.
 */
export function webhookAddressRefusal(
  url: string,
  allowList: OutboundAllowList,
): OutboundBlockedError | null {
  try {
    return staticRefusal(urlTarget(url), { allowList });
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error;
    throw error;
  }
}

function networkReason(error: unknown, timeoutMs: number): Said {
  const err = error as { name?: string; code?: string; cause?: { code?: string } };
  const seconds = Math.round(timeoutMs / 1000);
  const timeout = () =>
    said('notify.webhook.timeout', { seconds }, `The server did not answer within ${seconds} seconds.`);
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return timeout();
  const code = err.code ?? err.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return said('notify.webhook.connection_refused', undefined, 'The connection was refused.');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return said('notify.webhook.unresolvable', undefined, 'The host name could not be resolved.');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return said('notify.webhook.closed');
    case 'UND_ERR_CONNECT_TIMEOUT':
      return timeout();
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return said(
        'notify.webhook.certificate',
        { code },
        `The server's TLS certificate was not accepted (${code}).`,
      );
  }
  const what = typeof code === 'string' ? code : (err.name ?? 'unknown error');
  return said('notify.webhook.failed', { code: what }, `The request failed (${what}).`);
}

/**
 * POSTs the payload as JSON through the outbound guard: an address on this machine or a private
 * network is refused unless the installation allows it, and the connection is pinned to the
 * checked address. Redirects are never followed (a 3xx is a failure): a webhook must point at its
 * receiver, and a redirect must not carry a signed body somewhere else. The answer's body is never
 * read, so nothing from the receiver reaches the caller beyond its status code.
 */
export async function postWebhook(
  url: string,
  payload: WebhookPayload,
  secret: string | null,
  timeoutMs = defaultWebhookTimeoutMs,
  allowList: OutboundAllowList = emptyAllowList,
): Promise<WebhookResult> {
  const raw = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Mindframe-Control-Center',
    [eventHeader]: payload.event,
    'x-mindframe-delivery': payload.id,
  };
  if (secret) headers[signatureHeader] = signature(raw, secret);
  let response: IncomingMessage;
  try {
    response = await outboundRequest(
      { url, method: 'POST', headers, body: raw, signal: AbortSignal.timeout(timeoutMs) },
      { allowList },
    );
  } catch (error) {
    if (error instanceof OutboundBlockedError)
      return { ok: false, status: null, reason: refusalSaid(error), refusal: error.reason };
    return { ok: false, status: null, reason: networkReason(error, timeoutMs) };
  }
  response.destroy();
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400)
    return {
      ok: false,
      status,
      reason: said(
        'notify.webhook.redirect',
        { status },
        `The server answered ${status} (a redirect); redirects are not followed, so use the final URL.`,
      ),
    };
  return {
    ok: false,
    status,
    reason: said('notify.webhook.answered', { status }, `The server answered ${status}.`),
  };
}
