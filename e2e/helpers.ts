import { test, type Page } from '@playwright/test';
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
