import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchProblems } from './helpers';
import { startServed, type ServedApp } from './served';

let app: ServedApp | undefined;
test.beforeAll(async () => {
  app = await startServed();
});
test.afterAll(async () => {
  await app?.stop();
});

// Playwright reads the fixtures a test uses from its first parameter's pattern: this one uses none
// eslint-disable-next-line no-empty-pattern
test('the served app is installable, and says so when its server cannot be reached', async ({}, testInfo) => {
  // a profile on disk, as a person's browser has: Chromium offers no install in incognito contexts
  const profile = mkdtempSync(join(tmpdir(), 'mindframe-pwa-'));
  const launch = testInfo.project.use.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    ...(launch.executablePath ? { executablePath: launch.executablePath } : {}),
    ...(launch.args ? { args: launch.args } : {}),
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await installableAndOffline(context, page, app!.url);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

async function installableAndOffline(context: BrowserContext, page: Page, url: string): Promise<void> {
  const problems: string[] = [];
  watchProblems(page, problems);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // the service worker is in charge of the page once it is ready
  await page.evaluate(async () => {
    // runs in the page (the e2e project compiles without the DOM library)
    const { navigator } = globalThis as unknown as {
      navigator: { serviceWorker: { ready: Promise<unknown> } };
    };
    await navigator.serviceWorker.ready;
  });

  const manifest = await page.request.get(`${url}/manifest.webmanifest`);
  expect(manifest.ok()).toBe(true);
  expect(await manifest.json()).toMatchObject({ display: 'standalone', start_url: '/' });

  // Chromium's own installability check (the one behind its "Install app" button)
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);

  // the server cannot be reached: a reload shows the offline page, in all three languages
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Je bent offline' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Du er frakoblet' })).toBeVisible();
  await context.setOffline(false);
  await page.getByRole('link', { name: /Try again/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('You are offline');
  // only what being offline itself caused
  expect(problems.filter((problem) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(problem))).toEqual(
    [],
  );
}
