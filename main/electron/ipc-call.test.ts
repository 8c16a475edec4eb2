import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { createHarness, ownerPassword, type Harness } from '../core/testing/harness';
import { createIpcCallHandler, type IpcCallHandler, type IpcSender } from './ipc-call';
import { SessionRegistry } from './session-registry';

const appPage = 'app://mindframe/index.html';
const owner = { orgName: 'Acme', name: 'Olivia Owner', email: 'owner@acme.test', password: ownerPassword };

interface Window {
  sender: IpcSender;
  events: { event: string; payload: unknown }[];
}

function window(contentsId: number, frameUrl: string | null = appPage): Window {
  const events: Window['events'] = [];
  return {
    events,
    sender: { contentsId, frameUrl, forward: (event, payload) => events.push({ event, payload }) },
  };
}

let harness: Harness;
let registry: SessionRegistry;
let dispatched: string[];
let handle: IpcCallHandler;
let refused: (string | null)[];

beforeEach(() => {
  harness = createHarness();
  const core: Core = harness.core;
  registry = new SessionRegistry((token, listener) => core.events.subscribe(token, listener));
  dispatched = [];
  refused = [];
  handle = createIpcCallHandler(
    (method, input, ctx) => {
      dispatched.push(method);
      return core.dispatch(method, input, ctx);
    },
    registry,
    (url) => refused.push(url),
  );
});

afterEach(() => {
  registry.forgetAll();
  harness.close();
});

describe('IPC call handler', () => {
  it('signs a window in without ever handing its session token to the renderer', async () => {
    const main = window(1);
    const result = await handle(main.sender, 'setup.createOwner', owner);
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty('sessionChange');
    const token = registry.tokenFor(1);
    expect(token).toEqual(expect.any(String));
    expect(JSON.stringify(result)).not.toContain(token!);

    const me = await handle(main.sender, 'auth.me', {});
    expect(me).toMatchObject({ ok: true, data: { user: { email: 'owner@acme.test' } } });
  });

  it('keeps sessions apart per web contents', async () => {
    await handle(window(1).sender, 'setup.createOwner', owner);
    const other = await handle(window(2).sender, 'auth.me', {});
    expect(other).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it("forwards the session's events to its own window only", async () => {
    const main = window(1);
    const stranger = window(2);
    await handle(main.sender, 'setup.createOwner', owner);
    const invite = await handle(main.sender, 'users.invite', {
      email: 'op@acme.test',
      role: 'operator',
      name: 'Op',
    });
    expect(invite.ok).toBe(true);
    expect(main.events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['members.changed', 'audit.appended']),
    );
    expect(stranger.events).toEqual([]);
  });

  it('refuses calls from any frame that is not the app, before reaching the core', async () => {
    await handle(window(1).sender, 'setup.createOwner', owner);
    dispatched.length = 0;
    for (const url of ['https://evil.example/', 'app://other/index.html', 'file:///tmp/x.html', null]) {
      const result = await handle(window(1, url).sender, 'auth.me', {});
      expect(result, String(url)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.any(String) },
      });
    }
    expect(dispatched).toEqual([]);
    expect(refused).toEqual(['https://evil.example/', 'app://other/index.html', 'file:///tmp/x.html', null]);
  });

  it('answers malformed calls with typed errors', async () => {
    const main = window(1);
    expect(await handle(main.sender, 42, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handle(main.sender, 'nope.nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await handle(main.sender, 'setup.status', undefined)).toMatchObject({
      ok: true,
      data: { needsSetup: true },
    });
  });

  it('forgets the token and the subscription on logout', async () => {
    const main = window(1);
    await handle(main.sender, 'setup.createOwner', owner);
    const result = await handle(main.sender, 'auth.logout', {});
    expect(result).toEqual({ ok: true, data: { ok: true } });
    expect(main.events.map((e) => e.event)).toContain('session.ended');
    expect(registry.tokenFor(1)).toBeNull();
    expect(registry.size).toBe(0);
    expect(await handle(main.sender, 'auth.me', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('drops the token of a window whose session is revoked from another window', async () => {
    const first = window(1);
    const second = window(2);
    await handle(first.sender, 'setup.createOwner', owner);
    await handle(second.sender, 'auth.login', { email: owner.email, password: owner.password });
    expect(registry.size).toBe(2);

    await handle(second.sender, 'auth.logoutEverywhere', {});
    expect(first.events).toContainEqual({ event: 'session.ended', payload: { reason: 'revoked' } });
    expect(registry.tokenFor(1)).toBeNull();
    expect(registry.size).toBe(0);
  });
});
