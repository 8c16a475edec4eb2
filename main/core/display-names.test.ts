import type { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { displayName, methods, type MethodName } from '../contract';
import { createHarness, type Harness } from './testing/harness';
import { validInputs } from './testing/valid-inputs';

/** Keys that hold a name a person gives: `name`, `orgName`, `...Name`, `title`, `label`. */
const isNameKey = (key: string): boolean =>
  key === 'name' || /Name$/.test(key) || key === 'title' || key === 'label';

interface NameField {
  method: MethodName;
  /** Object keys, with '[]' for "any element of this array". */
  path: string[];
  schema: z.ZodType;
}

/** Every name-like field of every method's input, found by walking the schemas (zod 4 internals). */
function nameFields(): NameField[] {
  const found = new Map<string, NameField>();
  const walk = (schema: unknown, path: string[], method: MethodName, depth: number): void => {
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def || depth > 40) return;
    const next = (inner: unknown, at = path) => walk(inner, at, method, depth + 1);
    switch (def.type) {
      case 'object':
        for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
          if (isNameKey(key)) {
            const at = [...path, key];
            found.set(`${method} ${at.join('.')}`, { method, path: at, schema: value });
          }
          next(value, [...path, key]);
        }
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return next(def.innerType);
      case 'pipe':
        next(def.in);
        return next(def.out);
      case 'array':
        return next(def.element, [...path, '[]']);
      case 'union':
        for (const option of def.options as unknown[]) next(option);
        return;
      case 'intersection':
        next(def.left);
        return next(def.right);
      case 'record':
        return next(def.valueType, [...path, '{}']);
      default:
        return;
    }
  };
  for (const [method, definition] of Object.entries(methods))
    walk(definition.input, [], method as MethodName, 0);
  return [...found.values()];
}

/** Puts `value` at `path` in a copy of `input` (first element of arrays); null when the path is not there. */
function withValue(input: unknown, path: string[], value: string): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  let node: unknown = copy;
  const concrete: (string | number)[] = [];
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    if (key === '[]') {
      if (!Array.isArray(node) || node.length === 0) return null;
      concrete.push(0);
      node = node[0];
      continue;
    }
    if (key === '{}' || typeof node !== 'object' || node === null) return null;
    concrete.push(key);
    if (last) (node as Record<string, unknown>)[key] = value;
    else node = (node as Record<string, unknown>)[key];
  }
  return { input: copy, field: concrete.join('.') };
}

const spoofs: Record<string, string> = {
  'right-to-left override U+202E': 'Invoice\u202Efdp.exe',
  'left-to-right override U+202D': 'Ann\u202DBob',
  'pop directional formatting U+202C': 'Ann\u202CBob',
  'right-to-left isolate U+2067': 'Ann\u2067Bob\u2069',
  'first strong isolate U+2068': 'Ann\u2068Bob',
  'left-to-right mark U+200E': 'Ann\u200EBob',
  'right-to-left mark U+200F': 'Ann\u200FBob',
  'Arabic letter mark U+061C': 'Ann\u061CBob',
  'zero-width space U+200B': 'Ann\u200BBob',
  'zero-width non-joiner U+200C': 'Ann\u200CBob',
  'zero-width joiner U+200D': 'Ann\u200DBob',
  'word joiner U+2060': 'Ann\u2060Bob',
  'byte order mark U+FEFF': 'Ann\uFEFFBob',
  NUL: 'Ann\u0000Bob',
  'escape (C0)': 'Ann\u001B[31mBob',
  'next line U+0085 (C1)': 'Ann\u0085Bob',
  DEL: 'Ann\u007FBob',
};

describe('names that spoof', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('finds the name fields of the contract (the walk itself works)', () => {
    const keys = nameFields().map((f) => `${f.method} ${f.path.join('.')}`);
    for (const expected of [
      'setup.createOwner orgName',
      'setup.createOwner name',
      'auth.acceptInvite name',
      'tenants.create name',
      'tenants.import name',
      'users.invite name',
      'agents.create name',
      'agents.updateSettings name',
      'agents.saveVersion flow.nodes.[].label',
      'providers.save name',
      'knowledge.add title',
      'incidents.create title',
      'incidents.update title',
      'notify.saveRule name',
      'apiKeys.create name',
    ])
      expect(keys).toContain(expected);
  });

  it('every name field of every method refuses U+202E and the other control, bidi and invisible characters', () => {
    const letThrough: string[] = [];
    for (const field of nameFields()) {
      for (const [what, value] of Object.entries(spoofs)) {
        if (field.schema.safeParse(value).success)
          letThrough.push(`${field.method} ${field.path.join('.')}: ${what}`);
      }
    }
    expect(letThrough).toEqual([]);
  });

  it('answers VALIDATION naming the field, through dispatch, for every name field a valid input reaches', async () => {
    h = createHarness();
    const inputs = validInputs({
      tenantId: '01a20125-33c1-7000-8000-0000000000aa',
      userId: '01a20125-33c1-7000-8000-0000000000bb',
    }) as Record<string, unknown>;
    const wrong: string[] = [];
    let checked = 0;
    for (const field of nameFields()) {
      const placed = withValue(inputs[field.method], field.path, 'Evil\u202Egnp.exe') as {
        input: unknown;
        field: string;
      } | null;
      if (!placed) continue;
      checked++;
      const result = await h.core.dispatch(field.method, placed.input, { transport: 'internal' });
      if (result.ok || result.error.code !== 'VALIDATION' || result.error.field !== placed.field)
        wrong.push(
          `${field.method} ${placed.field}: ${JSON.stringify(result.ok ? 'accepted' : result.error)}`,
        );
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it('the first organisation and its owner cannot be named with a right-to-left override', async () => {
    h = createHarness();
    const result = await h.core.dispatch(
      'setup.createOwner',
      {
        orgName: 'Acme',
        name: 'Olivia\u202E rengaM',
        email: 'o@acme.test',
        password: 'a long enough password',
      },
      { transport: 'internal' },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'name', reason: 'unsafe_characters' },
    });
    expect(await h.core.dispatch('setup.status', {}, { transport: 'internal' })).toMatchObject({
      ok: true,
      data: { needsSetup: true },
    });
  });

  it('keeps accepting real names in any script', () => {
    const schema = displayName();
    for (const name of [
      'Zoë Ørsted-Ås',
      'Jürgen Groß',
      'محمد علي',
      'שרה כהן',
      '山田 太郎',
      "O'Brien & Co.",
      'Ølbryggeriet AS',
    ])
      expect(schema.safeParse(name)).toMatchObject({ success: true, data: name });
    expect(schema.safeParse('  padded  ')).toMatchObject({ success: true, data: 'padded' });
  });
});
