import { describe, expect, it } from 'vitest';
import { createAllowList } from './allow-list';

describe('createAllowList', () => {
  const list = createAllowList(['auth.login', 'agents.list']);

  it('admits exactly the listed names', () => {
    expect(list.has('auth.login')).toBe(true);
    expect(list.has('agents.list')).toBe(true);
  });

  it('refuses near misses, prototype names and non-strings', () => {
    for (const name of [
      'auth.Login',
      'auth.login ',
      'auth',
      '',
      'constructor',
      '__proto__',
      'toString',
      42,
      null,
      undefined,
      ['auth.login'],
    ]) {
      expect(list.has(name), String(name)).toBe(false);
    }
  });
});
