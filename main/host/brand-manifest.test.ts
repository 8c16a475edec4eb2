import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness } from '../core/testing/harness';
import { startHost, type RunningHost } from './server';

/** The installed app (PWA) takes the brand's name and colour from the served manifest. */
const dir = mkdtempSync(join(tmpdir(), 'mindframe-manifest-'));
let h: Harness;
let host: RunningHost;

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
  writeFileSync(
    join(dir, 'manifest.webmanifest'),
    JSON.stringify({
      name: 'Mindframe Control Center',
      short_name: 'Mindframe',
      theme_color: '#4f46e5',
      icons: [],
    }),
  );
  writeFileSync(join(dir, 'manifest.webmanifest.br'), 'stale compressed copy');
  h = createHarness();
  host = await startHost(h.core, { port: 0, staticDir: dir });
});

afterAll(async () => {
  await host?.close();
  h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const manifest = async () => {
  const response = await fetch(`${host.url}/manifest.webmanifest`, { headers: { 'accept-encoding': 'br' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/manifest+json');
  return (await response.json()) as Record<string, unknown>;
};

describe('the served manifest', () => {
  it('is the built one while no brand is set, and the brand’s name and colour once it is', async () => {
    expect(await manifest()).toMatchObject({ name: 'Mindframe Control Center', short_name: 'Mindframe' });
    const admin = await setupOwner(h.core);
    await expectOk(
      h.core,
      'brand.save',
      {
        productName: 'Nordlys Assist',
        logo: null,
        primaryColor: '#0f766e',
        supportEmail: null,
        mailFromName: null,
        mailFromAddress: null,
      },
      admin.call,
    );
    expect(await manifest()).toMatchObject({
      name: 'Nordlys Assist',
      short_name: 'Nordlys Assist',
      theme_color: '#0f766e',
      icons: [],
    });
  });
});
