import { expect, test, type Page } from '@playwright/test';
import { signIn, useDemoApp, watchProblems } from './helpers';

// A demo installation as a consultant makes it (`mindframe demo` into an empty folder), served, signed
// into, and every page of the router visited: each shows the demo's data, not its empty state, and
// the costs reach back over months.
test.describe.configure({ mode: 'serial' });

/** Every page of the router (renderer/src/router/routes.ts pagePaths; e2e cannot import the renderer). */
const pagePaths = {
  dashboard: '#/',
  welcome: '#/welcome',
  marketplace: '#/marketplace',
  agents: '#/agents',
  runs: '#/runs',
  conversations: '#/conversations',
  inbox: '#/inbox',
  costs: '#/runs/costs',
  knowledge: '#/knowledge',
  providers: '#/providers',
  team: '#/team',
  business: '#/business',
  audit: '#/audit',
  organisations: '#/organisations',
  guardian: '#/guardian',
  incidents: '#/incidents',
  escalation: '#/incidents/escalation',
  logs: '#/logs',
  notifications: '#/notifications',
  backups: '#/backups',
  dataExport: '#/export',
  account: '#/account',
  apiKeys: '#/api-keys',
  security: '#/security',
  help: '#/help',
};
type PageName = keyof typeof pagePaths;

const app = useDemoApp();

/** The EmptyState component (components/StateViews.tsx): its round icon above its title. */
const emptyStates = (page: Page) =>
  page.locator('main div.flex.flex-col.items-center.px-6.py-12.text-center > span.size-12');

// how fast the demo builds is measured by `npm run bench -- demo` (target < 60 s), not timed here
test('the demo is built, and its owner sees the Demo badge', async ({ page }) => {
  expect(app.summary.counts.organisations).toBeGreaterThanOrEqual(3);
  await signIn(page, app);
  await expect(page.getByTestId('demo-badge')).toHaveText('Demo');
  await expect(page.getByText('Sykkelverksted Nord').first()).toBeVisible();
});

test('every page of the router shows the demo data, not an empty state', async ({ page }) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  watchProblems(page, problems);
  await signIn(page, app);
  // pages that are a form or a choice by nature, with nothing of the demo to list
  const formPages = new Set<PageName>([
    'welcome',
    'account',
    'dataExport',
    'help',
    'marketplace',
    'business',
  ]);
  for (const [name, path] of Object.entries(pagePaths) as [PageName, string][]) {
    await page.goto(`${app.url}/${path}`);
    const main = page.locator('main');
    await expect(main, name).toBeVisible();
    await expect(
      page.locator('main div[role=status].justify-center.py-12').first(),
      `${name} finished loading`,
    ).toBeHidden({
      timeout: 20_000,
    });
    await page.waitForTimeout(300);
    if (!formPages.has(name)) await expect(emptyStates(page), `${name} is not empty`).toHaveCount(0);
    expect((await main.innerText()).trim().length, `${name} shows something`).toBeGreaterThan(40);
  }
  expect(problems).toEqual([]);
});

test('lists read like a business: conversations in three languages, tickets, incidents with post-mortems', async ({
  page,
}) => {
  await signIn(page, app);
  await page.goto(`${app.url}/${pagePaths.conversations}`);
  await expect(page.locator('main table tbody tr').first()).toBeVisible({ timeout: 20_000 });
  await page.goto(`${app.url}/${pagePaths.inbox}`);
  await expect(
    page
      .locator('main')
      .getByText(/SLA|breached|overdue/i)
      .first(),
  ).toBeVisible({ timeout: 20_000 });
  await page.goto(`${app.url}/${pagePaths.incidents}`);
  // the autumn sale's incident is long closed (with its post-mortem): the list opens on open ones
  await page.getByLabel('Show', { exact: true }).selectOption('all');
  await expect(
    page.locator('main').getByText('Webshop chat answered slowly during the autumn sale'),
  ).toBeVisible({ timeout: 20_000 });
  await page.goto(`${app.url}/${pagePaths.guardian}`);
  await expect(
    page
      .locator('main')
      .getByText(/Workshop assistant/)
      .first(),
  ).toBeVisible({ timeout: 20_000 });
});

test('the costs reach back over months', async ({ page }) => {
  await signIn(page, app);
  await page.goto(`${app.url}/${pagePaths.costs}`);
  const from = new Date(Date.now() - 175 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('From').fill(from);
  await expect(page.locator('main table tbody tr').nth(100)).toBeVisible({ timeout: 20_000 });
  const days = await page.locator('main table tbody tr td:first-child').allInnerTexts();
  const months = new Set(days.map((d) => d.replace(/\s*\d+,\s*/, ' ').trim()));
  expect(months.size).toBeGreaterThanOrEqual(5);
});

test('its owner resets the demo from the Demo badge, after typing the confirmation word', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, app);
  await page.getByRole('button', { name: 'Demo installation: options' }).click();
  await page.getByRole('menuitem', { name: 'Reset the demo…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the demo' });
  const submit = dialog.getByRole('button', { name: 'Reset the demo' });
  await expect(submit).toBeDisabled();
  await dialog.getByLabel('Type RESET to confirm').fill('RESET');
  await submit.click();
  // the app starts again on the dashboard of the demo as built, still signed in, still a demo
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('demo-badge')).toHaveText('Demo');
});
