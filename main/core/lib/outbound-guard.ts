/**
 * The guard of every request the server makes on a tenant's behalf (model providers, webhooks,
 * SMTP, flow HTTP nodes): loopback, private, link-local and other non-public addresses are refused
 * unless the platform admin allowed that exact host:port for the installation. Names are resolved
 * here, EVERY address they resolve to is checked, and the connection is pinned to the checked
 * address so a second DNS answer cannot move it inside (DNS rebinding). Redirects are never
 * followed. Nothing here reads or returns a refused server's answer.
 */
import { promises as dns } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { said, type Said } from './message';

// ------------------------------------------------------------------------------------------ IPs

export type IpAddress = { family: 4 | 6; bytes: number[] };

/** Strict dotted-decimal IPv4 (what the URL parser and resolvers give back), else null. */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

/** IPv6 (brackets and a zone allowed) as 16 bytes, else null. */
export function parseIPv6(text: string): number[] | null {
  let address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = address.indexOf('%');
  if (zone !== -1) address = address.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(address)) return null;
  let tail: number[] = [];
  if (address.includes('.')) {
    const lastColon = address.lastIndexOf(':');
    const v4 = lastColon === -1 ? null : parseIPv4(address.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    // Keep a "::" that the IPv4 part follows directly.
    address = address[lastColon - 1] === ':' ? address.slice(0, lastColon + 1) : address.slice(0, lastColon);
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      const value = parseInt(group, 16);
      groups.push(value >> 8, value & 0xff);
    }
    return groups;
  };
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (known > 14) return null;
    return [...head, ...new Array<number>(16 - known).fill(0), ...rest, ...tail];
  }
  return known === 16 ? [...head, ...tail] : null;
}

export function parseIp(host: string): IpAddress | null {
  const v4 = parseIPv4(host);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = host.includes(':') ? parseIPv6(host) : null;
  return v6 ? { family: 6, bytes: v6 } : null;
}

function isNonPublicIPv4([a, b, c]: number[]): boolean {
  if (a === undefined || b === undefined || c === undefined) return true;
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF assignments, documentation
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

function isNonPublicIPv6(bytes: number[]): boolean {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  const word = (i: number) => (bytes[i]! << 8) | bytes[i + 1]!;
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d, 64:ff9b:1::/48) carry an IPv4 address.
  if (zeros(0, 10) && word(10) === 0xffff) return isNonPublicIPv4(bytes.slice(12));
  if (word(0) === 0x64 && word(2) === 0xff9b && zeros(4, 12)) return isNonPublicIPv4(bytes.slice(12));
  if (word(0) === 0x64 && word(2) === 0xff9b && word(4) === 1) return true; // local-use NAT64
  if (word(0) === 0x2002) return isNonPublicIPv4(bytes.slice(2, 6)); // 6to4
  if (word(0) === 0x2001 && bytes[2]! < 2) return true; // Teredo, benchmarking, ORCHID
  if (word(0) === 0x2001 && word(2) === 0x0db8) return true; // documentation
  // Everything outside global unicast 2000::/3 (loopback, unspecified, unique-local fc00::/7,
  // link-local fe80::/10, multicast, IPv4-compatible, discard) is not a public destination.
  return (bytes[0]! & 0xe0) !== 0x20;
}

export function isNonPublicIp(ip: IpAddress): boolean {
  return ip.family === 4 ? isNonPublicIPv4(ip.bytes) : isNonPublicIPv6(ip.bytes);
}

/** True for loopback, private, link-local, CGNAT, multicast, unspecified and other non-public IPs. */
export function isPrivateAddress(address: string): boolean {
  const ip = parseIp(address);
  return ip ? isNonPublicIp(ip) : false;
}

/** `localhost` and `*.localhost` always mean this machine (RFC 6761); they are never looked up. */
export const isLocalName = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost');

// ---------------------------------------------------------------------------------- host:port

/**
 * A host as the URL parser writes it: lower case, punycode, IPv4 in any spelling (`2130706433`,
 * `0177.0.0.1`, `0x7f.1`, `127.1`) as dotted decimal, IPv6 compressed and without brackets, and
 * without a trailing dot. Null when it is not a host.
 */
