// Builds everything the app runs: main-process bundles with esbuild, the renderer with Vite.
//   node scripts/build.mjs            everything
//   node scripts/build.mjs --main     CLI, served host, Electron shell, preload, benchmarks
//   node scripts/build.mjs --renderer the renderer only
//   node scripts/build.mjs --widget   the embeddable chat widget and hosted chat page only
import { build as esbuild } from 'esbuild';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWidget } from './build-widget.mjs';
import { precompress } from './precompress.mjs';
import { packagesOfModules, writeLicences } from './licences.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = new Set(process.argv.slice(2));
const all = !args.has('--main') && !args.has('--renderer') && !args.has('--widget');
const started = Date.now();

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
};

async function contractNames() {
  const out = join(dist, 'contract.cjs');
  await esbuild({ ...node, entryPoints: ['main/contract/index.ts'], outfile: out, sourcemap: false });
  const require = createRequire(import.meta.url);
  delete require.cache[out];
  const contract = require(out);
  return {
    methods: Object.keys(contract.methods),
    events: Object.keys(contract.events),
    channels: contract.ipcChannels,
  };
}

async function buildMain() {
  mkdirSync(dist, { recursive: true });
  const names = await contractNames();
  await Promise.all([
    esbuild({ ...node, entryPoints: ['main/cli/index.ts'], outfile: join(dist, 'cli.cjs') }),
    esbuild({
      ...node,
      entryPoints: ['main/electron/main.ts'],
      outfile: join(dist, 'electron', 'main.cjs'),
      external: ['electron'],
    }),
    // A sandboxed preload may only require('electron'): everything else is bundled in.
    esbuild({
      ...node,
      packages: undefined,
      external: ['electron'],
      entryPoints: ['preload/index.ts'],
      outfile: join(dist, 'preload', 'index.cjs'),
      define: {
        __MINDFRAME_METHODS__: JSON.stringify(names.methods),
        __MINDFRAME_EVENTS__: JSON.stringify(names.events),
        __MINDFRAME_CHANNELS__: JSON.stringify(names.channels),
      },
    }),
    existsSync(join(root, 'scripts', 'bench.ts'))
      ? esbuild({ ...node, entryPoints: ['scripts/bench.ts'], outfile: join(dist, 'scripts', 'bench.cjs') })
      : Promise.resolve(),
  ]);
}

async function buildRenderer() {
  const { build } = await import('vite');
  rmSync(join(dist, 'renderer'), { recursive: true, force: true });
  const output = await build({ configFile: join(root, 'renderer', 'vite.config.mts'), logLevel: 'warn' });
  await precompress(join(dist, 'renderer'));
  // Help → About lists the licences of what ships: the production dependencies and what the bundle holds
  const bundles = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  const moduleIds = bundles.flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : []));
  writeLicences({
    root,
    out: join(dist, 'third-party-licences.json'),
    bundled: packagesOfModules(moduleIds),
  });
}

try {
  if (all || args.has('--main')) await buildMain();
  if (all || args.has('--renderer')) await buildRenderer();
  if (all || args.has('--widget')) await buildWidget(root, dist);
  console.log(
    `built ${all ? 'everything' : [...args].join(' ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(error.message ?? error);
  process.exit(1);
}
