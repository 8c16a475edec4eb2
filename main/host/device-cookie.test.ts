import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, ownerPassword, type Harness } from '../core/testing/harness';
import { startHost, type RunningHost } from './server';

let h: Harness;
let host: RunningHost;
afterEach(async () => {
  await host?.close();
  h?.close();
});

async function post(method: string, input: unknown, cookie?: string) {
  const response = await fetch(`${host.url}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; error?: { code: string } };
  return { status: response.status, body, cookies: response.headers.getSetCookie() };
}

describe('device cookie', () => {
  it('is set at sign-in, sent only to auth.login, and keeps the owner in while strangers are locked out', async () => {
    h = createHarness();
    host = await startHost(h.core, { port: 0 });
    await post('setup.createOwner', {
      orgName: 'Acme',
      name: 'Olivia',
      email: 'owner@acme.test',
      password: ownerPassword,
    });
    const signIn = await post('auth.login', { email: 'owner@acme.test', password: ownerPassword });
    expect(signIn.status).toBe(200);
    const device = signIn.cookies.find((c) => c.startsWith('mf_device='));
    expect(device).toBeDefined();
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/SameSite=Strict/i);
    expect(device).toMatch(/Path=\/api\/call\/auth\.login/);
    expect(device).toMatch(/Max-Age=15552000/);
    const deviceCookie = device!.split(';')[0]!;

    // six wrong passwords from a browser without it (the same address, even)
    for (let i = 0; i < 6; i++) await post('auth.login', { email: 'owner@acme.test', password: 'wrong one' });
    const locked = await post('auth.login', { email: 'owner@acme.test', password: ownerPassword });
    expect(locked).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } });

    const owner = await post(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      deviceCookie,
    );
    expect(owner).toMatchObject({ status: 200, body: { ok: true } });
    // the cookie is renewed with a fresh token at each sign-in
    const renewed = owner.cookies.find((c) => c.startsWith('mf_device='))!.split(';')[0];
    expect(renewed).not.toBe(deviceCookie);
  });
});
