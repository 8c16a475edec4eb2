import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as vocabulary from './vocabulary';

describe('the contract vocabulary', () => {
  it('imports nothing, so the renderer may import its values without pulling in zod', () => {
    const source = readFileSync(join(__dirname, 'vocabulary.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*(import|export\s+(\*|\{[^}]*\})\s+from)\b/m);
    expect(source).not.toMatch(/\brequire\(|\bimport\(/);
  });

  it('holds lists of distinct values', () => {
    for (const [name, value] of Object.entries(vocabulary)) {
      if (!Array.isArray(value)) continue;
      expect(value.length, name).toBeGreaterThan(0);
      expect(new Set(value).size, name).toBe(value.length);
    }
  });
});
