/**
 * The `host:port` a URL or an SMTP server connects to, written the way the installation's
 * allow-list writes it (the browser's URL parser normalises hosts as the core's does).
 */
export function hostPortOfUrl(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    const host = parsed.hostname.replace(/\.$/, '');
    if (!host) return null;
    return `${host}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return null;
  }
}

export function hostPortOf(host: string, port: number): string | null {
  const trimmed = host.trim();
  if (!trimmed || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  const bracketed = trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
  return hostPortOfUrl(`http://${bracketed}:${port}/`);
}
