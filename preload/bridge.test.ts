import { describe, expect, it } from 'vitest';
import type { CallResult } from '../main/contract';
import { createBridge, type RendererIpc } from './bridge';

const channels = { call: 'mindframe:call', event: 'mindframe:event' };

function fakeIpc(
  answer: (method: unknown, input: unknown) => Promise<unknown> = async () => ({ ok: true, data: 'pong' }),
) {
  const invoked: unknown[][] = [];
  let onEvent: ((event: unknown, message: unknown) => void) | null = null;
  const ipc: RendererIpc = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, ...args]);
      return answer(args[0], args[1]);
    },
    on: (channel, listener) => {
      expect(channel).toBe(channels.event);
      onEvent = listener;
    },
  };
  return { ipc, invoked, push: (message: unknown) => onEvent?.({ sender: 'ipc event' }, message) };
}

const names = { methods: ['auth.me', 'agents.list'], events: ['health.updated', 'run.step'], channels };
const silent = () => undefined;

describe('window.mindframe.call', () => {
  it('sends contract methods over the call channel and returns the answer', async () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc, names, silent);
    expect(await bridge.call('auth.me', { a: 1 })).toEqual({ ok: true, data: 'pong' });
    expect(fake.invoked).toEqual([['mindframe:call', 'auth.me', { a: 1 }]]);
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc, names, silent);
    for (const method of ['auth.logout', 'constructor', '', 'x'.repeat(500)]) {
      const result: CallResult<unknown> = await bridge.call(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(fake.invoked).toEqual([]);
  });

  it('turns a failed delivery into a typed error instead of a rejection', async () => {
    const errors: string[] = [];
    const fake = fakeIpc(async () => {
      throw new Error('An object could not be cloned.');
    });
    const bridge = createBridge(fake.ipc, names, (message) => errors.push(message));
    expect(await bridge.call('agents.list', { callback: () => 1 })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(errors).toEqual(['agents.list could not be delivered']);
  });
});

describe('window.mindframe.on', () => {
  it('fans one IPC channel out to the listeners of each event, payload only', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc, names, silent);
    const health: unknown[][] = [];
    const steps: unknown[][] = [];
    bridge.on('health.updated', (...args) => health.push(args));
    bridge.on('run.step', (...args) => steps.push(args));
    fake.push({ event: 'health.updated', payload: { score: 97 } });
    expect(health).toEqual([[{ score: 97 }]]);
    expect(steps).toEqual([]);
  });

  it('stops delivering after unsubscribe, per registration', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc, names, silent);
    const seen: unknown[] = [];
    const listener = (payload: unknown) => seen.push(payload);
    const first = bridge.on('run.step', listener);
    bridge.on('run.step', listener);
    fake.push({ event: 'run.step', payload: 1 });
    first();
    first();
    fake.push({ event: 'run.step', payload: 2 });
    expect(seen).toEqual([1, 1, 2]);
  });

  it('ignores events outside the contract and malformed messages', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc, names, silent);
    const seen: unknown[] = [];
    const unsubscribe = bridge.on('secret.leaked', (payload) => seen.push(payload));
    unsubscribe();
    bridge.on('health.updated', (payload) => seen.push(payload));
    for (const message of [
      null,
      'health.updated',
      { event: 'secret.leaked', payload: 1 },
      { payload: 1 },
      { event: 42 },
    ])
      fake.push(message);
    expect(seen).toEqual([]);
  });

  it('keeps delivering when one listener throws', () => {
    const errors: string[] = [];
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc, names, (message) => errors.push(message));
    const seen: unknown[] = [];
    bridge.on('health.updated', () => {
      throw new Error('render bug');
    });
    bridge.on('health.updated', (payload) => seen.push(payload));
    fake.push({ event: 'health.updated', payload: 'ok' });
    expect(seen).toEqual(['ok']);
    expect(errors).toEqual(['a listener for health.updated threw']);
  });
});
