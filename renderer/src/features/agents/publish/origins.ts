/**
 * Web addresses of the Publish panel: the websites a channel may be embedded on (allowed origins),
 * and the embed code and link customers use.
 */

/** Why an allowed origin was refused; each has a sentence under agents.publish.origins.problems. */
export type OriginProblem = 'empty' | 'format' | 'path' | 'insecure' | 'repeated';

/** The shape the core accepts (main/contract/methods/channels.ts originSchema). */
const originShape = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a host name is this computer (where a site under development runs over plain http). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return loopbackHosts.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A website's origin as a channel allows it: `https://host[:port]`, and plain `http` only for this
 * computer (localhost, 127.0.0.1, [::1]). A typed address without a scheme is taken as https; a
 * trailing slash is dropped; anything after the host (a path, a query) is refused, since an origin
 * names a whole site.
 */
export function checkOrigin(
  input: string,
  existing: readonly string[] = [],
): { origin: string } | { problem: OriginProblem } {
  const typed = input.trim();
  if (!typed) return { problem: 'empty' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { problem: 'format' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'format' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(withScheme)) return { problem: 'format' };
  if (url.username || url.password) return { problem: 'format' };
  const afterHost = withScheme.replace(/^[a-z]+:\/\/[^/?#]*/i, '');
  if (afterHost.replace(/\/+$/, '') !== '') return { problem: 'path' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { problem: 'insecure' };
  const origin = url.origin.toLowerCase();
  if (!originShape.test(origin)) return { problem: 'format' };
  if (existing.includes(origin)) return { problem: 'repeated' };
  return { origin };
}

/** What the box to add an address holds, and why it was refused (a key of origins.problems). */
export interface OriginInput {
  typed: string;
  problem: OriginProblem | null;
}

/**
 * Adds what the box holds to the list: the new list and an empty box, or the box with its problem.
 * The form calls it too when saved, so an address typed but not added is not lost.
 */
export function addTyped(origins: string[], input: OriginInput): { origins: string[]; input: OriginInput } {
  if (!input.typed.trim()) return { origins, input: { typed: '', problem: null } };
  const checked = checkOrigin(input.typed, origins);
  if ('problem' in checked) return { origins, input: { ...input, problem: checked.problem } };
  return { origins: [...origins, checked.origin], input: { typed: '', problem: null } };
}

/** The code a business pastes into its website: the widget, loaded from the public door. */
export function embedCode(origin: string, publicId: string): string {
  return `<script src="${origin}/widget.js" data-channel="${publicId}" async></script>`;
}

/** The hosted chat page: a link to share, and the QR code's target. */
export function hostedLink(origin: string, publicId: string): string {
  return `${origin}/c/${publicId}`;
}

/**
 * The origin the embed code and links name: the public door's own address when the installation has
 * one (`setup.status` publicOrigin), else the address this app is served from (its listener answers
 * the public door too, so it works on this computer and for trying it out); null where the app is
 * not served over http (the desktop window) and there is no public door.
 */
export function shareOrigin(
  publicOrigin: string | null,
  page: { protocol: string; origin: string },
): string | null {
  if (publicOrigin) return publicOrigin;
  return page.protocol === 'http:' || page.protocol === 'https:' ? page.origin : null;
}

/** How far customers reach the address the panel shows. */
export type Reach = 'public' | 'thisComputer' | 'none';

export function reachOf(publicOrigin: string | null): Reach {
  if (!publicOrigin) return 'none';
  try {
    return isLoopbackHost(new URL(publicOrigin).hostname) ? 'thisComputer' : 'public';
  } catch {
    return 'none';
  }
}
