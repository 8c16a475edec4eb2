import { describe, expect, it } from 'vitest';
import { isKnownAction, isKnownTargetType } from './audit-actions';

const core = import.meta.glob<string>(['/main/core/**/*.ts', '!/main/core/**/*.test.ts'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

/** Action names the core writes literally: `action: 'x.y'`, `action: c ? 'x.y' : 'x.z'`, `this.audit(t, a, 'x.y'`. */
function coreActions(): Set<string> {
  const found = new Set<string>();
  for (const text of Object.values(core)) {
    for (const m of text.matchAll(/\baction: '([a-zA-Z]\w*(?:\.\w+)+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\baction: [\w.!]+ \? '([\w.]+)' : '([\w.]+)'/g)) {
      found.add(m[1]!);
      found.add(m[2]!);
    }
    for (const m of text.matchAll(/this\.audit\(\s*\w+,\s*[^,]+,\s*'([\w.]+)'/g)) found.add(m[1]!);
  }
  return found;
}

describe('audit actions', () => {
  it('every action the core writes has a name in the UI', () => {
    const actions = coreActions();
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((action) => !isKnownAction(action)).sort()).toEqual([]);
  });

  it('every target type the core writes has a name in the UI', () => {
    const types = new Set<string>();
    for (const text of Object.values(core)) {
      for (const m of text.matchAll(/\btargetType: '([a-z_]+)'/g)) types.add(m[1]!);
    }
    expect(types.size).toBeGreaterThan(5);
    expect([...types].filter((type) => !isKnownTargetType(type)).sort()).toEqual([]);
  });
});
