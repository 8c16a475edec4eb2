import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagesImportedBy, packagesOfModules, writeLicences } from './licences.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('third-party licences', () => {
  it('lists the shipped packages with their licence and text, and no dev tool', () => {
    const dir = mkdtempSync(join(tmpdir(), 'licences-'));
    try {
      const out = join(dir, 'third-party-licences.json');
      const bundled = packagesImportedBy(join(root, 'renderer', 'src'));
      expect(bundled).toEqual(expect.arrayContaining(['react', 'react-dom', 'i18next', 'react-markdown']));
      writeLicences({ root, out, bundled });
      const report = JSON.parse(readFileSync(out, 'utf8')) as {
        generatedAt: string;
        packages: { name: string; license: string | null; text: string | null }[];
      };
      expect(Date.parse(report.generatedAt)).not.toBeNaN();
      const byName = (name: string) => report.packages.find((p) => p.name === name);
      // a production dependency, one of its own dependencies, and what the interface bundles
      expect(byName('fastify')).toMatchObject({ license: 'MIT' });
      expect(byName('fastify')!.text).toMatch(/Permission is hereby granted/);
      expect(byName('find-my-way')).toMatchObject({ license: 'MIT' });
      expect(byName('react')).toMatchObject({ license: 'MIT' });
      expect(byName('better-sqlite3')).toMatchObject({ license: 'MIT' });
      // dev tools ship nothing
      for (const tool of ['vitest', 'eslint', 'prettier', 'typescript', 'electron-builder', 'drizzle-kit'])
        expect(byName(tool), tool).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the packages of the modules a bundle holds', () => {
    expect(
      packagesOfModules([
        '/app/node_modules/react/index.js',
        '/app/node_modules/@radix-ui/react-dialog/dist/index.mjs',
        '/app/node_modules/a/node_modules/b/x.js',
        '/app/renderer/src/App.tsx',
      ]),
    ).toEqual(['@radix-ui/react-dialog', 'b', 'react']);
  });
});
