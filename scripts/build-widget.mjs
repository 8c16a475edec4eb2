// Builds the embeddable chat widget (widget/): dist/widget/widget.js (one small script, no framework)
// and dist/widget/chat.html (the hosted chat page, the same script in full-page mode), with their
// brotli and gzip siblings. Fails when widget.js is over its budget compressed.
import { build as esbuild } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { precompress } from './precompress.mjs';

/** What widget.js may weigh, brotli-compressed, in bytes (issue 13: ≤ 30 KB). */
export const widgetBudget = 30 * 1024;

/** Sizes of a built widget.js in bytes: raw, brotli and gzip. */
export function widgetSize(dist) {
  const file = join(dist, 'widget', 'widget.js');
  const size = (path) => statSync(path).size;
  return { raw: size(file), brotli: size(`${file}.br`), gzip: size(`${file}.gz`) };
}

export async function buildWidget(root, dist) {
  const out = join(dist, 'widget');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: ['widget/src/main.ts'],
    outfile: join(out, 'widget.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'widget', 'chat.html'), join(out, 'chat.html'));
  await precompress(out);
  const size = widgetSize(dist);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `widget.js ${kb(size.raw)}, ${kb(size.brotli)} brotli, ${kb(size.gzip)} gzip (budget ${kb(widgetBudget)} brotli)`,
  );
  if (size.brotli > widgetBudget)
    throw new Error(`widget.js is ${kb(size.brotli)} brotli-compressed, over its ${kb(widgetBudget)} budget`);
  return size;
}
