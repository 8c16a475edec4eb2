import { expect, test } from '@playwright/test';
import { startServed, type ServedApp } from './served';
import { watchProblems } from './helpers';

// "Explore a demo" in one click on a fresh served installation: the first-run screen builds the demo
// into this installation, shows its progress, hands out the owner's password once and opens the demo
// signed in, with its Demo badge, its organisations and its invoices.
let app: ServedApp;

test.beforeAll(async () => {
  app = await startServed();
});
test.afterAll(async () => {
  await app?.stop();
});

test('first run: build the demo here, watch it build, open it signed in as its owner', async ({ page }) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  watchProblems(page, problems);
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Explore a demo', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Build the demo here' }).click();
  // the progress bar names the step while it builds
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText('Building the demo…')).toBeVisible();
  await expect(page.getByText('Your demo is ready')).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId('demo-email')).toHaveText('ingrid@sykkelverksted-nord.no');
  const password = (await page.getByTestId('demo-password').textContent()) ?? '';
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await page.getByRole('button', { name: 'Open the demo' }).click();
  // signed in as the demo's owner, in a demo
  await expect(page.getByRole('button', { name: 'Demo installation: options' })).toBeVisible();
  await page.goto(`${app.url}/#/organisations`);
  await expect(page.getByText('Fietsenmaker De Spaak').first()).toBeVisible();
  await expect(page.getByText('Tromsø Kajakkutleie').first()).toBeVisible();
  // the owner's billing page has the demo's invoices
  await page.goto(`${app.url}/#/billing`);
  await expect(page.getByRole('heading', { name: 'Invoices' })).toBeVisible();
  // the password works for a sign-in of its own
  await page.context().clearCookies();
  await page.goto(app.url);
  await page.locator('input[type=email]').fill('ingrid@sykkelverksted-nord.no');
  await page.locator('input[type=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await expect(page.getByRole('button', { name: 'Demo installation: options' })).toBeVisible();
  expect(problems).toEqual([]);
});
