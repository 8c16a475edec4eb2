/** What the host running the core tells it about itself once it listens (served mode, desktop). */
export interface HostInfo {
  /**
   * The origin customers reach the channels' public door at (the listener of `serve --public-port`,
   * or the address of the reverse proxy in front of it); null while there is none.
   */
  publicOrigin: string | null;
  /**
   * The origin people reach the app itself at, so e-mails can link to a page (`#/reset/<token>`):
   * `serve --app-url`, else the listener's own address when it listens on a concrete one; null on
   * a wildcard listener without --app-url, and on the desktop (its app:// pages are no link).
   */
  appOrigin: string | null;
  /**
   * The desktop's loopback return page (RFC 8252 §7.3 style): the host starts a tiny page on
   * 127.0.0.1 on demand and answers its origin ("http://127.0.0.1:53682"), so Stripe Checkout and
   * the billing portal, opened in the system browser, can send the customer back somewhere. Asked
   * only when neither appOrigin nor publicOrigin is known; absent (served mode) or null: none.
   */
  checkoutReturnOrigin?: (() => Promise<string | null>) | null;
}

/** An http(s) URL as its origin ("https://chat.example.com", no path, no trailing slash). */
export function originOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`A public origin is an http or https URL, not ${parsed.protocol}`);
  return parsed.origin;
}
