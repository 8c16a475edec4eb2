import { useEffect, useRef } from 'react';

/**
 * Shows a whole e-mail (HTML with inline styles and a <style> block) inside the app.
 *
 * The app's Content-Security-Policy (style-src 'self') reaches any document in its frames, srcdoc
 * included, so a mail's inline styles would be dropped there. Styles set through the CSSOM are not
 * subject to it: the mail is parsed inert (DOMParser), stripped of anything active, and written into
 * a frame that may run nothing (no allow-scripts; allow-same-origin only so that this code can write
 * into it), its style attributes set through `element.style` and its <style> as a constructed
 * style sheet.
 */
export function EmailFrame({ html, title, className }: { html: string; title: string; className?: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const frame = ref.current;
    const doc = frame?.contentDocument;
    const win = frame?.contentWindow as (Window & typeof globalThis) | null | undefined;
    if (doc && win) writeMail(doc, win, html);
  }, [html]);
  return <iframe ref={ref} sandbox="allow-same-origin" title={title} className={className} />;
}

const active = 'script, iframe, frame, object, embed, link, base, form, meta, title, noscript';

function writeMail(doc: Document, win: Window & typeof globalThis, html: string): void {
  const mail = new DOMParser().parseFromString(html, 'text/html');
  const css = [...mail.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
  mail.querySelectorAll(`style, ${active}`).forEach((element) => element.remove());
  for (const element of mail.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc') element.removeAttribute(attribute.name);
      else if (name === 'style') {
        element.setAttribute('data-mail-style', attribute.value);
        element.removeAttribute('style');
      }
    }
  }
  const body = doc.importNode(mail.body, true);
  doc.documentElement.lang = mail.documentElement.lang;
  doc.head.replaceChildren();
  doc.body.replaceWith(body);
  for (const element of body.querySelectorAll<HTMLElement>('[data-mail-style]')) {
    element.style.cssText = element.getAttribute('data-mail-style') ?? '';
    element.removeAttribute('data-mail-style');
  }
  if (body.hasAttribute('data-mail-style')) {
    body.style.cssText = body.getAttribute('data-mail-style') ?? '';
    body.removeAttribute('data-mail-style');
  }
  const sheet = new win.CSSStyleSheet();
  try {
    sheet.replaceSync(css);
  } catch {
    // a rule the browser cannot read: the inline styles still apply
  }
  doc.adoptedStyleSheets = [sheet];
}
