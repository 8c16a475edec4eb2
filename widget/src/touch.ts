/**
 * Where the page that opened the chat came from (issue 17, marketing): its utm_* tags and the host of
 * its referrer, sent once with the first message of each page load. The server validates, trims,
 * lower-cases and caps them again; the widget only keeps them short.
 */
export interface PageTouch {
  source?: string;
  medium?: string;
  campaign?: string;
  content?: string;
  term?: string;
  /** The referring page's host name (never its path or query). */
  referrer?: string;
}

const tags = ['source', 'medium', 'campaign', 'content', 'term'] as const;

/** The page's touch: UTM tags from its address, and the referrer's host when it is another site. */
export function pageTouch(href: string, referrer: string): PageTouch {
  const touch: PageTouch = {};
  let page: URL | null = null;
  try {
    page = new URL(href);
  } catch {
    page = null;
  }
  for (const tag of tags) {
    const value = page?.searchParams.get(`utm_${tag}`)?.trim();
    if (value) touch[tag] = value.slice(0, 100);
  }
  try {
    const host = referrer ? new URL(referrer).hostname.toLowerCase() : '';
    if (host && host !== page?.hostname.toLowerCase()) touch.referrer = host.slice(0, 253);
  } catch {
    // not an address: no referrer
  }
  return touch;
}
