import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowInput } from '../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../core/testing/harness';
import { startHost, startPublicHost, type RunningHost } from './server';

/**
 * The channels' public door over real HTTP (issue 13): no session, CORS from the channel's allowed
 * origins, rate limits, size caps, a visitor sees only their own conversation; and the public
 * listener of `serve --public-port` serves that door and nothing of the app.
 */

const widgetDir = mkdtempSync(join(tmpdir(), 'mindframe-widget-'));
const script = `/* widget */ console.log(${JSON.stringify('mindframe chat '.repeat(100))});\n`;
writeFileSync(join(widgetDir, 'widget.js'), script);
writeFileSync(join(widgetDir, 'widget.js.br'), brotliCompressSync(script));
writeFileSync(join(widgetDir, 'widget.js.gz'), gzipSync(script));
writeFileSync(
  join(widgetDir, 'chat.html'),
  '<!doctype html>\n<html lang="en">\n  <head>\n    <title>Chat</title>\n    <script src="/widget.js" data-mode="page" defer></script>\n  </head>\n  <body></body>\n</html>\n',
);

/** An agent that answers from its prompt with the offline model, so replies stream word by word. */
const answeringFlow: FlowInput = {
  schemaVersion: 1,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    {
      id: 'llm',
      type: 'llm',
      position: { x: 0, y: 100 },
      data: {
        systemPrompt: 'You are the assistant of a bike shop.',
        prompt: 'Context:\nWe are open Monday to Saturday from 09:00 to 18:00.\n\nQuestion:\n{{message}}',
      },
    },
    { id: 'reply', type: 'reply', position: { x: 0, y: 200 }, data: { text: '{{answer}}' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'llm' },
    { id: 'e2', source: 'llm', target: 'reply' },
  ],
};

let h: Harness;
let owner: SignedIn;
let app: RunningHost;
let door: RunningHost;
let publicId: string;
let closedId: string;
const shop = 'https://www.pedal.test';

beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  const agent = await expectOk(h.core, 'agents.create', { name: 'Shop assistant' }, owner.call);
  await expectOk(h.core, 'agents.saveVersion', { agentId: agent.id, flow: answeringFlow }, owner.call);
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  const channel = await expectOk(
    h.core,
    'channels.save',
    { agentId: agent.id, kind: 'web', name: 'Website chat', allowedOrigins: [shop], greeting: 'Hi!' },
    owner.call,
  );
  publicId = channel.publicId;
  const off = await expectOk(
    h.core,
    'channels.save',
    { agentId: agent.id, kind: 'web', name: 'Switched off', allowedOrigins: [], enabled: false },
    owner.call,
  );
  closedId = off.publicId;
  app = await startHost(h.core, {
    port: 0,
    widgetDir,
    publicRateLimits: { perVisitorPerMinute: 4, burstFraction: 1 },
  });
  door = await startPublicHost(h.core, { port: 0, widgetDir });
});

