/**
 * SSRF guard of http nodes. At validation the URL's host must be written out, allowed by the node,
 * and (unless the node allows the private network) not a loopback, private, link-local or other
 * non-public address. At run time the host is resolved and every address it has is checked; the
 * caller connects to the returned address so a second DNS answer cannot move the request inside.
 */
import { promises as dns } from 'node:dns';

export interface HttpTargetOptions {
  allowedHosts: readonly string[];
  allowPrivateNetwork: boolean;
}

export type HttpTargetResult =
  { ok: true } | { ok: false; code: 'invalid_url' | 'blocked_host'; message: string };

export type ResolvedTarget =
  | { ok: true; url: URL; hostname: string; address: string; family: 4 | 6 }
  | { ok: false; code: 'invalid_url' | 'blocked_host' | 'unresolvable'; message: string };

export type HostLookup = (
  hostname: string,
  options: { all: true; verbatim: true },
) => Promise<{ address: string; family: number }[]>;

type IpAddress = { family: 4; bytes: number[] } | { family: 6; bytes: number[] };

const templatePattern = /\{\{[\s\S]*?\}\}/g;

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

function parseIp(host: string): IpAddress | null {
  const v4 = parseIPv4(host);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = host.includes(':') ? parseIPv6(host) : null;
  return v6 ? { family: 6, bytes: v6 } : null;
}

function isPrivateIPv4([a, b, c]: number[]): boolean {
  if (a === undefined || b === undefined || c === undefined) return true;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF assignments, documentation
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

function isPrivateIPv6(bytes: number[]): boolean {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  const word = (i: number) => (bytes[i]! << 8) | bytes[i + 1]!;
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address to judge.
  if (zeros(0, 10) && word(10) === 0xffff) return isPrivateIPv4(bytes.slice(12));
  if (word(0) === 0x64 && word(2) === 0xff9b && zeros(4, 12)) return isPrivateIPv4(bytes.slice(12));
  if (word(0) === 0x2002) return isPrivateIPv4(bytes.slice(2, 6)); // 6to4
  if (word(0) === 0x2001 && bytes[2]! < 2) return true; // Teredo, benchmarking, ORCHID
  if (word(0) === 0x2001 && word(2) === 0x0db8) return true; // documentation
  // Everything outside global unicast 2000::/3 (loopback, unspecified, unique-local, link-local,
  // multicast, IPv4-compatible, discard) is not a public destination.
  return (bytes[0]! & 0xe0) !== 0x20;
}

/** True for loopback, private, link-local, CGNAT, multicast, unspecified and other non-public IPs. */
export function isPrivateAddress(address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  return ip.family === 4 ? isPrivateIPv4(ip.bytes) : isPrivateIPv6(ip.bytes);
}

function bareHost(hostname: string): string {
  const lower = hostname.toLowerCase();
  const unbracketed = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

/** An allowed-hosts entry in the form URL hostnames take (punycode, canonical IPs), or null. */
function normalizeAllowedHost(entry: string): { host: string; wildcard: boolean } | null {
  let text = entry.trim().toLowerCase();
  const wildcard = text.startsWith('*.');
  if (wildcard) text = text.slice(2);
  if (text === '') return null;
  try {
    let asUrl = `http://${text}`;
    if (text.includes('://')) asUrl = text;
    else if (!text.startsWith('[') && parseIPv6(text)) asUrl = `http://[${text}]`;
    const host = bareHost(new URL(asUrl).hostname);
    return host === '' ? null : { host, wildcard };
  } catch {
    return null;
  }
}

function isAllowed(host: string, allowedHosts: readonly string[]): boolean {
  for (const entry of allowedHosts) {
    const allowed = normalizeAllowedHost(entry);
    if (!allowed) continue;
    if (allowed.wildcard ? host.endsWith(`.${allowed.host}`) : host === allowed.host) return true;
  }
  return false;
}

const isLocalName = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost');

function checkHost(hostname: string, options: HttpTargetOptions): HttpTargetResult {
  const host = bareHost(hostname);
  const ip = parseIp(host);
  if (!options.allowPrivateNetwork) {
    const isPrivate = ip
      ? ip.family === 4
        ? isPrivateIPv4(ip.bytes)
        : isPrivateIPv6(ip.bytes)
      : isLocalName(host);
    if (isPrivate)
      return {
        ok: false,
        code: 'blocked_host',
        message: `${host} is a local or private network address. Turn on "Allow private network" for this node to call it.`,
      };
  }
  if (!isAllowed(host, options.allowedHosts))
    return {
      ok: false,
      code: 'blocked_host',
      message: `${host} is not in this node's allowed hosts. Add it (or a pattern like *.example.com) to call it.`,
    };
  return { ok: true };
}

/**
 * Parses the URL. With `placeholders` (the static check), `{{ … }}` in the path and query stand
 * for text; at run time the URL is already rendered and is taken as it is.
 */
function parseTarget(
  rawUrl: string,
  placeholders: boolean,
): { ok: true; url: URL } | { ok: false; code: 'invalid_url'; message: string } {
  const invalid = (message: string) => ({ ok: false as const, code: 'invalid_url' as const, message });
  const raw = rawUrl.trim();
  if (raw === '') return invalid('Enter the URL to call.');
  const head = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\\]*)/.exec(raw);
  if (!head) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw) && !/^https?:/i.test(raw)
      ? invalid('Only http:// and https:// URLs can be called.')
      : invalid('The URL must start with http:// or https:// followed by a host name.');
  }
  const scheme = head[1]!.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https')
    return invalid('Only http:// and https:// URLs can be called.');
  const authority = head[2]!;
  if (authority.includes('{{') || authority.includes('}}'))
    return invalid('Write the host name out in full; variables can only be used in the path and query.');
  if (authority.includes('@'))
    return invalid('Remove the user name and password from the URL; send credentials in a header instead.');
  // The URL parser silently drops tabs and newlines, which would let a host be spelled in pieces.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(authority))
    return invalid('The host name contains spaces or control characters.');
  const concrete = placeholders ? raw.replace(templatePattern, 'x') : raw;
  let url: URL;
  try {
    url = new URL(concrete);
  } catch {
    return invalid('This is not a valid URL.');
  }
  if (url.hostname === '') return invalid('The URL has no host name.');
  return { ok: true, url };
}

