import { describe, expect, it } from 'vitest';
import { appEntryUrl } from './app-origin';
import { guardContents, type GuardedContents, permissionHandlers } from './content-guard';

type Listener = (event: { url: string; isMainFrame?: boolean; preventDefault(): void }) => void;

/** A stand-in WebContents that records the listeners the guard installs. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardedContents = {
    onWillNavigate: (listener) => listeners.set('will-navigate', listener),
    onWillFrameNavigate: (listener) => listeners.set('will-frame-navigate', listener),
    onWillRedirect: (listener) => listeners.set('will-redirect', listener),
    onWillAttachWebview: (listener) => listeners.set('will-attach-webview', listener),
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
  };
  /** Emits an event and says whether the guard prevented it. */
  const emit = (name: string, url: string): boolean => {
    let prevented = false;
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  const open = (url: string) => {
    if (!openHandler) throw new Error('no window-open handler');
    return openHandler({ url });
  };
  return { contents, emit, open, listeners };
}

function guarded(openExternal: (url: string) => Promise<void> = async () => undefined) {
  const fake = fakeContents();
  const opened: string[] = [];
  const reports: [string, string][] = [];
  guardContents(fake.contents, {
    openExternal: (url) => {
      opened.push(url);
      return openExternal(url);
    },
    report: (what, url) => reports.push([what, url]),
  });
  return { ...fake, opened, reports };
}

const foreign = [
  'https://evil.example/',
  'http://127.0.0.1:4870/',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://user@mindframe/',
  'data:text/html,<script>1</script>',
  'javascript:alert(1)',
  'about:blank',
  'not a url',
];

describe('navigation guard', () => {
  it('lets the app move between its own pages (navigation, sub-frames and redirects)', () => {
    const guard = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(guard.emit(event, appEntryUrl), event).toBe(false);
      expect(guard.emit(event, 'app://mindframe/agents/1?tab=runs'), event).toBe(false);
    }
    expect(guard.reports).toEqual([]);
  });

  it('stops every navigation and redirect that leaves the app origin, and reports it', () => {
    const guard = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of foreign) expect(guard.emit(event, url), `${event} ${url}`).toBe(true);
    }
    expect(guard.reports).toHaveLength(foreign.length * 3);
    expect(guard.reports).toContainEqual(['navigation', 'https://evil.example/']);
    expect(guard.reports).toContainEqual(['frame navigation', 'file:///etc/passwd']);
    expect(guard.reports).toContainEqual(['redirect', 'http://127.0.0.1:4870/']);
    expect(guard.opened).toEqual([]);
  });

  it('stops a main-frame will-frame-navigate too, reported once (by will-navigate)', () => {
    const guard = guarded();
    let prevented = false;
    guard.listeners.get('will-frame-navigate')!({
      url: 'https://evil.example/',
      isMainFrame: true,
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);
    expect(guard.reports).toEqual([]);
  });

  it('refuses to attach a <webview>', () => {
    const guard = guarded();
    expect(guard.emit('will-attach-webview', appEntryUrl)).toBe(true);
    expect(guard.reports).toEqual([['webview', '']]);
  });
});

describe('window-open handler', () => {
  it('never opens a window; a plain https link goes to the default browser instead', () => {
    const guard = guarded();
    expect(guard.open('https://docs.mindframe.no/guide#keys')).toEqual({ action: 'deny' });
    expect(guard.opened).toEqual(['https://docs.mindframe.no/guide#keys']);
    expect(guard.reports).toEqual([]);
  });

  it('denies and reports everything else without handing it to the OS', () => {
    const guard = guarded();
    const refused = [
      ...foreign.filter((url) => !url.startsWith('https:')),
      appEntryUrl,
      'https://user:pw@example.com/',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
    ];
    for (const url of refused) expect(guard.open(url), url).toEqual({ action: 'deny' });
    expect(guard.opened).toEqual([]);
    expect(guard.reports.map(([what]) => what)).toEqual(refused.map(() => 'window.open'));
  });

  it('reports a browser that cannot be started instead of throwing', async () => {
    const guard = guarded(async () => {
      throw new Error('no browser');
    });
    expect(guard.open('https://example.com/')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(guard.reports).toEqual([['external link (Error: no browser)', 'https://example.com/']]);
  });
});

describe('permission handlers', () => {
  const request = (permission: string, requestingUrl: string | undefined) => {
    let answer: boolean | null = null;
    permissionHandlers.request(null, permission, (granted) => (answer = granted), { requestingUrl });
    return answer;
  };

  it('deny every request and check for devices, location, media and the like', () => {
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'midi',
      'pointerLock',
      'openExternal',
    ]) {
      expect(request(permission, appEntryUrl), permission).toBe(false);
      expect(permissionHandlers.check(null, permission, 'app://mindframe'), permission).toBe(false);
    }
    expect(permissionHandlers.device()).toBe(false);
  });

  it('keep only the clipboard write and notifications, for the app origin only', () => {
    for (const permission of ['clipboard-sanitized-write', 'notifications']) {
      expect(request(permission, appEntryUrl)).toBe(true);
      expect(permissionHandlers.check(null, permission, 'app://mindframe')).toBe(true);
      expect(request(permission, 'https://evil.example/')).toBe(false);
      expect(request(permission, undefined)).toBe(false);
      expect(permissionHandlers.check(null, permission, 'https://evil.example')).toBe(false);
      expect(permissionHandlers.check(null, permission, '')).toBe(false);
    }
  });
});
