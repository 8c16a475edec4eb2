import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHarness, ownerPassword, type Harness } from '../core/testing/harness';
import { startHost, type RunningHost } from './server';

let h: Harness;
let host: RunningHost;
afterEach(async () => {
  await host?.close();
  h?.close();
});

async function start(): Promise<void> {
  h = createHarness();
  host = await startHost(h.core, { port: 0 });
}

interface Answer {
  status: number;
  body: {
    ok: boolean;
    data?: Record<string, unknown>;
    error?: { code: string; message: string; field?: string };
  };
  headers: Headers;
}

async function call(
  method: string,
  input: unknown,
  init: { cookie?: string; csrf?: string; origin?: string; host?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.csrf) headers['x-csrf-token'] = init.csrf;
  if (init.origin) headers.origin = init.origin;
  const response = await fetch(`${host.url}/api/call/${method}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input),
  });
  return {
    status: response.status,
    body: (await response.json()) as Answer['body'],
    headers: response.headers,
  };
}

async function firstRun(): Promise<{ cookie: string; csrf: string }> {
  const answer = await call('setup.createOwner', {
    orgName: 'Acme',
    name: 'Olivia',
    email: 'owner@acme.test',
    password: ownerPassword,
  });
  expect(answer.status).toBe(200);
  const setCookie = answer.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return { cookie: setCookie.split(';')[0]!, csrf: answer.body.data!.csrfToken as string };
}

describe('served host', () => {
  it('answers health publicly with status, database and score', async () => {
    await start();
    const response = await fetch(`${host.url}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'healthy',
      database: 'connected',
      score: expect.any(Number),
    });
  });

  it('puts the security headers on every answer', async () => {
    await start();
    for (const path of ['/', '/api/v1/health', '/api/nothing']) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('signs in over /api/call with a cookie session and a CSRF token for changes', async () => {
    await start();
    await firstRun();
    const login = await call('auth.login', { email: 'owner@acme.test', password: ownerPassword });
    expect(login.status).toBe(200);
    expect(JSON.stringify(login.body)).not.toMatch(/sessionToken/);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = login.body.data!.csrfToken as string;
    expect((await call('users.list', {}, { cookie })).status).toBe(200);
    const noToken = await call('users.invite', { email: 'x@acme.test', role: 'viewer' }, { cookie });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error!.message).toMatch(/CSRF/);
    const wrongToken = await call(
      'users.invite',
      { email: 'x@acme.test', role: 'viewer' },
      { cookie, csrf: 'A'.repeat(csrf.length) },
    );
    expect(wrongToken.status).toBe(403);
    const withToken = await call('users.invite', { email: 'x@acme.test', role: 'viewer' }, { cookie, csrf });
    expect(withToken.status).toBe(200);
    const logout = await call('auth.logout', {}, { cookie, csrf });
    expect(logout.headers.get('set-cookie')).toMatch(/mf_session=;/);
    expect((await call('users.list', {}, { cookie })).status).toBe(401);
  });

  it('maps contract errors to HTTP statuses with JSON bodies and no internals', async () => {
    await start();
    const { cookie } = await firstRun();
    expect((await call('users.list', {})).status).toBe(401);
    const invalid = await call('auth.login', { email: 5 });
    expect(invalid).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'VALIDATION', field: 'email' } },
    });
    expect((await call('no.such', {}, { cookie })).status).toBe(404);
    const garbage = await fetch(`${host.url}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const huge = await fetch(`${host.url}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(400);
    expect(await huge.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/too large/) },
    });
    const unknownRoute = await fetch(`${host.url}/api/v2/whatever`);
    expect(unknownRoute.status).toBe(404);
    expect(await unknownRoute.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses other sites and DNS-rebinding host names', async () => {
    await start();
    await firstRun();
    const crossSite = await call(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { origin: 'http://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const rebinding = await new Promise<number>((resolve, reject) => {
      // fetch() forbids setting Host, so use the http module
      import('node:http').then(({ request }) => {
        const req = request(
          `${host.url}/api/v1/health`,
          { headers: { host: `evil.example:${host.port}` } },
          (res) => resolve(res.statusCode!),
        );
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(rebinding).toBe(403);
    const sameOrigin = await call(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { origin: host.url },
    );
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses to listen beyond loopback unless told to', async () => {
    h = createHarness();
    await expect(startHost(h.core, { host: '0.0.0.0', port: 0 })).rejects.toThrow(/--allow-network/);
  });

  it("streams the session's tenant events over the WebSocket and closes it when the session ends", async () => {
    await start();
    const { cookie, csrf } = await firstRun();
    const socket = new WebSocket(`${host.url.replace('http', 'ws')}/api/events`, {
      headers: { cookie, origin: host.url },
    });
    const messages: { event: string; payload: Record<string, unknown> }[] = [];
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.on('open', resolve));
    await call('users.invite', { email: 'new@acme.test', role: 'viewer' }, { cookie, csrf });
    await expect
      .poll(() => messages.find((m) => m.event === 'audit.appended')?.payload.action)
      .toBe('users.invite');
    await call('auth.logout', {}, { cookie, csrf });
    expect(await closed).toBe(4401);
    expect(messages.at(-1)).toEqual({ event: 'session.ended', payload: { reason: 'logout' } });
  });

  it('closes an events socket without a valid session', async () => {
    await start();
    const socket = new WebSocket(`${host.url.replace('http', 'ws')}/api/events`, {
      headers: { origin: host.url },
    });
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4401);
  });
});

describe('REST API v1 runs', () => {
  it('starts a run of a live agent over POST /api/v1/agents/{id}/runs as an "api" run', async () => {
    await start();
    const { cookie, csrf } = await firstRun();
    const agent = await call('agents.create', { name: 'Door' }, { cookie, csrf });
    const agentId = agent.body.data!.id as string;
    expect((await call('agents.deploy', { agentId }, { cookie, csrf })).status).toBe(200);
    const post = (body: unknown, headers: Record<string, string> = { cookie, 'x-csrf-token': csrf }) =>
      fetch(`${host.url}/api/v1/agents/${agentId}/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const done = await post({ message: 'Are you open?', wait: true });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      ok: true,
      data: { status: 'succeeded', trigger: 'api', agentId },
    });
    const queued = await post({ message: 'later' });
    expect(queued.status).toBe(202);
    expect((await post({ message: 'x' }, {})).status).toBe(401);
    expect((await post({ message: 'x' }, { cookie })).status).toBe(403);
    const bad = await post({ message: 42 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'input.message' },
    });
    const missing = await fetch(`${host.url}/api/v1/agents/01a20125-33c1-7000-8000-000000000000/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: '{}',
    });
    expect(missing.status).toBe(404);
  });
});
