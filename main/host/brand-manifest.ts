import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodOutput } from '../contract';
import type { Core } from '../core';

export const manifestFile = 'manifest.webmanifest';

/**
 * The PWA manifest with the installation's brand (white label): its product name as the installed
 * app's name and its colour as the theme. The rest (icons, scope) is the built file's.
 */
export function registerBrandManifest(app: FastifyInstance, core: Core, staticDir: string): void {
  const path = join(staticDir, manifestFile);
  let built: Record<string, unknown> | null = null;
  app.get(`/${manifestFile}`, async (request, reply) => {
    built ??= JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const manifest = { ...built };
    const brand = await core.dispatch('brand.get', {}, { transport: 'http', ip: request.ip });
    const data = brand.ok ? (brand.data as MethodOutput<'brand.get'>) : null;
    if (data && !data.isDefault) {
      manifest.name = data.productName;
      manifest.short_name = data.productName;
      manifest.theme_color = data.primaryColor;
      delete manifest.description;
    }
    return reply
      .header('cache-control', 'no-cache')
      .type('application/manifest+json')
      .send(JSON.stringify(manifest));
  });
}