/** The static check of an http node's URL (placeholders allowed after the host). */
export function checkHttpTarget(rawUrl: string, options: HttpTargetOptions): HttpTargetResult {
  const target = parseTarget(rawUrl, true);
  if (!target.ok) return target;
  return checkHost(target.url.hostname, options);
}

const systemLookup: HostLookup = (hostname, options) => dns.lookup(hostname, options);

/**
 * The run-time check of a rendered URL: resolves the host and refuses it when any of its addresses
 * is not public (unless allowed). Connect to the returned address to keep DNS from changing it.
 */
export async function resolvePublicAddress(
  url: string | URL,
  options: HttpTargetOptions,
  lookup: HostLookup = systemLookup,
): Promise<ResolvedTarget> {
  const target = parseTarget(typeof url === 'string' ? url : url.href, false);
  if (!target.ok) return target;
  const checked = checkHost(target.url.hostname, options);
  if (!checked.ok) return checked;
  const hostname = bareHost(target.url.hostname);
  const literal = parseIp(hostname);
  if (literal) return { ok: true, url: target.url, hostname, address: hostname, family: literal.family };
  let answers: { address: string; family: number }[];
  try {
    answers = await lookup(hostname, { all: true, verbatim: true });
  } catch {
    return { ok: false, code: 'unresolvable', message: `The address of ${hostname} could not be found.` };
  }
  let first: { address: string; family: 4 | 6 } | null = null;
  for (const answer of answers) {
    const ip = parseIp(answer.address);
    if (!ip)
      return {
        ok: false,
        code: 'blocked_host',
        message: `${hostname} resolves to an address that cannot be checked.`,
      };
    const isPrivate = ip.family === 4 ? isPrivateIPv4(ip.bytes) : isPrivateIPv6(ip.bytes);
    if (isPrivate && !options.allowPrivateNetwork)
      return {
        ok: false,
        code: 'blocked_host',
        message: `${hostname} resolves to a local or private network address. Turn on "Allow private network" for this node to call it.`,
      };
    first ??= { address: answer.address.split('%')[0]!, family: ip.family };
  }
  if (!first)
    return { ok: false, code: 'unresolvable', message: `The address of ${hostname} could not be found.` };
  return { ok: true, url: target.url, hostname, ...first };
}
