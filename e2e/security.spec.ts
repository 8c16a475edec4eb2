import { expect, test } from '@playwright/test';
import { heading, nav, ownerOf, setUpOwner, useServedApp, watchProblems } from './helpers';

const app = useServedApp();

const owner = ownerOf('Acme Robotics', 'olivia@acme.test');

test('security page: live events, this device, ending another session, the allow-list editor', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  watchProblems(page, problems);

  await page.goto(app.url);
  await setUpOwner(page, owner);

  // a second browser signs in as the same person
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(app.url);
  await otherPage.getByLabel('E-mail address').fill(owner.email);
  await otherPage.getByLabel('Password').fill(owner.password);
  await otherPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(heading(otherPage, 'Dashboard')).toBeVisible();

  await nav(page, 'Security').click();
  await expect(heading(page, 'Security')).toBeVisible();
  const sessions = page.getByRole('table', { name: 'Your active sessions' });
  await expect(sessions.getByRole('row')).toHaveCount(3);
  await expect(sessions.getByText('This device')).toHaveCount(1);

  // failed sign-ins elsewhere show up live as a burst
  const events = page.getByRole('table', { name: 'Security events' });
  for (let i = 0; i < 5; i++) {
    await fetch(`${app.url}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: 'not the right password' }),
    });
  }
  await expect(events.getByText('Burst of failed sign-ins')).toBeVisible();

  // end the other browser's session, after confirming
  const otherRow = sessions.getByRole('row').filter({ hasNotText: 'This device' }).nth(1);
  await otherRow.getByRole('button', { name: /^Sign out / }).click();
  await expect(page.getByRole('dialog', { name: 'Sign out this session?' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(sessions.getByRole('row')).toHaveCount(2);
  await otherPage.reload();
  await expect(heading(otherPage, 'Sign in')).toBeVisible();

  // the allow-list refuses a malformed range and keeps a good one
  const allowList = page.getByLabel('Allowed addresses and ranges, one per line');
  await allowList.fill('10.0.0.0/33');
  await page.getByRole('button', { name: 'Save allow-list' }).click();
  await expect(page.getByText(/IPv4 or IPv6 address or range/).first()).toBeVisible();
  await allowList.fill('10.0.0.0/8\n2001:db8::/32');
  await page.getByRole('button', { name: 'Save allow-list' }).click();
  await expect(page.getByText('2 entries')).toBeVisible();
  await expect(page.getByText('The IP allow-list was saved.')).toBeVisible();

  expect(problems).toEqual([]);
  await other.close();
  await context.close();
});
