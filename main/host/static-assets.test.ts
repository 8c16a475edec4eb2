import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../core/testing/harness';
import { startHost, staticCacheControl, type RunningHost } from './server';

/** A built renderer as scripts/build.mjs leaves it: hashed assets with .br and .gz siblings. */
const dir = mkdtempSync(join(tmpdir(), 'mindframe-static-'));
const script = `export const greeting = ${JSON.stringify('hello, light first load '.repeat(200))};\n`;
const style = `.card { padding: 1rem; }\n`.repeat(100);
const page = `<!doctype html><html><head><script type="module" src="/assets/index-B0MyLgk1.js"></script></head><body><div id="root"></div></body></html>`;

function withSiblings(path: string, content: string): void {
  writeFileSync(path, content);
  writeFileSync(`${path}.br`, brotliCompressSync(content));
  writeFileSync(`${path}.gz`, gzipSync(content));
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET as it goes over the wire: no Accept-Encoding unless given, and the body not decoded. */
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const immutable = 'public, max-age=31536000, immutable';
let h: Harness;
let host: RunningHost;

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  withSiblings(join(dir, 'index.html'), page);
  withSiblings(join(dir, 'assets', 'index-B0MyLgk1.js'), script);
  withSiblings(join(dir, 'assets', 'index-Cx04jHdI.css'), style);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  h = createHarness();
  host = await startHost(h.core, { port: 0, staticDir: dir });
});

afterAll(async () => {
  await host?.close();
  h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built renderer, served', () => {
  it('sends a hashed asset brotli-compressed when the request accepts br, cached as immutable', async () => {
    const answer = await get('/assets/index-B0MyLgk1.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/javascript/);
    expect(answer.headers['cache-control']).toBe(immutable);
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(answer.body).toString()).toBe(script);
    // the security headers stay as they are
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends gzip to a request that accepts gzip but not br', async () => {
    const answer = await get('/assets/index-Cx04jHdI.css', { 'accept-encoding': 'gzip' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-type']).toMatch(/text\/css/);
    expect(answer.headers['cache-control']).toBe(immutable);
    expect(gunzipSync(answer.body).toString()).toBe(style);
  });

  it('sends the plain file to a request without Accept-Encoding', async () => {
    const answer = await get('/assets/index-B0MyLgk1.js');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-type']).toMatch(/javascript/);
    expect(answer.headers['cache-control']).toBe(immutable);
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.body.toString()).toBe(script);
  });

  it('has index.html revalidated on every load, compressed or not, at / and at an app route', async () => {
    for (const path of ['/', '/index.html', '/some/app/route']) {
      const compressed = await get(path, { 'accept-encoding': 'br' });
      expect(compressed.status, path).toBe(200);
      expect(compressed.headers['cache-control'], path).toBe('no-cache');
      expect(compressed.headers['content-encoding'], path).toBe('br');
      expect(compressed.headers['content-type'], path).toMatch(/text\/html/);
      expect(brotliDecompressSync(compressed.body).toString(), path).toBe(page);
      expect(compressed.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");

      const plain = await get(path);
      expect(plain.headers['cache-control'], path).toBe('no-cache');
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(plain.body.toString(), path).toBe(page);
    }
  });

  it('revalidates files without a hash, and sends them plain when no compressed sibling exists', async () => {
    const answer = await get('/favicon.svg', { 'accept-encoding': 'br, gzip' });
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.headers['content-encoding']).toBeUndefined();
  });

  it('does not serve the compressed siblings under their own names, nor the app page for a missing asset', async () => {
    expect((await get('/assets/index-B0MyLgk1.js.br')).status).toBe(404);
    // outside assets/ an unknown path is an app route: the app page, not the gzip bytes
    const sibling = await get('/index.html.gz');
    expect(sibling.headers['content-type']).toMatch(/text\/html/);
    expect(sibling.body.toString()).toBe(page);
    const missing = await get('/assets/index-00000000.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).not.toMatch(/text\/html/);
  });
});

describe('staticCacheControl', () => {
  it('is immutable only for hashed files under assets/', () => {
    expect(staticCacheControl('assets/DesignerPage-DrUgB9S_.js')).toBe(immutable);
    expect(staticCacheControl('assets/index-B0MyLgk1.css.br')).toBe(immutable);
    expect(staticCacheControl(join('assets', 'rolldown-runtime-XKyaHtl9.js.gz'))).toBe(immutable);
    expect(staticCacheControl('index.html')).toBe('no-cache');
    expect(staticCacheControl('index.html.br')).toBe('no-cache');
    expect(staticCacheControl('favicon.svg')).toBe('no-cache');
    expect(staticCacheControl('assets/readme.txt')).toBe('no-cache');
  });
});
