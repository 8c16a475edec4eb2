import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, heading, ownerOf, setUpOwner, useServedApp } from './helpers';

// Every screen at the sizes people use: the sidebar's pages at 1024×700 (a small laptop) and
// 1440×900, and the pages someone opens on a phone at 390×844, in Norwegian (long words), with
// realistic data. Each screen is saved as test-results/screens/<width>/<page>.png to look at, and
// checked for what a person would notice: the page sideways wider than the screen, a table that has
// to be scrolled sideways, a button cut off at the edge, a missing heading, and on a phone a button
// smaller than a fingertip (44 px). One browser, one context per width.

const app = useServedApp();

const owner = ownerOf('Sykkelverksted Nord', 'olivia@sykkelverksted.test');

const shots = join(__dirname, '..', 'test-results', 'screens');

/** The pages someone opens on a phone, besides the sign-in pages (and the conversations, where there are). */
const phonePages = ['#/guardian', '#/incidents', '#/runs', '#/'];

/** The browser objects the page functions below use (the e2e type-check has no DOM library). */
interface Box {
  left: number;
  right: number;
  top: number;
  width: number;
  height: number;
}
interface PageElement {
  tagName: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  disabled?: boolean;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
  closest(selector: string): PageElement | null;
}
interface PageGlobals {
  document: {
    documentElement: PageElement;
    getElementById(id: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[];
  };
  getComputedStyle(element: PageElement): { overflowX: string; visibility: string; display: string };
  location: { hash: string };
  sessionStorage: { clear(): void };
}

/** What a person would notice on the screen as it is now; empty when all is well. */
function problemsOnScreen(page: Page, phone: boolean): Promise<string[]> {
  return page.evaluate((phone) => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    const name = (element: PageElement) =>
      (element.getAttribute('aria-label') ?? element.textContent ?? element.tagName).trim().slice(0, 50);
    if (document.documentElement.scrollWidth > width)
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide on a ${width} px screen`);
    const main = document.getElementById('main');
    if (main && main.scrollWidth > main.clientWidth)
      problems.push(`the content is ${main.scrollWidth} px wide in ${main.clientWidth} px`);
    // a table (or anything) that has to be scrolled sideways to be read: its columns are cut off
    for (const element of Array.from(document.querySelectorAll('#main *'))) {
      const overflow = getComputedStyle(element).overflowX;
      if (
        (overflow === 'auto' || overflow === 'scroll') &&
        !['PRE', 'TEXTAREA'].includes(element.tagName) &&
        element.scrollWidth > element.clientWidth + 1
      )
        problems.push(
          `"${name(element).slice(0, 30)}" has to be scrolled sideways (${element.scrollWidth} px in ${element.clientWidth} px)`,
        );
    }
    for (const button of Array.from(document.querySelectorAll('button, [role="button"]'))) {
      const box = button.getBoundingClientRect();
      // not shown, or only for screen readers (the skip link's 1 px)
      if (box.width <= 1 || box.height <= 1 || getComputedStyle(button).visibility === 'hidden') continue;
      if (button.closest('[role="dialog"], [data-radix-popper-content-wrapper]')) continue;
      if (box.left < 0 || box.right > width + 0.5)
        problems.push(
          `the button "${name(button)}" is cut off (${Math.round(box.left)}–${Math.round(box.right)} px)`,
        );
      if (phone && box.height < 44)
        problems.push(`the button "${name(button)}" is ${Math.round(box.height)} px tall: too small to tap`);
    }
    return problems;
  }, phone);
}

/** Waits until the page has its heading, its data (no spinner) and nothing still fades in. */
async function ready(page: Page, name = ''): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }), `${name}: the page heading`).toBeVisible();
  await expect(page.locator('[role="status"] .animate-spin:visible'), `${name}: still loading`).toHaveCount(
    0,
    {
      timeout: 15_000,
    },
  );
  await page.waitForFunction(() =>
    (globalThis as unknown as PageGlobals).document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity,
      ),
  );
}

/**
 * Saves the screen as <width>/<name>.png, the whole page (the window is made as tall as the content
 * for the picture: the content scrolls inside the shell), and returns what is wrong with it.
 */
async function look(page: Page, width: number, height: number, name: string): Promise<string[]> {
  await ready(page, `${width}/${name}`);
  const problems = await problemsOnScreen(page, width < 768);
  const headingBox = await page.getByRole('heading', { level: 1 }).boundingBox();
  if (!headingBox || headingBox.y < 0 || headingBox.x + headingBox.width > width)
    problems.push('the heading is not in view');
  const tall = await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const main = document.getElementById('main');
    return main
      ? main.getBoundingClientRect().top + main.scrollHeight
      : document.documentElement.scrollHeight;
  });
  mkdirSync(join(shots, String(width)), { recursive: true });
  if (tall > height) await page.setViewportSize({ width, height: Math.ceil(tall) });
  await page.screenshot({ path: join(shots, String(width), `${name}.png`) });
  if (tall > height) await page.setViewportSize({ width, height });
  return problems.map((problem) => `${width}/${name}: ${problem}`);
}

const pageName = (hash: string) => hash.replace(/^#\/?/, '').replace(/\//g, '-') || 'dashboard';

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => {
    (globalThis as unknown as PageGlobals).location.hash = to;
  }, hash);
}

/**
 * Chooses Norwegian with the language buttons: in the header, or in the menu drawer on a phone.
 * Answers the links of the sidebar (or the drawer).
 */
async function chooseNorwegian(page: Page, phone: boolean): Promise<string[]> {
  const hrefs = (within: string) =>
    page
      .locator(`${within} a[href^="#/"]`)
      .evaluateAll((anchors) =>
        anchors.map((anchor) => (anchor as unknown as PageElement).getAttribute('href') ?? ''),
      );
  const menu = page.getByRole('banner').getByRole('button', { name: 'Open the menu' });
  let links: string[] = [];
  if (phone && (await menu.count()) > 0) {
    await menu.click();
    await page.locator('#mobile-menu button[lang="nb"]').click();
    links = await hrefs('#mobile-menu nav');
    await page.keyboard.press('Escape');
    await expect(page.locator('#mobile-menu')).toBeHidden();
  } else {
    await page.locator('button[lang="nb"]:visible').click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  return links;
}

async function signIn(browser: Browser, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(app.url);
  await expect(heading(page, 'Sign in')).toBeVisible();
  await page.getByLabel('E-mail address').fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(heading(page, 'Dashboard')).toBeVisible();
  await chooseNorwegian(page, false);
  return { context, page };
}

test('every screen fits 1024 and 1440 px, and the phone pages 390 px, in Norwegian', async ({ browser }) => {
  test.setTimeout(240_000);
  const problems: string[] = [];

  await test.step('a phone, 390 × 844: set-up, the dashboard, Guardian, incidents, runs, sign-in', async () => {
    const [width, height] = [390, 844];
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(app.url);
    await expect(heading(page, 'Set up Mindframe')).toBeVisible();
    await chooseNorwegian(page, false);
    problems.push(...(await look(page, width, height, 'setup')));
    await page.locator('button[lang="en"]').click();
    await setUpOwner(page, owner);

    // realistic data (the first backup runs by itself): a live agent that ran, open incidents with long titles, a member, a key
    const { matches } = await call<{ matches: { template: { id: string } }[] }>(page, 'templates.match', {
      need: 'I run a bike shop and want to answer questions about repairs and book appointments',
      language: 'en',
    });
    const agent = await call<{ id: string }>(page, 'agents.create', {
      templateId: matches[0]!.template.id,
      language: 'en',
    });
    await call(page, 'agents.deploy', { agentId: agent.id });
    for (const message of ['Can you fix a flat tyre today?', 'When are you open on Saturday?'])
      await call(page, 'agents.run', { agentId: agent.id, input: { message }, wait: true });
    await call(page, 'incidents.create', {
      title: 'Kortbetaling feiler i kassen etter oppdateringen i morges',
      description: 'Kundene kan ikke betale med kort.',
      severity: 'SEV2',
    });
    await call(page, 'incidents.create', {
      title: 'Feil åpningstider på nettsiden',
      description: 'Agenten oppga fjorårets feriestengning.',
      severity: 'SEV3',
    });
    const invitation = await call<{ inviteToken: string }>(page, 'users.invite', {
      email: 'sam@sykkelverksted.test',
      name: 'Sam Baker',
      role: 'operator',
    });
    await call(page, 'apiKeys.create', { name: 'Kasseintegrasjon', scopes: ['agents:run', 'runs:read'] });
    await call(page, 'knowledge.add', {
      title: 'Åpningstider',
      body: 'Vi har åpent 7–18 på hverdager og 8–14 på lørdager.',
    });
    await call(page, 'guardian.runChecks', {});

    // what the seeding changed, as someone opening the app now sees it
    await page.reload();
    await expect(heading(page, 'Dashboard')).toBeVisible();
    const drawer = await chooseNorwegian(page, true);
    expect(drawer.length).toBeGreaterThan(10);
    const conversations = drawer.filter((hash) => /conversation|inbox/.test(hash));
    for (const hash of [...phonePages, ...conversations]) {
      await go(page, hash);
      problems.push(...(await look(page, width, height, pageName(hash))));
    }

    // the Guardian says its checks in words first; the technical ones wait under "Avansert"
    await go(page, '#/guardian');
    await ready(page);
    const checks = page.getByRole('region', { name: 'Kontroller', exact: true });
    await expect(checks.getByText(/testkjøringer telles ikke med/i).first()).toBeVisible();
    const advanced = checks.getByRole('button', { name: /^Avansert/ }).first();
    await expect(advanced).toHaveAttribute('aria-expanded', /true|false/);
    if ((await advanced.getAttribute('aria-expanded')) === 'false') await advanced.click();
    // a new shop's database is some hundred kB, not "0 MB"
    const size = checks.getByRole('listitem').filter({ hasText: 'Databasestørrelse' });
    await expect(size).toContainText(/\d+(,\d)? kB|\d+(,\d)? MB/);
    await expect(size).not.toContainText(/(^|\D)0 MB/);

    // signed out: the sign-in page and an invitation, in the language chosen before
    await context.clearCookies();
    await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.clear());
    await page.reload();
    await expect(heading(page, 'Logg inn')).toBeVisible();
    problems.push(...(await look(page, width, height, 'sign-in')));
    await go(page, `#/invite/${invitation.inviteToken}`);
    await expect(heading(page, /invitasjon/i)).toBeVisible();
    problems.push(...(await look(page, width, height, 'invite')));
    await context.close();
  });

  for (const [width, height] of [
    [1024, 700],
    [1440, 900],
  ] as const) {
    await test.step(`${width} × ${height}: every page of the sidebar`, async () => {
      const { context, page } = await signIn(browser, width, height);
      const hashes = await page
        .getByRole('navigation', { name: 'Hovednavigasjon' })
        .getByRole('link')
        .evaluateAll((anchors) =>
          anchors.map((anchor) => (anchor as unknown as PageElement).getAttribute('href') ?? ''),
        );
      expect(hashes.length).toBeGreaterThan(10);
      // with the pages Stripe's checkout returns to, which no menu leads to
      for (const hash of [...hashes, '#/billing/success', '#/billing/cancelled']) {
        await go(page, hash);
        problems.push(...(await look(page, width, height, pageName(hash))));
      }
      await context.close();
    });
  }

  if (problems.length > 0) console.log(problems.join('\n'));
  expect(problems).toEqual([]);
});
