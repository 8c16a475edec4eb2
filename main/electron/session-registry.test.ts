import { describe, expect, it } from 'vitest';
import type { EventName } from '../contract';
import { SessionRegistry, type ForwardEvent } from './session-registry';

/** A stand-in for Core.subscribe that records who is subscribed and can push events. */
function fakeCore() {
  const listeners = new Map<string, Set<ForwardEvent>>();
  return {
    listeners,
    subscribe(token: string, listener: ForwardEvent) {
      if (token === 'dead') return null;
      const set = listeners.get(token) ?? new Set();
      set.add(listener);
      listeners.set(token, set);
      return () => set.delete(listener);
    },
    emit(token: string, event: EventName, payload: unknown) {
      for (const listener of [...(listeners.get(token) ?? [])]) listener(event, payload);
    },
    count: (token: string) => listeners.get(token)?.size ?? 0,
  };
}

describe('SessionRegistry', () => {
  it('keeps one token per web contents and forwards its events', () => {
    const core = fakeCore();
    const registry = new SessionRegistry(core.subscribe);
    const seen: unknown[] = [];
    registry.apply(1, { type: 'set', token: 't1' }, (event, payload) => seen.push([event, payload]));
    expect(registry.tokenFor(1)).toBe('t1');
    expect(registry.tokenFor(2)).toBeNull();
    core.emit('t1', 'members.changed', { userId: 'u' });
    expect(seen).toEqual([['members.changed', { userId: 'u' }]]);
  });

  it('ignores results without a session change', () => {
    const core = fakeCore();
    const registry = new SessionRegistry(core.subscribe);
    registry.apply(1, { type: 'set', token: 't1' }, () => undefined);
    registry.apply(1, undefined, () => undefined);
    expect(registry.tokenFor(1)).toBe('t1');
    expect(core.count('t1')).toBe(1);
  });

  it('replaces the subscription when the session changes, without leaking the old one', () => {
    const core = fakeCore();
    const registry = new SessionRegistry(core.subscribe);
    registry.apply(1, { type: 'set', token: 't1' }, () => undefined);
    registry.apply(1, { type: 'set', token: 't2' }, () => undefined);
    expect(registry.tokenFor(1)).toBe('t2');
    expect(core.count('t1')).toBe(0);
    expect(core.count('t2')).toBe(1);
  });

  it('drops token and subscription on clear, forget and forgetAll', () => {
    const core = fakeCore();
    const registry = new SessionRegistry(core.subscribe);
    registry.apply(1, { type: 'set', token: 't1' }, () => undefined);
    registry.apply(1, { type: 'clear' }, () => undefined);
    expect(registry.tokenFor(1)).toBeNull();
    expect(core.count('t1')).toBe(0);

    registry.apply(2, { type: 'set', token: 't2' }, () => undefined);
    registry.forget(2);
    registry.forget(2);
    expect(core.count('t2')).toBe(0);

    registry.apply(3, { type: 'set', token: 't3' }, () => undefined);
    registry.apply(4, { type: 'set', token: 't4' }, () => undefined);
    registry.forgetAll();
    expect(registry.size).toBe(0);
    expect(core.count('t3') + core.count('t4')).toBe(0);
  });

  it('forwards session.ended and then forgets the dead token', () => {
    const core = fakeCore();
    const registry = new SessionRegistry(core.subscribe);
    const seen: string[] = [];
    registry.apply(1, { type: 'set', token: 't1' }, (event) => seen.push(event));
    core.emit('t1', 'session.ended', { reason: 'revoked' });
    expect(seen).toEqual(['session.ended']);
    expect(registry.tokenFor(1)).toBeNull();
    expect(core.count('t1')).toBe(0);
  });

  it('keeps a token whose subscription was refused, so the core can answer UNAUTHENTICATED', () => {
    const core = fakeCore();
    const registry = new SessionRegistry(core.subscribe);
    registry.apply(1, { type: 'set', token: 'dead' }, () => undefined);
    expect(registry.tokenFor(1)).toBe('dead');
    registry.forget(1);
    expect(registry.size).toBe(0);
  });
});
