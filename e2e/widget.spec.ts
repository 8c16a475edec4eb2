import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServed, type ServedApp } from './served';
import { call, setUpOwner, ownerOf } from './helpers';
import {
  answerOf,
  startEmbedSite,
  startPublicApiDouble,
  type DoubleChannel,
  type PublicApiDouble,
} from './public-api-double';

// The website chat widget in real Chromium, embedded in a plain page of a business's website on
// another origin (its own port, host `localhost` while the API is on 127.0.0.1).
//  - On the served host (`mindframe serve`): the bike-shop template deployed, a web channel published,
//    a visitor chats, reloads and finds the thread, the business sees the conversation and its runs
//    in the app, a second browser cannot read it; the hosted chat page; widget.js as served.
//  - Against a server speaking the agreed public channel API (e2e/public-api-double.ts), for what the
//    served host cannot be made to answer on demand: a stream held after its first piece, a rate
//    limit, voice with a transcript, a closed business. Launcher, panel, keyboard and screen-reader use
//    (axe-core), languages, errors, rating. The fake microphone gives MediaRecorder something to record.

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

const channel = (publicId: string, overrides: Partial<DoubleChannel> = {}): DoubleChannel => ({
  publicId,
  name: 'Sykkelverksted Nord',
  greeting: '',
  colour: '#ffd200',
  logoUrl: '/logo.svg',
  languages: ['en', 'nl', 'nb'],
  defaultLanguage: 'nb',
  voice: true,
  open: true,
  allowedOrigins: [],
  ...overrides,
});

/** Browser objects used inside page functions (the e2e type-check has no DOM library). */
interface Globals {
  localStorage: { getItem(key: string): string | null };
  document: {
    documentElement: { lang: string; scrollWidth: number };
    styleSheets: { length: number };
    adoptedStyleSheets: unknown[];
    querySelectorAll(selector: string): { length: number };
  };
  getComputedStyle(element: unknown): { backgroundColor: string; color: string; fontFamily: string };
}

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon/.test(message.location().url)) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

