/**
 * SSRF guard of http nodes. At validation the URL's host must be written out, allowed by the node,
 * and (unless the node allows the private network) not a loopback, private, link-local or other
 * non-public address; a node that allows the private network still reaches only the host:ports
 * the platform admin put on the installation's allow-list. At run time the host is resolved and
 * every address it has is checked; the caller connects to the returned address so a second DNS
 * answer cannot move the request inside. The address rules are the outbound guard's
 * (main/core/lib/outbound-guard.ts), shared with providers, webhooks and SMTP.
 */
import type { Message } from '../../../contract';
import { said, type Said } from '../../lib/message';
import {
  emptyAllowList,
  hostPortKey,
  isLocalName,
  isNonPublicIp,
  isPrivateAddress,
  OutboundBlockedError,
  parseIp,
  parseIPv4,
  parseIPv6,
  refusalSaid,
  resolveOutbound,
  type HostLookup,
  type OutboundAllowList,
} from '../../lib/outbound-guard';

export { isPrivateAddress, parseIPv4, parseIPv6, type HostLookup };

export interface HttpTargetOptions {
  allowedHosts: readonly string[];
  allowPrivateNetwork: boolean;
  /** The installation's allow-list: the only private host:ports a node that opens them may reach. */
  installation?: OutboundAllowList;
}

/** Why an address is refused: `message` in English, `detail` for the person (flow.url.*, outbound.refused). */
interface Refused<Code extends string> {
  ok: false;
  code: Code;
  message: string;
  detail: Message;
}

export type HttpTargetResult = { ok: true } | Refused<'invalid_url' | 'blocked_host'>;

export type ResolvedTarget =
  | { ok: true; url: URL; hostname: string; address: string; family: 4 | 6 }
  | Refused<'invalid_url' | 'blocked_host' | 'unresolvable'>;

function refused<Code extends string>(code: Code, what: Said): Refused<Code> {
  return { ok: false, code, message: what.text, detail: what.message };
}

const templatePattern = /\{\{[\s\S]*?\}\}/g;

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

const defaultPort = (url: URL): number =>
  url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;

/** Whether the installation allows this private host:port (a localhost name counts as 127.0.0.1). */
function installationAllows(host: string, port: number, options: HttpTargetOptions): boolean {
  const list = options.installation ?? emptyAllowList;
  if (list.allows(hostPortKey(host, port))) return true;
  return isLocalName(host) && list.allows(hostPortKey('127.0.0.1', port));
}

function checkHost(hostname: string, port: number, options: HttpTargetOptions): HttpTargetResult {
  const host = bareHost(hostname);
  const ip = parseIp(host);
  const isPrivate = ip ? isNonPublicIp(ip) : isLocalName(host);
  if (isPrivate && !options.allowPrivateNetwork)
    return refused(
      'blocked_host',
      said(
        'flow.url.private',
        { host },
        `${host} is a local or private network address. Turn on "Allow private network" for this node to call it.`,
      ),
    );
  if (isPrivate && !installationAllows(host, port, options)) {
    const address = hostPortKey(host, port);
    return refused(
      'blocked_host',
      said(
        'flow.url.private_not_allowed',
        { address },
        `${address} is a local or private network address that this installation does not allow. The platform admin can allow it.`,
      ),
    );
  }
  if (!isAllowed(host, options.allowedHosts))
    return refused(
      'blocked_host',
      said(
        'flow.url.not_allowed',
        { host },
        `${host} is not in this node's allowed hosts. Add it (or a pattern like *.example.com) to call it.`,
      ),
    );
  return { ok: true };
}

/**
 * Parses the URL. With `placeholders` (the static check), `{{ … }}` in the path and query stand
 * for text; at run time the URL is already rendered and is taken as it is.
 */
function parseTarget(rawUrl: string, placeholders: boolean): { ok: true; url: URL } | Refused<'invalid_url'> {
  const invalid = (what: Said) => refused('invalid_url', what);
  const raw = rawUrl.trim();
  if (raw === '') return invalid(said('flow.url.empty', undefined, 'Enter the URL to call.'));
  const head = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\\]*)/.exec(raw);
  const schemeOnly = said('flow.url.scheme', undefined, 'Only http:// and https:// URLs can be called.');
  if (!head) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw) && !/^https?:/i.test(raw)
      ? invalid(schemeOnly)
      : invalid(
          said(
            'flow.url.no_scheme',
            undefined,
            'The URL must start with http:// or https:// followed by a host name.',
          ),
        );
  }
  const scheme = head[1]!.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return invalid(schemeOnly);
  const authority = head[2]!;
  if (authority.includes('{{') || authority.includes('}}')) return invalid(said('flow.url.host_placeholder'));
  if (authority.includes('@'))
    return invalid(
      said(
        'flow.url.credentials',
        undefined,
        'Remove the user name and password from the URL; send credentials in a header instead.',
      ),
    );
  // The URL parser silently drops tabs and newlines, which would let a host be spelled in pieces.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(authority)) return invalid(said('flow.url.host_spaces'));
  const concrete = placeholders ? raw.replace(templatePattern, 'x') : raw;
  let url: URL;
  try {
    url = new URL(concrete);
  } catch {
    return invalid(said('flow.url.invalid', undefined, 'This is not a valid URL.'));
  }
  if (url.hostname === '') return invalid(said('flow.url.no_host', undefined, 'The URL has no host name.'));
  return { ok: true, url };
}

/** The static check of an http node's URL (placeholders allowed after the host). */
export function checkHttpTarget(rawUrl: string, options: HttpTargetOptions): HttpTargetResult {
  const target = parseTarget(rawUrl, true);
  if (!target.ok) return target;
  return checkHost(target.url.hostname, defaultPort(target.url), options);
}

/**
 * The run-time check of a rendered URL: resolves the host and refuses it when any of its addresses
 * is not public (unless the node opens the private network and the installation allows it).
 * Connect to the returned address to keep DNS from changing it.
 */
export async function resolvePublicAddress(
  url: string | URL,
  options: HttpTargetOptions,
  lookup?: HostLookup,
): Promise<ResolvedTarget> {
  const target = parseTarget(typeof url === 'string' ? url : url.href, false);
  if (!target.ok) return target;
  const port = defaultPort(target.url);
  const checked = checkHost(target.url.hostname, port, options);
  if (!checked.ok) return checked;
  const hostname = bareHost(target.url.hostname);
  try {
    const pinned = await resolveOutbound(
      { host: hostname, port, key: hostPortKey(hostname, port) },
      { allowList: options.installation ?? emptyAllowList, privateNetwork: options.allowPrivateNetwork },
      lookup,
    );
    return { ok: true, url: target.url, hostname, ...pinned };
  } catch (error) {
    if (!(error instanceof OutboundBlockedError)) throw error;
    if (error.reason === 'unresolvable') return refused('unresolvable', refusalSaid(error));
    return refused(
      'blocked_host',
      options.allowPrivateNetwork
        ? refusalSaid(error)
        : said(
            'flow.url.resolves_private',
            { host: hostname },
            `${hostname} resolves to a local or private network address. Turn on "Allow private network" for this node to call it.`,
          ),
    );
  }
}