afterAll(async () => {
  await app?.close();
  await door?.close();
  h?.close();
  rmSync(widgetDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

async function send(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (pages, scripts, streams)
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

const api = (id = publicId) => `/api/public/channels/${id}`;

describe('the public API on the app listener', () => {
  it('answers the widget settings without a session, and nothing the business keeps to itself', async () => {
    const answer = await send(app.url, api());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      publicId,
      name: 'Website chat',
      greeting: 'Hi!',
      colour: '#2563eb',
      logoUrl: null,
      languages: ['en', 'nl', 'nb'],
      defaultLanguage: 'en',
      voice: false,
      open: true,
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  it('allows CORS for an allowed origin (and its preflight), refuses any other, allows no Origin', async () => {
    const allowed = await send(app.url, api(), { headers: { origin: shop } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(shop);
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    const preflight = await fetch(`${app.url}${api()}/messages`, {
      method: 'OPTIONS',
      headers: {
        origin: shop,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(shop);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/);

    const denied = await send(app.url, `${api()}/messages`, {
      body: { text: 'hi' },
      headers: { origin: 'https://evil.test' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: { code: 'FORBIDDEN', reason: 'origin_not_allowed' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const deniedPreflight = await fetch(`${app.url}${api()}/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' },
    });
    expect(deniedPreflight.status).toBe(403);

    const server = await send(app.url, `${api()}/messages`, { body: { text: 'When are you open?' } });
    expect(server.status).toBe(200);
    // the app's own door still refuses another site
    const appCall = await send(app.url, '/api/call/setup.status', { body: {}, headers: { origin: shop } });
    expect(appCall.status).toBe(403);
  });

  it('takes a message and answers the replies; a visitor continues their conversation with its token', async () => {
    const first = await send(app.url, `${api()}/messages`, {
      body: { text: 'When are you open on Saturday?' },
      headers: { origin: shop },
    });
    expect(first.status).toBe(200);
    const { conversationId, visitorToken, replies } = first.body as {
      conversationId: string;
      visitorToken: string;
      replies: { text: string }[];
    };
    expect(replies[0]!.text).toContain('09:00');
    const again = await send(app.url, `${api()}/messages`, {
      body: { text: 'and on Sunday?', conversationId },
      headers: { 'x-visitor-token': visitorToken },
    });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(conversationId);
    const thread = await send(app.url, `${api()}/conversations/${conversationId}`, {
      headers: { 'x-visitor-token': visitorToken },
    });
    expect(thread.status).toBe(200);
    expect((thread.body.messages as { role: string; text: string; at: string }[]).map((m) => m.role)).toEqual(
      ['customer', 'agent', 'customer', 'agent'],
    );
    expect(thread.body).toMatchObject({ conversationId, status: 'open', language: 'en' });
  });

  it('gives another visitor 404 for a conversation that is not theirs, exactly as for one that does not exist', async () => {
    const mine = await send(app.url, `${api()}/messages`, { body: { text: 'My frame number is MF-77812' } });
    const { conversationId, visitorToken } = mine.body as { conversationId: string; visitorToken: string };
    const other = await send(app.url, `${api()}/messages`, { body: { text: 'Hello' } });
    const otherToken = (other.body as { visitorToken: string }).visitorToken;
    const theirs = await send(app.url, `${api()}/conversations/${conversationId}`, {
      headers: { 'x-visitor-token': otherToken },
    });
    const none = await send(app.url, `${api()}/conversations/01a20125-33c1-7000-8000-000000000000`, {
      headers: { 'x-visitor-token': otherToken },
    });
    const tokenless = await send(app.url, `${api()}/conversations/${conversationId}`);
    for (const answer of [theirs, none, tokenless]) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: { code: 'NOT_FOUND', reason: 'conversation_not_found' } });
    }
    const hijack = await send(app.url, `${api()}/messages`, {
      body: { text: 'repeat everything', conversationId, visitorToken: otherToken },
    });
    expect(hijack.status).toBe(404);
    expect(hijack.text).not.toContain('MF-77812');
    // the same conversation through another channel's door: not found either
    const rating = await send(app.url, `${api()}/conversations/${conversationId}/rating`, {
      body: { visitorToken: otherToken, rating: 'down' },
    });
    expect(rating.status).toBe(404);
    const rated = await send(app.url, `${api()}/conversations/${conversationId}/rating`, {
      body: { visitorToken, rating: 'up' },
    });
    expect(rated).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('caps the message size and refuses bodies that are not a message', async () => {
    const long = await send(app.url, `${api()}/messages`, { body: { text: 'a'.repeat(4001) } });
    expect(long.status).toBe(400);
    expect(long.body).toEqual({ error: { code: 'VALIDATION', reason: 'message_too_long' } });
    const huge = await send(app.url, `${api()}/messages`, { body: { text: 'a'.repeat(40_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ error: { code: 'VALIDATION', reason: 'body_too_large' } });
    const notJson = await send(app.url, `${api()}/messages`, {
      raw: '{"text":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    const plainText = await send(app.url, `${api()}/messages`, {
      raw: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plainText.body).toEqual({ error: { code: 'VALIDATION', reason: 'invalid_body' } });
    const wrongType = await send(app.url, `${api()}/messages`, {
      raw: '<text/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body).toEqual({ error: { code: 'VALIDATION', reason: 'unsupported_media_type' } });
    const empty = await send(app.url, `${api()}/messages`, { body: { text: '   ' } });
    expect(empty.body).toEqual({ error: { code: 'VALIDATION', reason: 'empty_message' } });
  });

  it('answers 404 for an unknown or switched-off channel', async () => {
    for (const id of ['nosuchchannel12345678', closedId]) {
      const answer = await send(app.url, api(id));
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: { code: 'NOT_FOUND', reason: 'channel_not_found' } });
    }
  });

  it('limits one visitor to their rate and answers 429 with Retry-After', async () => {
    const first = await send(app.url, `${api()}/messages`, { body: { text: 'one' } });
    const visitorToken = (first.body as { visitorToken: string }).visitorToken;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const answer = await send(app.url, `${api()}/messages`, { body: { text: `again ${i}`, visitorToken } });
      statuses.push(answer.status);
      if (answer.status === 429) {
        retryAfter = answer.headers.get('retry-after');
        expect(answer.body).toEqual({ error: { code: 'RATE_LIMITED', reason: 'rate_limited' } });
      }
    }
    expect(statuses.filter((s) => s === 200).length).toBe(4);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // another visitor is not held up by this one
    expect((await send(app.url, `${api()}/messages`, { body: { text: 'me too' } })).status).toBe(200);
  });

  it('streams the reply as server-sent events: start, the pieces, the reply, done', async () => {
    const response = await fetch(`${app.url}${api()}/messages/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', origin: shop },
      body: JSON.stringify({ text: 'What time do you open on Saturday?' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('access-control-allow-origin')).toBe(shop);
    const events = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((block) => {
        const [event, data] = block.split('\n');
        return {
          event: event!.slice('event: '.length),
          data: JSON.parse(data!.slice('data: '.length)) as Record<string, string>,
        };
      });
    expect(events[0]).toMatchObject({
      event: 'start',
      data: { conversationId: expect.any(String), visitorToken: expect.any(String) },
    });
    const deltas = events
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join('');
    const reply = events.find((e) => e.event === 'reply')!.data.text;
    expect(reply).toContain('09:00');
    expect(deltas).toBe(reply);
    expect(events.at(-1)).toEqual({ event: 'done', data: {} });
    // a refused message is a plain JSON error, not a stream
    const refused = await send(app.url, `${api()}/messages/stream`, { body: { text: '' } });
    expect(refused.status).toBe(400);
  });

  it('refuses voice until a transcription provider is set up (typing still works)', async () => {
    const answer = await send(app.url, `${api()}/voice`, {
      raw: 'RIFF....WAVE',
      headers: { 'content-type': 'audio/wav' },
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: { code: 'CONFLICT', reason: 'voice_unavailable' } });
  });
});

function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
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

describe('the widget script and the hosted chat page', () => {
  it('serves /widget.js precompressed, with a short cache, loadable from any site', async () => {
    const br = await rawGet(`${app.url}/widget.js`, { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.headers['cache-control']).toBe('public, max-age=300');
    expect(br.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(br.headers['content-type']).toMatch(/javascript/);
    const plain = await rawGet(`${door.url}/widget.js`, {});
    expect(plain.body.toString()).toBe(script);
  });

  it('serves /c/<publicId> with the channel named in the page and frame-ancestors from its allowed origins', async () => {
    for (const base of [app.url, door.url]) {
      const page = await send(base, `/c/${publicId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<meta name="mf-channel" content="${publicId}" />`);
      expect(page.text).toContain('/widget.js');
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain(`frame-ancestors 'self' ${shop}`);
      expect(csp).not.toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBeNull();
    }
    expect((await send(app.url, '/c/nosuchchannel12345678')).status).toBe(404);
    expect((await send(app.url, `/c/${closedId}`)).status).toBe(404);
  });

  it('answers 404 while the widget is not built', async () => {
    const bare = await startPublicHost(h.core, { port: 0 });
    try {
      expect((await send(bare.url, '/widget.js')).status).toBe(404);
      expect((await send(bare.url, `/c/${publicId}`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe('the public listener (serve --public-port)', () => {
  it('serves the public door', async () => {
    const settings = await send(door.url, api(), { headers: { origin: shop } });
    expect(settings.status).toBe(200);
    const message = await send(door.url, `${api()}/messages`, {
      body: { text: 'Are you open on Saturday?' },
      headers: { origin: shop },
    });
    expect(message.status).toBe(200);
  });

  it('serves nothing of the app: no /api/call, no REST API, no events, no pages', async () => {
    const probes: [string, string, unknown?][] = [
      ['POST', '/api/call/setup.status', {}],
      ['POST', '/api/call/auth.login', { email: 'owner@pedal.test', password: 'x' }],
      ['GET', '/api/v1/health'],
      ['GET', '/api/v1/openapi.json'],
      ['GET', '/api/v1/agents'],
      ['GET', '/api/events'],
      ['GET', '/api/docs'],
      ['GET', '/'],
      ['GET', '/index.html'],
      ['GET', '/#/dashboard'],
    ];
    for (const [method, path, body] of probes) {
      const answer = await send(door.url, path, body === undefined ? { method } : { method, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body, path).toEqual({ error: { code: 'NOT_FOUND', reason: 'not_found' } });
      expect(answer.headers.get('set-cookie'), path).toBeNull();
    }
  });
});
