import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints a snippet as if it were a file at `path`; answers the boundary messages. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.filter((m) => m.ruleId === 'mindframe/boundaries').map((m) => m.message);
}

describe('import boundaries of DESIGN.md', () => {
  it('keeps the foundation of the core (context.ts, lib/) free of domains', async () => {
    expect(
      await boundaryErrors(
        'main/core/context.ts',
        "import type { AgentsDomain } from './agents/domain';\nexport type A = AgentsDomain;",
      ),
    ).toEqual([
      'main/core/context.ts is the foundation of the core and may not import the domain folder main/core/agents/domain (DESIGN.md import rules).',
    ]);
    expect(
      await boundaryErrors(
        'main/core/lib/x.ts',
        "import { Notifier } from '../notify';\nexport const a = Notifier;",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'main/core/lib/x.ts',
        "import type { Services } from '../services';\nexport type A = Services;",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'main/core/lib/x.ts',
        "import { systemClock } from './clock';\nexport const a = systemClock;",
      ),
    ).toEqual([]);
  });

  it('lets the core read the translation catalogue, and nothing else of the renderer', async () => {
    expect(
      await boundaryErrors(
        'main/core/lib/x.ts',
        "import nb from '../../../renderer/src/i18n/nb.json';\nexport const a = nb;",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'main/core/lib/x.ts',
        "import { resources } from '../../../renderer/src/i18n/index';\nexport const a = resources;",
      ),
    ).toEqual(['main/core may not import renderer (DESIGN.md import rules).']);
  });

  it('lets the hosts reach the core only through main/core/index.ts', async () => {
    for (const host of ['main/host/x.ts', 'main/cli/x.ts', 'main/electron/x.ts']) {
      expect(
        await boundaryErrors(host, "import { createCore } from '../core';\nexport const a = createCore;"),
      ).toEqual([]);
      expect(
        await boundaryErrors(
          host,
          "import { createCore } from '../core/index';\nexport const a = createCore;",
        ),
      ).toEqual([]);
      expect(
        await boundaryErrors(
          host,
          "import { SecurityMonitor } from '../core/security/security-monitor';\nexport const a = SecurityMonitor;",
        ),
      ).toHaveLength(1);
    }
  });

  it('lets the desktop app open the public listener, and reach nothing else of the served host', async () => {
    expect(
      await boundaryErrors(
        'main/electron/x.ts',
        "import { startPublicHost } from '../host/public-listener';\nexport const a = startPublicHost;",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'main/electron/x.ts',
        "import { startHost } from '../host/server';\nexport const a = startHost;",
      ),
    ).toEqual(['main/electron may not import main/host (DESIGN.md import rules).']);
  });

  it('keeps test kits out of production code', async () => {
    expect(
      await boundaryErrors(
        'main/core/agents/x.ts',
        "import { createHarness } from '../testing/harness';\nexport const a = createHarness;",
      ),
    ).toEqual([
      'main/core/agents/x.ts is production code and may not import the test kit main/core/testing/harness (DESIGN.md import rules).',
    ]);
    expect(
      await boundaryErrors(
        'main/host/x.ts',
        "import { download } from '../core/testing/transfer-test-kit';\nexport const a = download;",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'main/core/agents/x.test.ts',
        "import { createHarness } from '../testing/harness';\nexport const a = createHarness;",
      ),
    ).toEqual([]);
  });

  it('keeps Electron out of the core and the core out of the database layer', async () => {
    expect(
      await boundaryErrors('main/core/x.ts', "import { app } from 'electron';\nexport const a = app;"),
    ).toEqual(['main/core may not import the package "electron" (DESIGN.md import rules).']);
    expect(
      await boundaryErrors(
        'db/x.ts',
        "import { createCore } from '../main/core';\nexport const a = createCore;",
      ),
    ).toEqual(['db may not import main/core (DESIGN.md import rules).']);
  });

  it('lets the renderer and preload import the contract for types only', async () => {
    expect(
      await boundaryErrors(
        'renderer/src/x.ts',
        "import type { Me } from '../../main/contract';\nexport type A = Me;",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'renderer/src/x.ts',
        "import { methods } from '../../main/contract';\nexport const a = methods;",
      ),
    ).toEqual(['renderer may import main/contract only with `import type`.']);
    expect(
      await boundaryErrors(
        'renderer/src/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'preload/x.ts',
        "import { methods } from '../main/contract';\nexport const a = methods;",
      ),
    ).toHaveLength(1);
  });

  it('keeps the contract free of everything but zod', async () => {
    expect(
      await boundaryErrors('main/contract/x.ts', "import { z } from 'zod';\nexport const a = z;"),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'main/contract/x.ts',
        "import { openDatabase } from '../../db';\nexport const a = openDatabase;",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors('main/contract/x.ts', "import { join } from 'node:path';\nexport const a = join;"),
    ).toHaveLength(1);
  });

  it('lets the hosts use the core but not each other', async () => {
    expect(
      await boundaryErrors(
        'main/host/x.ts',
        "import { createCore } from '../core';\nexport const a = createCore;",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors('main/host/x.ts', "import { x } from '../electron/main';\nexport const a = x;"),
    ).toHaveLength(1);
  });
});
