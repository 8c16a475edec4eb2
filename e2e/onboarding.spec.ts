import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heading, ownerOf, useServedApp, watchProblems } from './helpers';

// Issue 15, the first "Done when": a new installation's setup lands in the onboarding wizard; the
// owner fills in the business (with a phone number and a booking link), chooses the offline model,
// describes the business and gets the bike-shop template live with those details, makes its chat
// link, sends backups to a folder of its own and makes one; the dashboard's checklist shows every
// one of those steps done; and a customer on the chat link asking how to book gets the business's
// own phone number and booking link.

const app = useServedApp();
const owner = ownerOf('Sykkelverksted Nord', 'owner@sykkel.test');
const business = { phone: '+47 55 00 11 22', bookingLink: 'https://sykkel-nord.test/book' };

const stepHeading = (page: Page, name: RegExp) => page.getByRole('heading', { level: 2, name });

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('setup → wizard → checklist complete → the chat link answers with the business details', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const backupFolder = mkdtempSync(join(tmpdir(), 'mindframe-onboarding-backups-'));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  watchProblems(page, problems);
  let chatLink = '';

  try {
    await test.step('setup ends in the wizard, at its first step, with the keyboard on its heading', async () => {
      await page.goto(app.url);
      await expect(heading(page, 'Set up Mindframe')).toBeVisible();
      await page.getByLabel('Organisation name').fill(owner.org);
      await page.getByLabel('Your name').fill(owner.name);
      await page.getByLabel('E-mail address').fill(owner.email);
      await page.getByLabel('Password', { exact: true }).fill(owner.password);
      await page.getByLabel('Confirm password').fill(owner.password);
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await expect(heading(page, 'Get started')).toBeVisible();
      const title = stepHeading(page, /Language and regional format/);
      await expect(title).toBeFocused();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Keep and continue' }).click();
    });

    await test.step('the business profile: name, phone and booking link', async () => {
      await expect(stepHeading(page, /Your business/)).toBeFocused();
      await page.getByLabel('Name', { exact: true }).fill(owner.org);
      await page.getByLabel('Phone').fill(business.phone);
      await page.getByLabel('Booking link').fill(business.bookingLink);
      await page.getByRole('button', { name: 'Save and continue' }).click();
    });

    await test.step('how agents answer: the offline model, said for what it is', async () => {
      await expect(stepHeading(page, /How your agents answer/)).toBeFocused();
      await expect(page.getByText('What it cannot do')).toBeVisible();
      await page.getByRole('button', { name: 'Use the offline model' }).click();
      await expect(stepHeading(page, /How your agents answer/)).toContainText('Done');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    });

    await test.step('the first agent: described, matched to the bike template, made and live', async () => {
      await expect(stepHeading(page, /Your first agent/)).toBeFocused();
      await page
        .getByLabel('Describe your business')
        .fill('We repair bikes and take bookings for a bike service');
      await page.getByRole('button', { name: 'Suggest templates' }).click();
      const bike = page.getByRole('radio', { name: /Bike shop: repairs & bookings/ });
      await expect(bike).toBeChecked();
      await page.getByRole('button', { name: 'Create and put live' }).click();
      await expect(page.getByText('Your agent is live')).toBeVisible({ timeout: 20_000 });
      await expect(stepHeading(page, /Your first agent/)).toContainText('Done');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    });

    await test.step('where customers reach it: the chat link', async () => {
      await expect(stepHeading(page, /Where customers reach your agent/)).toBeFocused();
      await page.getByRole('button', { name: 'Create the chat link and website code' }).click();
      const link = page.getByTestId('hosted-link');
      await expect(link).toBeVisible();
      chatLink = (await link.getAttribute('href')) ?? '';
      expect(chatLink).toMatch(/\/c\/[\w-]+$/);
      await expect(stepHeading(page, /Where customers reach your agent/)).toContainText('Done');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    });

    await test.step('backups: a folder of its own, and a first backup there', async () => {
      const title = stepHeading(page, /^Backups/);
      await expect(title).toBeFocused();
      await page.getByLabel('Folder', { exact: true }).fill(backupFolder);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect(page.getByLabel('Folder', { exact: true })).toHaveValue(backupFolder);
      // a folder of its own on a schedule is set up; the first backup shows the folder works
      await expect(title).toContainText('Done');
      await page.getByRole('button', { name: 'Back up now' }).click();
      await expect
        .poll(() => readdirSync(backupFolder).filter((file) => file.endsWith('.mfbackup')).length, {
          timeout: 30_000,
        })
        .toBe(1);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    });

    await test.step('the team can wait: skipped, the wizard ends on the dashboard', async () => {
      await expect(stepHeading(page, /Invite your team/)).toBeFocused();
      await page.getByRole('button', { name: 'Skip for now' }).click();
      await expect(heading(page, 'Dashboard')).toBeVisible();
    });

    await test.step('the dashboard checklist: every step of the wizard done, the team skipped', async () => {
      const card = page.getByRole('region', { name: 'Get started' });
      await expect(card.getByText('6 of 7 steps done')).toBeVisible();
      const steps = card.getByRole('list', { name: 'Setup steps' }).getByRole('link');
      await expect(steps).toHaveCount(7);
      for (const step of [
        'Language',
        'Business details',
        'How agents answer',
        'First agent',
        'Where customers reach it',
        'Backups',
      ])
        await expect(card.getByRole('link', { name: `${step} Done` })).toBeVisible();
      await expect(card.getByRole('link', { name: 'Team Skipped' })).toHaveAttribute(
        'href',
        '#/welcome?step=team',
      );
      expect(await seriousViolations(page)).toEqual([]);
    });

    await test.step('a customer on the chat link asks how to book: the business phone and link', async () => {
      const visitor = await (await browser.newContext({ locale: 'en-GB' })).newPage();
      await visitor.goto(chatLink);
      await visitor.getByLabel('Your message').fill('How can I book a repair?');
      await visitor.getByRole('button', { name: 'Send' }).click();
      const reply = visitor.getByRole('log').locator('.msg.agent').last();
      await expect(reply).toContainText(business.bookingLink, { timeout: 20_000 });
      await expect(reply).toContainText(business.phone);
      await visitor.context().close();
    });

    expect(problems).toEqual([]);
  } finally {
    await context.close();
    rmSync(backupFolder, { recursive: true, force: true });
  }
});
