import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServed, type ServedApp } from './served';

const root = join(__dirname, '..');

export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

export const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name });

interface BrowserStorage {
  getItem(key: string): string | null;
}

/** Calls the API from the signed-in page, with its session cookie and CSRF token, as the renderer does. */
export async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/call/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token':
            (globalThis as unknown as { sessionStorage: BrowserStorage }).sessionStorage.getItem(
              'mindframe.csrfToken',
            ) ?? '',
        },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!answer.ok) throw new Error(`${name as string}: ${answer.error?.message}`);
      return answer.data;
    },
    [method, input] as const,
  ) as Promise<T>;
}

/** The first owner of an installation, as the first-run form asks for them. */
export interface Owner {
  org: string;
  name: string;
  email: string;
  password: string;
}

/** Olivia Owner of `org`, with the specs' usual password. */
export const ownerOf = (org: string, email: string): Owner => ({
  org,
  name: 'Olivia Owner',
  email,
  password: 'correct horse battery staple',
});

/**
 * The first run, from the page the app opens on: fills in the set-up form with the organisation and
 * its owner, creates them, leaves the onboarding wizard it lands in, and waits for the dashboard
 * (the owner is signed in).
 */
export async function setUpOwner(page: Page, owner: Owner): Promise<void> {
  await expect(heading(page, 'Set up Mindframe')).toBeVisible();
  await page.getByLabel('Organisation name').fill(owner.org);
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('E-mail address').fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByLabel('Confirm password').fill(owner.password);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  // setup ends in the onboarding wizard; these specs go on from the dashboard
  await expect(heading(page, 'Get started')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the dashboard' }).click();
  await expect(heading(page, 'Dashboard')).toBeVisible();
}

/** Records Content-Security-Policy refusals and page errors of a page into problems. */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

/** A served app on a fresh data folder for the specs of this file, started once and stopped after. */
export function useServedApp(): { readonly url: string } {
  let app: ServedApp | undefined;
  test.beforeAll(async () => {
    app = await startServed();
  });
  test.afterAll(async () => {
    await app?.stop();
  });
  return {
    get url() {
      if (!app) throw new Error('The served app has not started.');
      return app.url;
    },
  };
}

// ---- The renderer's texts, to find controls in every language ----

export const languages = ['en', 'nl', 'nb'] as const;
export type Language = (typeof languages)[number];

type Bundle = { [key: string]: string | Bundle };
const bundles = Object.fromEntries(
  languages.map((language) => [
    language,
    JSON.parse(readFileSync(join(root, 'renderer', 'src', 'i18n', `${language}.json`), 'utf8')),
  ]),
) as Record<Language, Bundle>;

/**
 * The renderer's text for a key in a language (other parameters left as they are). The installation
 * wears the product's own brand (no white label set): {{productShort}} and {{product}} read as
 * "Mindframe" and "Mindframe Control Center".
 */
export function tr(language: Language, key: string): string {
  let value: string | Bundle | undefined = bundles[language];
  for (const part of key.split('.')) value = typeof value === 'object' ? value[part] : undefined;
  if (typeof value !== 'string') throw new Error(`no text for ${key} in ${language}`);
  return value
    .replaceAll('{{productShort}}', 'Mindframe')
    .replaceAll('{{product}}', 'Mindframe Control Center');
}

/**
 * The renderer's text for a key as a pattern, any value standing for each parameter: the whole name
 * (^…$) unless `{ part: true }`, where the text may be part of a longer one.
 */
export function trPattern(language: Language, key: string, options: { part?: boolean } = {}): RegExp {
  const parts = tr(language, key).split(/\{\{\w+\}\}/);
  const pattern = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
  return new RegExp(options.part ? pattern : `^${pattern}$`);
}

// ---- A demo installation (`mindframe demo`), served ----

/** What `mindframe demo` printed on its JSON line. */
export interface DemoSummary {
  /** How long building it took. */
  ms: number;
  seed: number;
  days: number;
  email: string;
  counts: Record<string, number>;
}

export interface DemoApp {
  /** The served host's address, e.g. http://127.0.0.1:41234 (pages at `${url}/#/insight`). */
  url: string;
  dataDir: string;
  /** The demo organisation's owner. */
  email: string;
  password: string;
  summary: DemoSummary;
  /** Stops the host and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * Builds a demo installation as a consultant does (`mindframe demo --seed 42 --days 180` into an empty
 * folder; built from dist/, so run `node scripts/build.mjs` first), reads its owner's e-mail and
 * password from what it prints, and serves it (`mindframe serve` on a free port).
 */
export async function startDemo(options: { seed?: number; days?: number } = {}): Promise<DemoApp> {
  const parent = mkdtempSync(join(tmpdir(), 'mindframe-e2e-demo-'));
  try {
    const dataDir = join(parent, 'data');
    const output = execFileSync(
      process.execPath,
      [
        join(root, 'bin', 'mindframe.cjs'),
        'demo',
        '--data-dir',
        dataDir,
        '--seed',
        String(options.seed ?? 42),
        '--days',
        String(options.days ?? 180),
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const email = /Sign in as (\S+)/.exec(output)![1]!;
    const password = /Password: (\S+)/.exec(output)![1]!;
    const summary = JSON.parse(/JSON (.+)/.exec(output)![1]!) as DemoSummary;
    const app = await startServed({ dataDir });
    return {
      url: app.url,
      dataDir,
      email,
      password,
      summary,
      async stop() {
        await app.stop();
        rmSync(parent, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(parent, { recursive: true, force: true });
    throw error;
  }
}

/**
 * For a spec file: a demo installation built and served once before its tests (up to 3 minutes) and
 * stopped and removed after them. Read its fields inside tests (they exist once beforeAll has run):
 *
 *     const demo = useDemoApp();
 *     test('…', async ({ page }) => { await signIn(page, demo); await page.goto(`${demo.url}/#/insight`); });
 */
export function useDemoApp(options: { seed?: number; days?: number } = {}): Omit<DemoApp, 'stop'> {
  let app: DemoApp | undefined;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    app = await startDemo(options);
  });
  test.afterAll(async () => {
    await app?.stop();
  });
  const started = (): DemoApp => {
    if (!app) throw new Error('The demo has not started.');
    return app;
  };
  return {
    get url() {
      return started().url;
    },
    get dataDir() {
      return started().dataDir;
    },
    get email() {
      return started().email;
    },
    get password() {
      return started().password;
    },
    get summary() {
      return started().summary;
    },
  };
}

/** Signs in on the served app's sign-in page and waits for the app's navigation. */
export async function signIn(
  page: Page,
  app: { readonly url: string; readonly email: string; readonly password: string },
): Promise<void> {
  await page.goto(app.url);
  await page.locator('input[type=email]').fill(app.email);
  await page.locator('input[type=password]').fill(app.password);
  await page.locator('button[type=submit]').click();
  await expect(page.getByRole('navigation').first()).toBeVisible({ timeout: 20_000 });
}