export function canonicalHost(host: string): string | null {
  let text = host.trim();
  if (text === '' || /[\s/?#@\\]/.test(text)) return null;
  if (!text.startsWith('[') && text.includes(':')) text = `[${text}]`;
  let hostname: string;
  try {
    hostname = new URL(`http://${text}/`).hostname;
  } catch {
    return null;
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  while (hostname.endsWith('.')) hostname = hostname.slice(0, -1);
  // a trailing dot can hide an IPv4 number from the URL parser ("0x7f.1." is 127.0.0.1)
  if (hostname !== '' && !hostname.includes(':') && /^[0-9a-fx.]+$/i.test(hostname)) {
    try {
      hostname = new URL(`http://${hostname}/`).hostname;
    } catch {
      return null;
    }
  }
  return hostname === '' ? null : hostname;
}

/** `host:port`, with an IPv6 host in brackets: the form of the installation's allow-list. */
export const hostPortKey = (host: string, port: number): string =>
  `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** Parses `host:port` (`127.0.0.1:11434`, `[::1]:8080`, `ollama.lan:11434`), or null. */
export function parseHostPort(entry: string): { host: string; port: number; key: string } | null {
  const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(entry.trim());
  if (!match) return null;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return null;
  const host = canonicalHost(match[1]!);
  if (!host) return null;
  return { host, port, key: hostPortKey(host, port) };
}

/** The exceptions the platform admin made for this installation (exact host:port entries). */
export interface OutboundAllowList {
  allows(hostPort: string): boolean;
}

export const emptyAllowList: OutboundAllowList = { allows: () => false };

export type OutboundRefusal = 'invalid_url' | 'blocked_address' | 'unresolvable';

/** A refusal as the UI says it (`outbound.refused`: errors.reasons.<reason>) with its English. */
export function refusalSaid(error: OutboundBlockedError): Said {
  return said('outbound.refused', { reason: error.reason }, error.message);
}

/** A refused request; `target` is the host:port it was refused for (for logs and the UI). */
export class OutboundBlockedError extends Error {
  constructor(
    readonly reason: OutboundRefusal,
    message: string,
    readonly target: string | null,
  ) {
    super(message);
    this.name = 'OutboundBlockedError';
  }
}

export interface OutboundTarget {
  host: string;
  port: number;
  /** host:port as the allow-list writes it. */
  key: string;
}

export interface OutboundPolicy {
  allowList: OutboundAllowList;
  /**
   * False refuses every non-public address, whatever the allow-list says (a flow HTTP node that
   * does not open the private network). Default true: the allow-list decides.
   */
  privateNetwork?: boolean;
}

/** The host and port a URL connects to; throws `invalid_url` for anything but http(s) with a host. */
export function urlTarget(url: string | URL): OutboundTarget & { url: URL } {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    throw new OutboundBlockedError('invalid_url', 'This is not a valid URL.', null);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new OutboundBlockedError('invalid_url', 'Only http:// and https:// URLs can be called.', null);
  const host = canonicalHost(parsed.hostname);
  if (!host) throw new OutboundBlockedError('invalid_url', 'The URL has no host name.', null);
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  return { url: parsed, host, port, key: hostPortKey(host, port) };
}

/** The target of a host and port given apart (the SMTP server); throws `invalid_url` if no host. */
export function hostTarget(host: string, port: number): OutboundTarget {
  const canonical = canonicalHost(host);
  if (!canonical) throw new OutboundBlockedError('invalid_url', 'This is not a host name.', null);
  return { host: canonical, port, key: hostPortKey(canonical, port) };
}

const blocked = (target: OutboundTarget, why: string) =>
  new OutboundBlockedError(
    'blocked_address',
    `${target.key} ${why}; the platform admin can allow it for this installation.`,
    target.key,
  );

/**
 * What can be said without DNS: an IP literal or a localhost name that is not public and not
 * allowed. Null when fine so far (a name may still resolve inside; `resolveOutbound` says).
 */
export function staticRefusal(target: OutboundTarget, policy: OutboundPolicy): OutboundBlockedError | null {
  const ip = parseIp(target.host);
  const local = !ip && isLocalName(target.host);
  if (!local && !(ip && isNonPublicIp(ip))) return null;
  if (policy.privateNetwork === false) return blocked(target, 'is a local or private network address');
  if (policy.allowList.allows(target.key)) return null;
  if (local && policy.allowList.allows(hostPortKey('127.0.0.1', target.port))) return null;
  return blocked(target, 'is a local or private network address');
}

export type HostLookup = (
  hostname: string,
  options: { all: true; verbatim: true },
) => Promise<{ address: string; family: number }[]>;

const systemLookup: HostLookup = (hostname, options) => dns.lookup(hostname, options);

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the target and checks every address it has; answers the address to connect to.
 * Throws OutboundBlockedError (`blocked_address`, `unresolvable`).
 */
export async function resolveOutbound(
  target: OutboundTarget,
  policy: OutboundPolicy,
  lookup: HostLookup = systemLookup,
): Promise<PinnedAddress> {
  const refusal = staticRefusal(target, policy);
  if (refusal) throw refusal;
  const literal = parseIp(target.host);
  if (literal) return { address: target.host, family: literal.family };
  if (isLocalName(target.host)) return { address: '127.0.0.1', family: 4 };
  let answers: { address: string; family: number }[];
  try {
    answers = await lookup(target.host, { all: true, verbatim: true });
  } catch {
    answers = [];
  }
  if (answers.length === 0)
    throw new OutboundBlockedError(
      'unresolvable',
      `The address of ${target.host} could not be found.`,
      target.key,
    );
  const trustedName = policy.privateNetwork !== false && policy.allowList.allows(target.key);
  let first: PinnedAddress | null = null;
  for (const answer of answers) {
    const address = answer.address.split('%')[0]!;
    const ip = parseIp(address);
    if (!ip) throw blocked(target, 'resolves to an address that cannot be checked');
    if (isNonPublicIp(ip) && !trustedName) {
      if (policy.privateNetwork === false || !policy.allowList.allows(hostPortKey(address, target.port)))
        throw blocked(target, `resolves to ${address}, a local or private network address`);
    }
    first ??= { address, family: ip.family };
  }
  return first!;
}

// ------------------------------------------------------------------------------------ requests

/** Keep-alive pools; a pooled socket was opened to an address that was checked when it was opened. */
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });

function pinnedLookup(pinned: PinnedAddress): LookupFunction {
  return (_host, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (error: null, all: { address: string; family: number }[]) => void)(null, [
        { address: pinned.address, family: pinned.family },
      ]);
    } else callback(null, pinned.address, pinned.family);
  };
}

export interface OutboundRequest {
  url: string | URL;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Whole request, connect to last byte of the headers; the caller's signal covers the body. */
  timeoutMs?: number;
}

/**
 * One HTTP request under the policy: checked, resolved, pinned, never redirected (a 3xx is
 * answered as it is). Resolves with the response once its headers arrive.
 */
export async function outboundRequest(
  request: OutboundRequest,
  policy: OutboundPolicy,
  lookup?: HostLookup,
): Promise<IncomingMessage> {
  const target = urlTarget(request.url);
  const pinned = await resolveOutbound(target, policy, lookup);
  const https = target.url.protocol === 'https:';
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
    headers['content-length'] = String(
      typeof request.body === 'string' ? Buffer.byteLength(request.body) : request.body.byteLength,
    );
  return new Promise<IncomingMessage>((resolve, reject) => {
    const send = https ? httpsRequest : httpRequest;
    const req = send(target.url, {
      method: request.method ?? 'GET',
      headers,
      agent: https ? httpsAgent : httpAgent,
      lookup: pinnedLookup(pinned),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.timeoutMs ? { timeout: request.timeoutMs } : {}),
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('The server did not answer in time.'), { code: 'ETIMEDOUT' })),
    );
    if (request.body !== undefined) req.end(request.body);
    else req.end();
  });
}

type FetchInput = string | URL | { url: string };

function bodyOf(body: unknown): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('This request body cannot be sent through the outbound guard.');
}

/**
 * A body the SDKs hand to `fetch` as FormData, a Blob or a stream (a multipart upload: an audio
 * transcription's file), encoded as fetch would encode it; a FormData's Content-Type (with its
 * boundary) replaces the caller's. Other bodies as `bodyOf` takes them.
 */
async function encodedBody(
  body: unknown,
  headers: Record<string, string>,
): Promise<string | Uint8Array | undefined> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (isForm || body instanceof Blob || body instanceof ReadableStream) {
    const encoded = new Response(body as ConstructorParameters<typeof Response>[0]);
    const type = encoded.headers.get('content-type');
    if (type && (isForm || !headers['content-type'])) headers['content-type'] = type;
    return new Uint8Array(await encoded.arrayBuffer());
  }
  return bodyOf(body);
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for SDKs (the openai client takes one) that sends every request through
 * `outboundRequest`: the same checks, the pinned address, and redirects answered, not followed.
 */
export function guardedFetch(policy: () => OutboundPolicy, lookup?: HostLookup): typeof fetch {
  const guarded = async (input: FetchInput, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' || input instanceof URL ? input : input.url;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = await encodedBody(init.body, headers);
    const response = await outboundRequest(
      {
        url,
        method: init.method ?? 'GET',
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      },
      policy(),
      lookup,
    );
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
    }
    const status = response.statusCode ?? 502;
    if (nullBodyStatuses.has(status)) response.resume();
    return new Response(
      nullBodyStatuses.has(status) ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>),
      { status, statusText: response.statusMessage ?? '', headers: responseHeaders },
    );
  };
  return guarded as typeof fetch;
}
