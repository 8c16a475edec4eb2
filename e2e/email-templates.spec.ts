import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { heading, nav, ownerOf, setUpOwner, useServedApp, watchProblems } from './helpers';

// The e-mail templates on the Notifications page: each e-mail the app writes, shown as it is sent,
// in the chosen language, with the mail's own styles (the app's CSP allows none inline) and nothing
// able to run in it; axe finds nothing serious in the app's languages.

const app = useServedApp();

test('previews every e-mail template in HTML and plain text, in the language chosen, styled and inert', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  watchProblems(page, problems);
  await page.goto(app.url);
  await setUpOwner(page, ownerOf('Sykkelverksted Nord', 'kari@sykkel.test'));
  await nav(page, 'Notifications').click();
  await expect(heading(page, 'Notifications')).toBeVisible();

  const card = page.getByRole('region', { name: 'E-mail templates' });
  await card.getByLabel('E-mail', { exact: true }).selectOption({ label: 'Password reset' });
  await card.getByLabel('Language').selectOption('nl');
  await expect(card.getByText('Kies een nieuw wachtwoord').first()).toBeVisible({ timeout: 30_000 });

  const mail = card.getByRole('region', { name: 'Preview of the e-mail: Password reset' });
  await expect(mail).toContainText('Sykkelverksted Nord');
  await expect(mail).toContainText('Nieuw wachtwoord kiezen');
  // the mail's own styles hold (its heading is 22 px, not the page's 14 or 16), it says its
  // language, nothing in it can run, and its links go nowhere from the preview
  const title = mail.getByText('Kies een nieuw wachtwoord', { exact: true }).first();
  expect(
    await title.evaluate(
      (element) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(
          element,
        ).fontSize,
    ),
  ).toBe('22px');
  await expect(mail.locator('[lang]').first()).toHaveAttribute('lang', 'nl');
  await expect(mail.locator('script, iframe, [onclick], [onload], [onerror]')).toHaveCount(0);
  await mail.getByRole('link', { name: 'Nieuw wachtwoord kiezen' }).click();
  await expect(page).toHaveURL(/#\/notifications$/);

  await card.getByRole('tab', { name: 'Plain text' }).click();
  const text = card.getByRole('tabpanel').filter({ hasText: 'Sykkelverksted Nord' });
  await expect(text).toContainText('Kies een nieuw wachtwoord');
  await expect(text).toContainText('-- ');

  for (const template of ['Welcome', 'Invitation', 'Ticket handed to a person', 'Weekly report']) {
    await card.getByLabel('E-mail', { exact: true }).selectOption({ label: template });
    await expect(text).not.toContainText('{{');
  }
  await card.getByRole('tab', { name: 'HTML' }).click();

  for (const language of ['en', 'nl', 'nb'] as const) {
    await page.locator(`button[lang="${language}"]`).first().click();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${language}: ${violation.id} ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    expect(serious).toEqual([]);
  }
  expect(problems).toEqual([]);
});
