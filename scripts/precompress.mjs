// Brotli and gzip siblings (name.br, name.gz) of the built renderer's text files, so the served host
// (@fastify/static with preCompressed) answers with a compressed file without compressing per request.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

const compressible = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map']);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && compressible.has(extname(entry.name))) yield path;
  }
}

/**
 * Writes `file.br` (brotli, best quality) and `file.gz` (gzip level 9) beside every compressible file
 * under `dir`, only where they are smaller than the file. Answers the totals, in bytes.
 */
export async function precompress(dir) {
  const totals = { files: 0, raw: 0, br: 0, gzip: 0 };
  const jobs = [];
  for await (const path of files(dir)) {
    jobs.push(
      (async () => {
        const [content, { size }] = await Promise.all([readFile(path), stat(path)]);
        const [br, gz] = await Promise.all([
          brotli(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: size,
            },
          }),
          gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        totals.files++;
        totals.raw += size;
        totals.br += Math.min(br.length, size);
        totals.gzip += Math.min(gz.length, size);
        await Promise.all([
          br.length < size ? writeFile(`${path}.br`, br) : undefined,
          gz.length < size ? writeFile(`${path}.gz`, gz) : undefined,
        ]);
      })(),
    );
  }
  await Promise.all(jobs);
  return totals;
}
