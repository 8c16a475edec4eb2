export interface SnippetPart {
  text: string;
  mark: boolean;
}

/**
 * Splits a search snippet whose matches are wrapped in `[` and `]` into plain and marked parts, to
 * render as text and <mark> elements (never as HTML). A bracket without its partner stays as text.
 */
export function markSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, mark: boolean) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
  };
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf('[');
    if (open === -1) break;
    const close = rest.indexOf(']', open + 1);
    if (close === -1) break;
    const inner = rest.slice(open + 1, close);
    if (inner.includes('[')) {
      // "[a [b]": the first bracket has no partner of its own
      push(rest.slice(0, open + 1), false);
      rest = rest.slice(open + 1);
      continue;
    }
    push(rest.slice(0, open), false);
    if (inner) push(inner, true);
    else push('[]', false);
    rest = rest.slice(close + 1);
  }
  push(rest, false);
  return parts;
}
