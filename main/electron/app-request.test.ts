import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../contract';
import { appEntryUrl } from './app-origin';
import { createAppRequestHandler } from './app-request';

let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mindframe-app-protocol-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Mindframe</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
  handle = createAppRequestHandler(root);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('app:// protocol answers', () => {
  it('serve the renderer build with the CSP and security headers', async () => {
    const page = await handle(new Request(appEntryUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Mindframe</title>');
    expectSecurityHeaders(page);

    const route = await handle(new Request('app://mindframe/agents/42'));
    expect(route.status).toBe(200);
    expectSecurityHeaders(route);

    const script = await handle(new Request('app://mindframe/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expectSecurityHeaders(script);

    const head = await handle(new Request(appEntryUrl, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expectSecurityHeaders(head);
  });

  it('carry the CSP on every error answer too', async () => {
    const cases: [Request, number][] = [
      [new Request('app://mindframe/assets/missing.js'), 404],
      [new Request('app://evil/index.html'), 403],
      [new Request(appEntryUrl, { method: 'POST', body: 'x' }), 405],
    ];
    for (const [request, status] of cases) {
      const response = await handle(request);
      expect(response.status, `${request.method} ${request.url}`).toBe(status);
      expectSecurityHeaders(response);
    }
  });
});
