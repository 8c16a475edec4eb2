import { useEffect, useRef, type MouseEvent } from 'react';

/**
 * Shows a whole e-mail (HTML with inline styles and a <style> block) inside the app, as its
 * recipient sees it.
 *
 * Not in a frame: the app's Content-Security-Policy (style-src 'self') reaches a srcdoc frame and
 * drops the mail's inline styles, and a frame that may not run scripts stops the accessibility
 * checks (axe cannot enter it). So the mail is parsed inert (DOMParser), stripped of anything
 * active (scripts, frames, forms, event handler attributes) and placed in a shadow root: its styles
 * stay inside it and are applied through the CSSOM (a constructed style sheet, `element.style`),
 * which the policy allows; the policy's script-src 'self' still stops anything inline from running.
 * Clicking a link in the preview goes nowhere.
 */
export function EmailFrame({ html, title, className }: { html: string; title: string; className?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    // the mail's background fills the preview when the mail is shorter than it
    element.style.backgroundColor = writeMail(root, html);
  }, [html]);
  const stayHere = (event: MouseEvent) => {
    if (event.nativeEvent.composedPath().some((target) => target instanceof HTMLAnchorElement))
      event.preventDefault();
  };
  return (
    <div role="region" aria-label={title} tabIndex={0} onClickCapture={stayHere} className={className}>
      <div ref={host} className="min-h-full" />
    </div>
  );
}

const active = 'script, iframe, frame, object, embed, link, base, form, meta, title, noscript, template';

/** Writes the mail into the shadow root; answers its background colour. */
function writeMail(root: ShadowRoot, html: string): string {
  // even an inert document's style attributes and <style> meet the policy (and are reported), so
  // they leave the text before it is parsed: the style sheets as text, the attributes renamed
  const sheets: string[] = [];
  const source = html
    .replace(/<style\b[^>]*>([\s\S]*?)<\/style>/gi, (_all, css: string) => {
      sheets.push(css);
      return '';
    })
    .replace(/(<[^>]*?\s)style=("[^"]*"|'[^']*')/gi, '$1data-mail-style=$2');
  const css = sheets.join('\n');
  const mail = new DOMParser().parseFromString(source, 'text/html');
  mail.querySelectorAll(`style, ${active}`).forEach((element) => element.remove());
  for (const element of mail.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' || name === 'id' || name === 'style')
        element.removeAttribute(attribute.name);
    }
  }
  // the mail's <body> becomes a block of its own, with the body's colours and the mail's language
  const body = document.createElement('div');
  body.lang = mail.documentElement.lang;
  body.className = mail.body.className;
  const bodyStyle = mail.body.getAttribute('data-mail-style') ?? '';
  body.append(...[...mail.body.childNodes].map((node) => document.importNode(node, true)));
  for (const element of body.querySelectorAll<HTMLElement>('[data-mail-style]')) {
    element.style.cssText = element.getAttribute('data-mail-style') ?? '';
    element.removeAttribute('data-mail-style');
  }
  body.style.cssText = bodyStyle;
  const sheet = new CSSStyleSheet();
  try {
    // the mail's `body` rules apply to the block that stands for it
    sheet.replaceSync(
      `:host { all: initial; display: block; }\n${css.replace(/(^|[\s,{}])body(?=[\s,{.:#[])/g, '$1:host > div')}`,
    );
  } catch {
    // a rule the browser cannot read: the inline styles still apply
  }
  root.adoptedStyleSheets = [sheet];
  root.replaceChildren(body);
  return body.style.backgroundColor;
}
