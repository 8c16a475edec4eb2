/** The token inside a pasted invitation link (`…/#/invite/<token>`), or the pasted code itself. */
export function invitationToken(pasted: string): string | null {
  const text = pasted.trim();
  const fromLink = /#\/invite\/([^/?#\s]+)/.exec(text);
  const token = fromLink ? decodeURIComponent(fromLink[1]!) : text;
  return /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}

/** In the desktop app the page lives at app://, which nobody else can open: share the code instead. */
export function invitationIsShareableLink(): boolean {
  return window.location.protocol === 'http:' || window.location.protocol === 'https:';
}
