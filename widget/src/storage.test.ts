import { describe, expect, it } from 'vitest';
import { forgetVisitor, loadVisitor, saveVisitor, storageKey, type KeyValueStore } from './storage';

function memory(): KeyValueStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const refusing: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('the remembered visitor', () => {
  it('is kept per channel under mf-visitor:<publicId>', () => {
    const store = memory();
    expect(saveVisitor(store, 'shop-1', { visitorToken: 't1', conversationId: 'c1' })).toBe(true);
    saveVisitor(store, 'shop-2', { visitorToken: 't2', conversationId: 'c2', rated: true });
    expect(storageKey('shop-1')).toBe('mf-visitor:shop-1');
    expect(JSON.parse(store.values.get('mf-visitor:shop-1')!)).toEqual({
      visitorToken: 't1',
      conversationId: 'c1',
    });
    expect(loadVisitor(store, 'shop-1')).toEqual({ visitorToken: 't1', conversationId: 'c1' });
    expect(loadVisitor(store, 'shop-2')).toEqual({ visitorToken: 't2', conversationId: 'c2', rated: true });
    expect(loadVisitor(store, 'shop-3')).toBeNull();
    forgetVisitor(store, 'shop-1');
    expect(loadVisitor(store, 'shop-1')).toBeNull();
    expect(loadVisitor(store, 'shop-2')).not.toBeNull();
  });

  it('is nobody when what is stored is damaged or not a visitor', () => {
    const store = memory();
    for (const raw of [
      '{',
      'null',
      '42',
      '"x"',
      '{}',
      '{"visitorToken":"t"}',
      '{"visitorToken":1,"conversationId":"c"}',
      '{"visitorToken":"","conversationId":"c"}',
    ]) {
      store.values.set('mf-visitor:s', raw);
      expect(loadVisitor(store, 's'), raw).toBeNull();
    }
    store.values.set('mf-visitor:s', '{"visitorToken":"t","conversationId":"c","rated":"yes","extra":1}');
    expect(loadVisitor(store, 's')).toEqual({ visitorToken: 't', conversationId: 'c' });
  });

  it('does not break the chat when the browser refuses storage', () => {
    expect(loadVisitor(refusing, 's')).toBeNull();
    expect(saveVisitor(refusing, 's', { visitorToken: 't', conversationId: 'c' })).toBe(false);
    expect(() => forgetVisitor(refusing, 's')).not.toThrow();
    expect(loadVisitor(null, 's')).toBeNull();
    expect(saveVisitor(null, 's', { visitorToken: 't', conversationId: 'c' })).toBe(false);
  });
});
