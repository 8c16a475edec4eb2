import { expect, test } from '@playwright/test';
import { heading, nav, ownerOf, setUpOwner, watchProblems } from './helpers';
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
  await setUpOwner(page, ownerOf('Harbour Bakery', 'olivia@harbour.test'));

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
