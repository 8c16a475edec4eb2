import { expect, test } from '@playwright/test';
import { heading, nav, ownerOf, setUpOwner, useServedApp, watchProblems } from './helpers';

const app = useServedApp();

/** What the page's scripts below use of the browser (the specs compile without the DOM's types). */
interface StyleGlobals {
  document: { documentElement: unknown };
  getComputedStyle(element: unknown): { backgroundColor: string; getPropertyValue(name: string): string };
}
const owner = ownerOf('Acme Robotics', 'olivia@acme.test');

/** A 1×1 teal PNG, as a logo file. */
const logo = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('white label: the platform admin sets a name, logo and colour; the sidebar and the sign-in page wear them', async ({
  browser,
}) => {
  const problems: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  watchProblems(page, problems);
  await page.goto(app.url);
  await setUpOwner(page, owner);

  await test.step('the Brand page refuses a colour white text cannot be read on', async () => {
    await nav(page, 'Brand').click();
    await expect(heading(page, 'Brand')).toBeVisible();
    await page.getByLabel('Product name').fill('Nordlys Assist');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
    await expect(page.getByRole('img', { name: 'Current logo' })).toBeVisible();
    await page.getByLabel('Primary colour (hex)').fill('#fbbf24');
    await expect(page.getByTestId('contrast')).toContainText('too low, at least 4.5:1 is needed');
    await page.getByRole('button', { name: 'Save brand' }).click();
    await expect(page.getByText(/White text on this colour has a contrast of only 1\.66:1/)).toBeVisible();
  });

  await test.step('a dark enough colour saves, and the app repaints at once', async () => {
    await page.getByLabel('Primary colour (hex)').fill('#0f766e');
    await expect(page.getByTestId('contrast')).toContainText('passes');
    await page.getByLabel('Support address').fill('help@nordlys.test');
    await page.getByRole('button', { name: 'Save brand' }).click();
    await expect(page.getByText('Brand saved. Open apps show it now.')).toBeVisible();
    await expect(page.getByTestId('product-name').first()).toHaveText('Nordlys Assist');
    await expect(page.getByTestId('brand-logo').first()).toBeVisible();
    await expect(page).toHaveTitle('Brand · Nordlys Assist');
    // the primary buttons take the brand's colour (Tailwind's indigo-600, overridden at :root)
    await page.mouse.move(0, 0);
    // (after the hover's transition; the browser's colour pipeline may round a channel by one)
    await expect
      .poll(async () => {
        const colour = await page
          .getByRole('button', { name: 'Save brand' })
          .evaluate(
            (button) => (globalThis as unknown as StyleGlobals).getComputedStyle(button).backgroundColor,
          );
        const channels = colour.match(/\d+/g)!.map(Number);
        return Math.max(...[15, 118, 110].map((value, i) => Math.abs(channels[i]! - value)));
      })
      .toBeLessThanOrEqual(1);
    expect(
      await page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as unknown as StyleGlobals;
        return getComputedStyle(document.documentElement).getPropertyValue('--color-indigo-600').trim();
      }),
    ).toBe('#0f766e');
  });

  await test.step('signed out, the sign-in page says the brand’s name, not Mindframe', async () => {
    const signedOut = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const fresh = await signedOut.newPage();
    watchProblems(fresh, problems);
    await fresh.goto(app.url);
    await expect(heading(fresh, 'Sign in')).toBeVisible();
    await expect(fresh.getByTestId('product-name')).toHaveText('Nordlys Assist');
    await expect(fresh.getByText('Welcome back. Sign in to your Nordlys Assist.')).toBeVisible();
    await expect(fresh.getByTestId('brand-logo')).toBeVisible();
    await expect(fresh).toHaveTitle('Sign in · Nordlys Assist');
    await expect(fresh.locator('body')).not.toContainText('Mindframe');
    await fresh.getByLabel('E-mail address').fill(owner.email);
    await fresh.getByLabel('Password').fill(owner.password);
    await fresh.getByRole('button', { name: 'Sign in' }).click();
    await expect(heading(fresh, 'Dashboard')).toBeVisible();
    await expect(fresh.getByTestId('product-name').first()).toHaveText('Nordlys Assist');
    await signedOut.close();
  });

  await test.step('reset to default, after confirming, brings Mindframe back', async () => {
    await page.getByRole('button', { name: 'Reset to default' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset brand' }).click();
    await expect(page.getByText('The default brand is back.')).toBeVisible();
    await expect(page.getByTestId('product-name').first()).toHaveText('Mindframe');
  });

  expect(problems).toEqual([]);
  await context.close();
});
