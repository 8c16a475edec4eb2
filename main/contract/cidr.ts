/**
 * IPv4 and IPv6 addresses and CIDR ranges, for the installation's IP allow-list. Pure functions
 * shared by the contract (validation), the core (settings) and the served host (the check).
 */

export interface ParsedAddress {
  version: 4 | 6;
  /** 32 or 128 bits, most significant first. */
  value: bigint;
}

export interface ParsedCidr extends ParsedAddress {
  prefix: number;
}

function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255 || (part.length > 1 && part.startsWith('0'))) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIPv6(text: string): bigint | null {
  if (text.includes('%')) text = text.slice(0, text.indexOf('%'));
  let groups: string[];
  // an embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  let v4Tail: bigint | null = null;
  if (tail.includes('.')) {
    v4Tail = parseIPv4(tail);
    if (v4Tail === null) return null;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return null;
    groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return null;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (v4Tail !== null) value = (value & ~0xffffffffn) | v4Tail;
  return value;
}

/** Parses an address; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is answered as IPv4. */
export function parseAddress(text: string): ParsedAddress | null {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseIPv6(trimmed);
    if (value === null) return null;
    if (value >> 32n === 0xffffn) return { version: 4, value: value & 0xffffffffn };
    return { version: 6, value };
  }
  const value = parseIPv4(trimmed);
  return value === null ? null : { version: 4, value };
}

/** "10.0.0.0/8", "2001:db8::/32", or a single address (a /32 or /128). */
export function parseCidr(text: string): ParsedCidr | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || !address) return null;
  const parsed = parseAddress(address);
  if (!parsed) return null;
  // a mapped IPv6 address with an IPv6 prefix is not worth supporting: say so
  if (parsed.version === 4 && address.includes(':')) return null;
  const bits = parsed.version === 4 ? 32 : 128;
  if (prefixText === undefined) return { ...parsed, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > bits) return null;
  return { ...parsed, prefix };
}

export function cidrContains(cidr: ParsedCidr, address: ParsedAddress): boolean {
  if (cidr.version !== address.version) return false;
  const bits = BigInt(cidr.version === 4 ? 32 : 128);
  const shift = bits - BigInt(cidr.prefix);
  return cidr.value >> shift === address.value >> shift;
}

/** 127.0.0.0/8 and ::1 are always allowed, whatever the list says. */
export function isLoopback(address: ParsedAddress): boolean {
  return address.version === 4 ? address.value >> 24n === 127n : address.value === 1n;
}

/** Whether an address may pass an allow-list; an empty list allows everyone. */
export function ipAllowed(ip: string, list: readonly string[]): boolean {
  if (list.length === 0) return true;
  const address = parseAddress(ip);
  if (!address) return false;
  if (isLoopback(address)) return true;
  return list.some((entry) => {
    const cidr = parseCidr(entry);
    return cidr !== null && cidrContains(cidr, address);
  });
}