async function seriousViolations(page: Page, include = 'mindframe-chat') {
  const results = await new AxeBuilder({ page })
    .include(include)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

const lastReply = (page: Page) => page.locator('mindframe-chat .msg.agent p').last();

interface Conversation {
  conversation: { id: string; channelId: string; language: string | null };
  messages: { role: string; text: string; runId: string | null }[];
}

test.describe('on the served host', () => {
  // one installation for the three tests: the channel of the first is the hosted page of the second
  test.describe.configure({ mode: 'serial' });
  let app: ServedApp;
  let shop: { url: string; close(): Promise<void> };
  let channelId = '';
  let livePublicId = '';
  const owner = ownerOf('Sykkelverksted Nord', 'olivia@sykkel.test');
  const question = 'How much does a tyre repair cost?';

  test.beforeAll(async () => {
    app = await startServed();
    shop = await startEmbedSite({ apiOrigin: () => app.url, publicId: () => livePublicId });
  });
  test.afterAll(async () => {
    await shop?.close();
    await app?.stop();
  });

  test('a web channel of the bike-shop agent: a visitor on another website chats, reloads, and the business sees the conversation with its runs', async ({
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const admin = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await admin.goto(app.url);
    await setUpOwner(admin, owner);
    const { matches } = await call<{ matches: { template: { id: string } }[] }>(admin, 'templates.match', {
      need: 'I run a bike shop and want to answer questions about repairs and book appointments',
      language: 'en',
    });
    const agent = await call<{ id: string; name: string }>(admin, 'agents.create', {
      templateId: matches[0]!.template.id,
      language: 'en',
    });
    expect(agent.name).toMatch(/bike/i);
    await call(admin, 'agents.deploy', { agentId: agent.id });
    const channel = await call<{ id: string; publicId: string }>(admin, 'channels.save', {
      agentId: agent.id,
      kind: 'web',
      name: 'Sykkelverksted Nord',
      allowedOrigins: [shop.url],
      colour: '#0f766e',
      defaultLanguage: 'en',
    });
    channelId = channel.id;
    livePublicId = channel.publicId;

    const visitor = await browser.newContext({ locale: 'en-GB' });
    const page = await visitor.newPage();
    const problems = watchProblems(page);
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByRole('dialog', { name: 'Sykkelverksted Nord' })).toBeVisible();
    await page.getByLabel('Your message').fill(question);
    await page.keyboard.press('Enter');
    const log = page.getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText(question);
    await expect(lastReply(page)).toContainText(/tyre/i, { timeout: 20_000 });
    const answer = (await lastReply(page).textContent())!;

    await page.reload();
    await expect(log).toContainText(question);
    await expect(log).toContainText(answer);
    const stored = JSON.parse(
      (await page.evaluate(
        (id) => (globalThis as unknown as Globals).localStorage.getItem(`mf-visitor:${id}`),
        livePublicId,
      )) ?? '{}',
    ) as { conversationId: string; visitorToken: string };
    expect(stored.visitorToken.length).toBeGreaterThanOrEqual(22);
    expect(problems).toEqual([]);

    // the business sees the conversation, and the run behind each answer
    const { items } = await call<{ items: { id: string }[] }>(admin, 'conversations.list', {});
    expect(items.map((item) => item.id)).toContain(stored.conversationId);
    const thread = await call<Conversation>(admin, 'conversations.get', {
      conversationId: stored.conversationId,
    });
    expect(thread.conversation.channelId).toBe(channelId);
    expect(thread.messages.map((m) => [m.role, m.text])).toEqual([
      ['customer', question],
      ['agent', answer],
    ]);
    const runId = thread.messages[1]!.runId!;
    expect(runId).toBeTruthy();
    await admin.goto(`${app.url}/#/runs/${runId}`);
    await expect(admin.getByRole('main')).toContainText(question);
    await expect(admin.getByRole('main')).toContainText(agent.name);

    // another visitor (another browser) sees nothing of it, and cannot fetch it
    const stranger = await browser.newContext({ locale: 'en-GB' });
    const other = await stranger.newPage();
    await other.goto(shop.url);
    await other.getByRole('button', { name: 'Open chat' }).click();
    await expect(other.getByRole('log')).toContainText('How can we help you?');
    await other.getByLabel('Your message').fill('Do you sell helmets?');
    await other.keyboard.press('Enter');
    await expect(other.getByRole('log').locator('.msg.agent')).toHaveCount(2, { timeout: 20_000 });
    await expect(other.getByRole('log')).not.toContainText(question);
    const theirs = JSON.parse(
      (await other.evaluate(
        (id) => (globalThis as unknown as Globals).localStorage.getItem(`mf-visitor:${id}`),
        livePublicId,
      )) ?? '{}',
    ) as { conversationId: string; visitorToken: string };
    expect(theirs.conversationId).not.toBe(stored.conversationId);
    const url = `${app.url}/api/public/channels/${livePublicId}/conversations/${stored.conversationId}`;
    for (const token of [theirs.visitorToken, undefined]) {
      const response = await request.get(url, { headers: token ? { 'x-visitor-token': token } : {} });
      expect(response.status()).toBe(404);
      expect(await response.text()).not.toContain('tyre');
    }
    const mine = await request.get(url, { headers: { 'x-visitor-token': stored.visitorToken } });
    expect(mine.status()).toBe(200);
    await visitor.close();
    await stranger.close();
  });

  test('the hosted chat page on the served host, on a phone, in Norwegian', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${app.url}/c/${livePublicId}`);
    await expect(page).toHaveTitle('Chat med Sykkelverksted Nord');
    expect(await page.evaluate(() => (globalThis as unknown as Globals).document.documentElement.lang)).toBe(
      'nb',
    );
    await page.getByLabel('Din melding').fill('Hei! Når har dere åpent på lørdag?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('log').locator('.msg.agent')).toHaveCount(2, { timeout: 20_000 });
    expect(
      await page.evaluate(() => (globalThis as unknown as Globals).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('widget.js as the served host sends it: brotli, within 30 KB, for any site', async ({ request }) => {
    const response = await request.get(`${app.url}/widget.js`, { headers: { 'accept-encoding': 'br' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-encoding']).toBe('br');
    expect(Number(response.headers()['content-length'])).toBeLessThanOrEqual(30 * 1024);
    expect(response.headers()['cross-origin-resource-policy']).toBe('cross-origin');
  });
});

test.describe('against a server speaking the agreed public API', () => {
  let api: PublicApiDouble;
  let site: { url: string; close(): Promise<void> };
  let publicId = 'bike-shop';

  test.beforeAll(async () => {
    if (!existsSync(join(__dirname, '..', 'dist', 'widget', 'widget.js')))
      throw new Error('The widget is not built: run `node scripts/build.mjs --widget` first.');
    api = await startPublicApiDouble([
      channel('bike-shop'),
      channel('closed-shop', { open: false, voice: false }),
    ]);
    site = await startEmbedSite({ apiOrigin: () => api.url, publicId: () => publicId });
    for (const c of api.channels.values()) c.allowedOrigins.push(site.url);
  });
  test.afterAll(async () => {
    await site?.close();
    await api?.close();
  });
  test.beforeEach(() => {
    publicId = 'bike-shop';
    api.rateLimited = false;
    api.holdStreams = false;
    api.voice = 'unavailable';
    api.answer = answerOf;
  });

  test('a visitor on another website chats, sees the reply stream in, and finds the thread after a reload', async ({
    page,
  }) => {
    const problems = watchProblems(page);
    await page.goto(site.url);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.click();
    const panel = page.getByRole('dialog', { name: 'Sykkelverksted Nord' });
    await expect(panel).toBeVisible();
    await expect(panel.getByText('We answer right away')).toBeVisible();
    const input = page.getByLabel('Your message');
    await expect(input).toBeFocused();

    api.holdStreams = true;
    await input.fill('When are you open on Saturday?');
    await page.keyboard.press('Enter');
    const log = page.getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText('When are you open on Saturday?');
    await expect(input).toHaveValue('');
    // the first piece shows while the rest is still on its way
    await expect(lastReply(page)).toHaveText('We');
    api.release();
    await expect(lastReply(page)).toHaveText(
      'We are open Monday to Saturday from 9 to 17. On Saturday we close at 15.',
    );

    const stored = JSON.parse(
      (await page.evaluate(() =>
        (globalThis as unknown as Globals).localStorage.getItem('mf-visitor:bike-shop'),
      )) ?? '{}',
    );
    expect(stored).toEqual({ conversationId: expect.any(String), visitorToken: expect.any(String) });

    await page.reload();
    // the panel was open: it opens again, with the conversation from the server
    await expect(panel).toBeVisible();
    await expect(log).toContainText('When are you open on Saturday?');
    await expect(log).toContainText('On Saturday we close at 15.');
    const restore = api.seen.filter((r) => r.method === 'GET' && r.path.includes('/conversations/'));
    expect(restore.at(-1)!.headers['x-visitor-token']).toBe(stored.visitorToken);

    await input.focus();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(launcher).toBeFocused();
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    expect(api.seen.filter((r) => r.headers.cookie)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('leaves the page alone: no global styles, no globals, the business colour with readable text', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      (globalThis as unknown as { before: string[] }).before = Object.getOwnPropertyNames(globalThis);
    });
    await page.goto(site.url);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await expect(launcher).toBeVisible();
    const added = await page.evaluate(() => {
      const before = new Set((globalThis as unknown as { before: string[] }).before);
      return Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name) && name !== 'before');
    });
    expect(added).toEqual([]);
    expect(await page.evaluate(() => (globalThis as unknown as Globals).document.styleSheets.length)).toBe(1);
    expect(
      await page.evaluate(() => (globalThis as unknown as Globals).document.adoptedStyleSheets.length),
    ).toBe(0);
    expect(
      await page.evaluate(
        () => (globalThis as unknown as Globals).document.querySelectorAll('style, [style]').length,
      ),
    ).toBe(0);
    // the site's own button keeps its (garish) look; the widget's keep theirs
    const look = (element: unknown) => {
      const style = (globalThis as unknown as Globals).getComputedStyle(element);
      return { background: style.backgroundColor, color: style.color, font: style.fontFamily };
    };
    expect(await page.locator('#site-button').evaluate(look)).toMatchObject({ background: 'rgb(0, 255, 0)' });
    const launcherLook = await launcher.evaluate(look);
    // #ffd200 is light: black on it, not white
    expect(launcherLook).toMatchObject({ background: 'rgb(255, 210, 0)', color: 'rgb(0, 0, 0)' });
    expect(launcherLook.font).not.toMatch(/Georgia/);
  });

  test('keyboard: the launcher is a button, focus moves in, Tab order follows the panel, Escape returns', async ({
    page,
  }) => {
    await page.goto(site.url);
    await page.locator('#site-button').focus();
    await page.keyboard.press('Tab');
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await expect(launcher).toBeFocused();
    await page.keyboard.press('Enter');
    const input = page.getByLabel('Your message');
    await expect(input).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Hold to talk' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Send' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: 'Language' })).toBeFocused();
    await page.keyboard.press('Tab');
    // out of the panel onto the launcher, which now closes it
    await expect(page.getByRole('button', { name: 'Close chat' }).last()).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('log', { name: 'Conversation' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('dialog').getByRole('button', { name: 'Close chat' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(launcher).toBeFocused();
  });

  for (const [locale, texts] of [
    ['en-GB', { open: 'Open chat', message: 'Your message', question: 'When are you open on Saturday?' }],
    ['nb-NO', { open: 'Åpne chat', message: 'Din melding', question: 'Hei! Når har dere åpent på lørdag?' }],
    [
      'nl-NL',
      { open: 'Chat openen', message: 'Je bericht', question: 'Hoi, wanneer zijn jullie open op zaterdag?' },
    ],
  ] as const) {
    test(`axe-core finds nothing serious in the widget, open with a conversation (${locale})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(site.url);
      await page.getByRole('button', { name: texts.open }).click();
      await page.getByLabel(texts.message).fill(texts.question);
      await page.keyboard.press('Enter');
      await expect(page.locator('mindframe-chat .rate')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }

  test('the visitor can switch the widget’s language on purpose; the conversation follows', async ({
    page,
  }) => {
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const language = page.getByRole('combobox', { name: 'Language' });
    await expect(language).toHaveValue('en');
    await language.selectOption({ label: 'Norsk' });
    // the same panel, now in Norwegian, and focus where it was
    const choice = page.getByRole('combobox', { name: 'Språk' });
    await expect(choice).toBeFocused();
    await expect(choice).toHaveValue('nb');
    await expect(page.getByRole('dialog', { name: 'Sykkelverksted Nord' })).toBeVisible();
    await expect(page.getByRole('log', { name: 'Samtale' })).toContainText('Hei! Hva kan vi hjelpe deg med?');
    await page.getByLabel('Din melding').fill('Can I book a service?');
    await page.keyboard.press('Enter');
    await expect(lastReply(page)).toContainText('close at 15');
    const post = api.seen.filter((r) => r.method === 'POST' && r.path.includes('/messages')).at(-1)!;
    expect(JSON.parse(post.body)).toMatchObject({ text: 'Can I book a service?', language: 'nb' });
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Språk' })).toHaveValue('nb');
    await expect(page.getByRole('button', { name: 'Lukk chat' }).first()).toBeVisible();
  });

  test('a second browser cannot read the first visitor’s conversation', async ({ browser, request }) => {
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByLabel('Your message').fill('My name is Kari and my bike is a red Nakamura');
    await page.keyboard.press('Enter');
    await expect(lastReply(page)).toContainText('close at 15');
    const stored = JSON.parse(
      (await page.evaluate(() =>
        (globalThis as unknown as Globals).localStorage.getItem('mf-visitor:bike-shop'),
      )) ?? '{}',
    );

    const second = await browser.newContext();
    const other = await second.newPage();
    await other.goto(site.url);
    await other.getByRole('button', { name: 'Open chat' }).click();
    await expect(other.getByRole('log')).toContainText('How can we help you?');
    await expect(other.getByRole('log')).not.toContainText('Nakamura');
    await other.getByLabel('Your message').fill('Hello');
    await other.keyboard.press('Enter');
    await expect(lastReply(other)).toContainText('close at 15');
    const theirs = JSON.parse(
      (await other.evaluate(() =>
        (globalThis as unknown as Globals).localStorage.getItem('mf-visitor:bike-shop'),
      )) ?? '{}',
    );
    expect(theirs.conversationId).not.toBe(stored.conversationId);
    // the first conversation with the second visitor's token, or none: not found (never "forbidden")
    const conversation = `${api.url}/api/public/channels/bike-shop/conversations/${stored.conversationId}`;
    for (const token of [theirs.visitorToken, '', 'x'.repeat(24)]) {
      const answer = await request.get(conversation, { headers: { 'x-visitor-token': token } });
      expect(answer.status()).toBe(404);
      expect(await answer.text()).not.toContain('Nakamura');
    }
    await first.close();
    await second.close();
  });

  test('errors are said in the visitor’s language: too long, too fast, offline', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Åpne chat' }).click();
    const input = page.getByLabel('Din melding');
    const alert = page.getByRole('dialog').getByRole('alert');

    await input.fill('a'.repeat(4001));
    await expect(page.getByText('Meldingen er for lang: høyst 4000 tegn.').first()).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(alert).toHaveText('Meldingen er for lang: høyst 4000 tegn.');
    await input.fill('a'.repeat(3990));
    await expect(page.getByText('10 tegn igjen')).toBeVisible();
    await expect(alert).toBeHidden();

    api.rateLimited = true;
    await input.fill('Hei, er det noen der?');
    await page.keyboard.press('Enter');
    await expect(alert).toHaveText('Du sender meldinger for raskt. Vent litt og prøv igjen.');
    // nothing reached the agent: the text is back in the box to send again
    await expect(input).toHaveValue('Hei, er det noen der?');
    await expect(page.getByRole('log')).not.toContainText('er det noen der');
    api.rateLimited = false;

    await context.setOffline(true);
    await page.keyboard.press('Enter');
    await expect(alert).toHaveText('Det ser ut som du er frakoblet. Sjekk tilkoblingen og prøv igjen.');
    await context.setOffline(false);
    await page.keyboard.press('Enter');
    await expect(alert).toBeHidden();
    await expect(lastReply(page)).toHaveText(
      'Vi har åpent mandag til lørdag fra 9 til 17. På lørdag stenger vi klokka 15.',
    );
    await context.close();
  });

  test('thumbs at the end of an answer: rated once, kept over a reload', async ({ page }) => {
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByText('Was this helpful?')).toBeHidden();
    await page.getByLabel('Your message').fill('Do you fix e-bikes?');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Was this helpful?')).toBeVisible();
    await page.getByRole('button', { name: 'Yes, this helped' }).click();
    // said to screen readers too
    await expect(page.getByRole('status')).toHaveText('Thanks for your feedback!');
    const stored = JSON.parse(
      (await page.evaluate(() =>
        (globalThis as unknown as Globals).localStorage.getItem('mf-visitor:bike-shop'),
      )) ?? '{}',
    );
    expect(api.conversations.get(stored.conversationId)?.rating).toBe('up');
    await page.reload();
    await expect(page.getByRole('log')).toContainText('Do you fix e-bikes?');
    await expect(page.getByText('Was this helpful?')).toBeHidden();
  });

  test('when the agent cannot answer, the widget says a person will, and shows their answer when it comes', async ({
    page,
  }) => {
    await page.clock.install();
    api.answer = () => null;
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByLabel('Your message').fill('My brakes squeal, can someone look at it?');
    await page.keyboard.press('Enter');
    const log = page.getByRole('log');
    await expect(log).toContainText(
      "Thanks, we've got your message. Someone from our team will answer you here.",
    );
    await expect(page.getByText('Was this helpful?')).toBeHidden();
    const stored = JSON.parse(
      (await page.evaluate(() =>
        (globalThis as unknown as Globals).localStorage.getItem('mf-visitor:bike-shop'),
      )) ?? '{}',
    );
    const conversation = api.conversations.get(stored.conversationId)!;
    expect(conversation.status).toBe('waiting_for_person');
    conversation.messages.push({
      id: 'p1',
      role: 'person',
      text: 'Hi, this is Ingrid from the workshop. Bring it in tomorrow at 10.',
      at: new Date().toISOString(),
    });
    conversation.status = 'open';
    await page.clock.fastForward(16_000);
    await expect(log).toContainText('Hi, this is Ingrid from the workshop. Bring it in tomorrow at 10.');
    await expect(page.getByText('Was this helpful?')).toBeVisible();
    // shown once, and no more looking once nobody is waiting
    const polls = () =>
      api.seen.filter((r) => r.method === 'GET' && r.path.includes('/conversations/')).length;
    const after = polls();
    await page.clock.fastForward(60_000);
    await expect(log.getByText('Bring it in tomorrow at 10.')).toHaveCount(1);
    expect(polls()).toBe(after);
  });

  test('outside business hours the widget says the agent takes a message', async ({ page }) => {
    publicId = 'closed-shop';
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Sykkelverksted Nord' });
    await expect(
      panel.getByText("We're closed right now. Leave a message and we'll get back to you."),
    ).toBeVisible();
    await expect(panel.getByText("We're closed right now", { exact: true })).toBeVisible();
    // no voice on this channel: no microphone button
    await expect(page.getByRole('button', { name: 'Hold to talk' })).toHaveCount(0);
  });

  test('voice: push to talk sends the recording; the reply is spoken; no voice provider says why and typing goes on', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (globalThis as unknown as { spoken: typeof spoken }).spoken = spoken;
      const synth = (
        globalThis as unknown as { speechSynthesis: { speak(u: { text: string; lang: string }): void } }
      ).speechSynthesis;
      synth.speak = (utterance) => void spoken.push({ text: utterance.text, lang: utterance.lang });
    });
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const mic = page.getByRole('button', { name: 'Hold to talk' });

    // held down, then let go: recorded and sent
    api.voice = { transcript: 'When are you open on Saturday?' };
    const box = (await mic.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect(page.getByRole('button', { name: 'Stop and send' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Listening… release or press again to send.');
    await page.waitForTimeout(700);
    await page.mouse.up();
    const log = page.getByRole('log');
    await expect(log).toContainText('When are you open on Saturday?');
    await expect(lastReply(page)).toContainText('On Saturday we close at 15.');
    const voicePost = api.seen.find((r) => r.method === 'POST' && r.path.endsWith('/voice'))!;
    expect(voicePost.headers['content-type']).toMatch(/^audio\//);
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { spoken: { text: string; lang: string }[] }).spoken),
      )
      .toEqual([
        { text: 'We are open Monday to Saturday from 9 to 17. On Saturday we close at 15.', lang: 'en-GB' },
      ]);

    // with the keyboard: press to talk, press again to send; without a voice provider it says why
    api.voice = 'unavailable';
    await mic.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Stop and send' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').getByRole('alert')).toHaveText(
      "Voice isn't available in this chat right now. You can keep typing.",
    );
    await expect(page.getByRole('button', { name: /Hold to talk|Stop and send/ })).toBeHidden();
    const input = page.getByLabel('Your message');
    await expect(input).toBeFocused();
    await input.fill('Then I type: do you sell helmets?');
    await page.keyboard.press('Enter');
    await expect(log).toContainText('Then I type: do you sell helmets?');
  });

  test('no microphone button where the browser cannot record', async ({ page }) => {
    await page.addInitScript(() => {
      delete (globalThis as unknown as { MediaRecorder?: unknown }).MediaRecorder;
    });
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByLabel('Your message')).toBeFocused();
    await expect(page.getByRole('button', { name: 'Hold to talk' })).toHaveCount(0);
  });

  test('the hosted chat page fills a phone screen, speaks the visitor’s language and sends no cookie', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 390, height: 844 } });
    await context.addCookies([{ name: 'mindframe_session', value: 'must-not-travel', url: api.url }]);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${api.url}/c/bike-shop`);
    await expect(page.getByRole('heading', { level: 1, name: 'Sykkelverksted Nord' })).toBeVisible();
    await expect(page).toHaveTitle('Chat med Sykkelverksted Nord');
    expect(await page.evaluate(() => (globalThis as unknown as Globals).document.documentElement.lang)).toBe(
      'nb',
    );
    // no launcher and no close button: the page is the chat
    await expect(page.getByRole('button', { name: /Åpne chat|Lukk chat/ })).toHaveCount(0);
    await page.getByLabel('Din melding').fill('Hei! Når har dere åpent på lørdag?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(lastReply(page)).toHaveText(
      'Vi har åpent mandag til lørdag fra 9 til 17. På lørdag stenger vi klokka 15.',
    );
    const main = await page.getByRole('main').boundingBox();
    expect(main).toMatchObject({ x: 0, width: 390 });
    expect(
      await page.evaluate(() => (globalThis as unknown as Globals).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await expect(page.getByRole('log')).toContainText('Hei! Når har dere åpent på lørdag?');
    expect(api.seen.filter((r) => r.path.startsWith('/api/') && r.headers.cookie)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
