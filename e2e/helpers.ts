import { expect, test, type Page } from '@playwright/test';
import { startServed, type ServedApp } from './served';

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
