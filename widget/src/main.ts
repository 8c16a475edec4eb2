import { mount, type Mode } from './ui';
import { apiOrigin, publicIdFromPath } from './place';
import type { KeyValueStore } from './storage';
import { pageTouch } from './touch';

/**
 * The entry of widget.js. On any site: `<script src="https://…/widget.js" data-channel="<publicId>"
 * async></script>` adds the launcher and the chat panel. On the hosted chat page (`/c/<publicId>`, the
 * same script with `data-mode="page"`) the chat fills the page and the channel comes from the path.
 * The public API is wherever the script came from.
 */

function store(kind: 'localStorage' | 'sessionStorage'): KeyValueStore | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

function start(script: HTMLScriptElement): void {
  const mode: Mode = script.dataset.mode === 'page' ? 'page' : 'bubble';
  // the hosted page: the channel from its path (/c/<publicId>), else from the server's <meta name="mf-channel">
  const publicId =
    mode === 'page'
      ? (publicIdFromPath(location.pathname) ??
        document.querySelector<HTMLMetaElement>('meta[name="mf-channel"]')?.content ??
        null)
      : (script.dataset.channel ?? null);
  if (!publicId) {
    console.warn('Mindframe chat: no channel given (data-channel="<publicId>").');
    return;
  }
  // once per channel, however often the script is included
  if (document.querySelector(`mindframe-chat[data-channel="${CSS.escape(publicId)}"]`)) return;
  const onReady: Parameters<typeof mount>[0]['onReady'] =
    mode === 'page'
      ? (language, settings, t) => {
          document.documentElement.lang = language;
          document.title = t.chatWith.replace('{name}', settings.name);
        }
      : undefined;
  void mount({
    publicId,
    origin: apiOrigin(script.src, location.href),
    mode,
    storage: store('localStorage'),
    session: store('sessionStorage'),
    preferred: navigator.languages?.length ? navigator.languages : [navigator.language],
    touch: pageTouch(location.href, document.referrer),
    ...(onReady ? { onReady } : {}),
  });
}

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>(
    'script[src*="widget.js"][data-channel], script[src*="widget.js"][data-mode]',
  );
if (script) {
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
}
