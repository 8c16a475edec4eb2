/** The token inside a pasted reset link (`…/#/reset/<token>`), or the pasted code itself. */
export function resetToken(pasted: string): string | null {
  const text = pasted.trim();
  const fromLink = /#\/reset\/([^/?#\s]+)/.exec(text);
  let token = text;
  if (fromLink) {
    try {
      token = decodeURIComponent(fromLink[1]!);
    } catch {
      return null;
    }
  }
  return /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}
