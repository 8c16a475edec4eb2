import { expect, test } from '@playwright/test';
import { heading, nav, watchProblems } from './helpers';
import { startServed, type ServedApp } from './served';

// a server without a keychain and without MINDFRAME_MASTER_KEY: the key sits beside the data
let app: ServedApp | undefined;
test.beforeAll(async () => {
  app = await startServed({ env: { DBUS_SESSION_BUS_ADDRESS: '', MINDFRAME_MASTER_KEY: '' } });
});
test.afterAll(async () => {
  await app?.stop();
});

test('backups: the first backup is made right after setup, and the settings say where secrets are kept', async ({
  page,
}) => {
  const problems: string[] = [];
  watchProblems(page, problems);
  await page.goto(app!.url);
  await expect(heading(page, 'Set up Mindframe')).toBeVisible();
  await page.getByLabel('Organisation name').fill('Harbour Bakery');
  await page.getByLabel('Your name').fill('Olivia Owner');
  await page.getByLabel('E-mail address').fill('olivia@harbour.test');
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('Confirm password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(heading(page, 'Dashboard')).toBeVisible();

  await nav(page, 'Backups').click();
  await expect(heading(page, 'Backups')).toBeVisible();
  // made by itself right after setup, of the organisation just created
  await expect(page.getByRole('row').filter({ hasText: 'Scheduled' })).toContainText('Verified', {
    timeout: 30_000,
  });

  await page.getByRole('tab', { name: 'Settings' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'with its key beside it' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Anyone who can read the data folder');
  await expect(notice).toContainText('MINDFRAME_MASTER_KEY');
  expect(problems).toEqual([]);
});
