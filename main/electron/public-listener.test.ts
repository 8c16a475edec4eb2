import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicListenerSetting } from '../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../core/testing/harness';
import { startPublicListenerController, type PublicListenerController } from './public-listener';

/** A port nothing listens on right now (asked of the system, then given back). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** What a customer's browser gets asking the public door for a channel that does not exist. */
async function unknownChannel(port: number): Promise<{ status: number; body: unknown } | 'refused'> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/public/channels/ch_unknown`);
    return { status: response.status, body: await response.json() };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return 'refused';
    throw error;
  }
}

const notFound = { status: 404, body: { error: { code: 'NOT_FOUND', reason: 'channel_not_found' } } };

let h: Harness;
let admin: SignedIn;
let controller: PublicListenerController | null = null;
let taken: Server | null = null;

beforeEach(async () => {
  h = createHarness();
  admin = await setupOwner(h.core, 'Sykkelverksted Nord', 'owner@shop.test');
});

afterEach(async () => {
  await controller?.stop();
  controller = null;
  if (taken) await new Promise<void>((resolve) => taken!.close(() => resolve()));
  taken = null;
  h.close();
});

const save = (setting: PublicListenerSetting) =>
  expectOk(h.core, 'setup.savePublicListener', setting, admin.call);
const origin = async () => (await expectOk(h.core, 'setup.status', {}, admin.call)).publicOrigin;

describe('the desktop app’s public listener', () => {
  it('opens at start when the setting is on, moves with the port, and closes when switched off', async () => {
    const first = await freePort();
    // stored before the app starts (the setting of a previous run); served mode could not save it
    const refused = await h.core.dispatch(
      'setup.savePublicListener',
      { enabled: true, port: first, host: '127.0.0.1', publicUrl: null },
      admin.call,
    );
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'CONFLICT',
      reason: 'public_listener_set_by_serve',
    });
    expect(await unknownChannel(first)).toBe('refused');

    controller = await startPublicListenerController(h.core);
    expect(await unknownChannel(first)).toBe('refused');
    expect(await origin()).toBeNull();

    const on = await save({ enabled: true, port: first, host: '127.0.0.1', publicUrl: null });
    expect(on).toMatchObject({ hostApplies: true, problem: null, publicOrigin: `http://127.0.0.1:${first}` });
    expect(await unknownChannel(first)).toEqual(notFound);
    expect(await origin()).toBe(`http://127.0.0.1:${first}`);

    const second = await freePort();
    await save({ enabled: true, port: second, host: '127.0.0.1', publicUrl: null });
    expect(await unknownChannel(second)).toEqual(notFound);
    expect(await unknownChannel(first)).toBe('refused');
    expect(await origin()).toBe(`http://127.0.0.1:${second}`);

    // the https address of a proxy or forwarded port is what the embed code names
    await save({ enabled: true, port: second, host: '127.0.0.1', publicUrl: 'https://chat.sykkel.no' });
    expect(await unknownChannel(second)).toEqual(notFound);
    expect(await origin()).toBe('https://chat.sykkel.no');

    const off = await save({ enabled: false, port: second, host: '127.0.0.1', publicUrl: null });
    expect(off).toMatchObject({ publicOrigin: null, problem: null });
    expect(await unknownChannel(second)).toBe('refused');
    expect(await origin()).toBeNull();
  });

  it('opens the stored setting when the app starts again', async () => {
    const port = await freePort();
    controller = await startPublicListenerController(h.core);
    await save({ enabled: true, port, host: '127.0.0.1', publicUrl: null });
    await controller.stop();
    expect(await unknownChannel(port)).toBe('refused');

    controller = await startPublicListenerController(h.core);
    expect(controller.port()).toBe(port);
    expect(await unknownChannel(port)).toEqual(notFound);
  });

  it('says the port is taken instead of failing, and leaves no public origin', async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken!.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    controller = await startPublicListenerController(h.core);
    const answer = await save({ enabled: true, port, host: '127.0.0.1', publicUrl: null });
    expect(answer).toMatchObject({ problem: 'port_in_use', publicOrigin: null });
    expect(await expectOk(h.core, 'setup.publicListener', {}, admin.call)).toMatchObject({
      setting: { enabled: true, port },
      problem: 'port_in_use',
    });
  });

  it('is for the platform admin only, takes ports from 1024 and https addresses, and is audited', async () => {
    controller = await startPublicListenerController(h.core);
    const olga = await inviteAndAccept(h.core, admin, 'olga@shop.test', 'owner');
    const forbidden = await h.core.dispatch('setup.publicListener', {}, olga.call);
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
    const refusedSave = await h.core.dispatch(
      'setup.savePublicListener',
      { enabled: false, port: 8080, host: '127.0.0.1', publicUrl: null },
      olga.call,
    );
    expect(refusedSave.ok ? null : refusedSave.error.code).toBe('FORBIDDEN');

    for (const bad of [
      { enabled: true, port: 80, host: '127.0.0.1', publicUrl: null },
      { enabled: true, port: 70000, host: '127.0.0.1', publicUrl: null },
      { enabled: true, port: 8080, host: '192.168.1.5', publicUrl: null },
      { enabled: true, port: 8080, host: '127.0.0.1', publicUrl: 'http://chat.sykkel.no' },
    ]) {
      const answer = await h.core.dispatch('setup.savePublicListener', bad, admin.call);
      expect(answer.ok ? null : answer.error.code, JSON.stringify(bad)).toBe('VALIDATION');
    }

    const port = await freePort();
    await save({ enabled: true, port, host: '127.0.0.1', publicUrl: null });
    const audit = await expectOk(h.core, 'audit.list', {}, admin.call);
    const entry = audit.entries.find((e) => e.action === 'setup.savePublicListener');
    expect(entry?.details).toMatchObject({
      before: { enabled: false },
      after: { enabled: true, port, host: '127.0.0.1' },
      publicOrigin: `http://127.0.0.1:${port}`,
    });
  });
});
