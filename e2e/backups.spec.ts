import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, heading, nav, ownerOf, setUpOwner, useServedApp, watchProblems } from './helpers';

const app = useServedApp();

const owner = ownerOf('Harbour Bakery', 'olivia@harbour.test');

test('backups: back up now, see it verified, restore it, see the data from before; move an organisation', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watchProblems(page, problems);

  await test.step('first run', async () => {
    await page.goto(app.url);
    await setUpOwner(page, owner);
    await call(page, 'agents.create', { name: 'Sourdough helper' });
  });

  const manualRow = () => page.getByRole('row').filter({ hasText: 'Manual' });

  await test.step('back up now: progress, then the backup is in the list and verified', async () => {
    await nav(page, 'Backups').click();
    await expect(heading(page, 'Backups')).toBeVisible();
    await page.getByRole('button', { name: 'Back up now' }).first().click();
    await expect(page.getByText(/Backup made and verified/)).toBeVisible({ timeout: 30_000 });
    await expect(manualRow()).toHaveCount(1);
    await expect(manualRow()).toContainText('Verified');
    await expect(page.getByText('Last verified backup')).toBeVisible();
  });

  await test.step('a change after the backup', async () => {
    await call(page, 'agents.create', { name: 'Croissant mistake' });
    await nav(page, 'Agents').click();
    await expect(page.getByText('Croissant mistake')).toBeVisible();
  });

  await test.step('restore asks for confirmation, then puts the data back', async () => {
    await nav(page, 'Backups').click();
    await manualRow()
      .getByRole('button', { name: /^Restore/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(dialog).toContainText('Changes made after that are lost');
    const submit = dialog.getByRole('button', { name: 'Restore backup' });
    await expect(submit).toBeDisabled();
    await dialog.getByLabel(/Type RESTORE to confirm/).fill('RESTORE');
    await submit.click();
    await expect(page.getByText(/has been restored/).first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('row').filter({ hasText: 'Before restore' })).toContainText('Verified');

    await nav(page, 'Agents').click();
    await expect(page.getByText('Sourdough helper')).toBeVisible();
    await expect(page.getByText('Croissant mistake')).toHaveCount(0);
  });

  const exportFile = join(mkdtempSync(join(tmpdir(), 'mindframe-e2e-export-')), 'harbour.mftenant');

  await test.step('export the organisation as a file', async () => {
    await nav(page, 'Data export').click();
    await expect(heading(page, 'Data export')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export organisation' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.mftenant$/);
    await file.saveAs(exportFile);
    await expect(page.getByText('Export saved')).toBeVisible();
  });

  await test.step('import it as a new organisation', async () => {
    await nav(page, 'Organisations').click();
    await page.getByRole('button', { name: 'Import organisation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import an organisation' });
    await dialog.locator('input[type="file"]').setInputFiles(exportFile);
    await dialog.getByLabel('New name').fill('Harbour Bakery Copy');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByText('Harbour Bakery Copy has been imported')).toBeVisible({ timeout: 30_000 });
  });

  expect(problems).toEqual([]);
  await context.close();
});
