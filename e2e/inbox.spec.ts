import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { call, heading, nav, ownerOf, setUpOwner } from './helpers';
import { startEmbedSite } from './public-api-double';
import { startServed, type ServedApp } from './served';

// Issue 14's first "Done when": a customer in the website widget asks the bike-shop agent something it
// cannot answer; a ticket appears in the Inbox with a desktop notification; an operator replies from
// the Inbox; the reply appears in the customer's widget without a reload; the customer answers; the
// ticket shows it; the operator marks it solved. The real served host, the real widget on another
// website, the bike-shop template with the offline model (its intent step sends "pizza" to the
// fallback path, which hands over).

/** A desktop notification as the browser was asked to show it. */
interface Shown {
  title: string;
  body: string;
}

/** Browser objects used inside page functions (the e2e type-check has no DOM library). */
interface Globals {
  Notification: { new (title: string, options?: { body?: string }): object; permission: string };
  shownNotifications: Shown[];
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

test.describe('the Inbox on the served host', () => {
  let app: ServedApp;
  let shop: { url: string; close(): Promise<void> };
  let publicId = '';
  const owner = ownerOf('Sykkelverksted Nord', 'olivia@sykkel.test');

  test.beforeAll(async () => {
    app = await startServed();
    shop = await startEmbedSite({ apiOrigin: () => app.url, publicId: () => publicId });
  });
  test.afterAll(async () => {
    await shop?.close();
    await app?.stop();
  });

  test('a question the agent cannot answer reaches a person, who answers the customer in the widget and solves it', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const operatorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await operatorContext.grantPermissions(['notifications'], { origin: new URL(app.url).origin });
    // the desktop notifications the app asks the browser for, as shown (the real Notification still runs)
    await operatorContext.addInitScript(() => {
      const g = globalThis as unknown as Globals;
      const Real = g.Notification;
      g.shownNotifications = [];
      class Recorded extends Real {
        constructor(title: string, options?: { body?: string }) {
          super(title, options);
          g.shownNotifications.push({ title, body: options?.body ?? '' });
        }
      }
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
      g.Notification = Recorded;
    });
    const operator = await operatorContext.newPage();
    await operator.goto(app.url);
    await setUpOwner(operator, owner);

    // the business: the bike-shop agent on a web channel of its website; hand-offs notify on the desktop
    const { matches } = await call<{ matches: { template: { id: string } }[] }>(operator, 'templates.match', {
      need: 'I run a bike shop and want to answer questions about repairs and book appointments',
      language: 'en',
    });
    const agent = await call<{ id: string }>(operator, 'agents.create', {
      templateId: matches[0]!.template.id,
      language: 'en',
    });
    await call(operator, 'agents.deploy', { agentId: agent.id });
    const channel = await call<{ publicId: string }>(operator, 'channels.save', {
      agentId: agent.id,
      kind: 'web',
      name: 'Sykkelverksted Nord',
      allowedOrigins: [shop.url],
      colour: '#0f766e',
      defaultLanguage: 'en',
    });
    publicId = channel.publicId;
    await call(operator, 'notify.saveRule', {
      name: 'Customers waiting',
      events: ['ticket.handoff', 'ticket.customer_replied'],
      desktop: true,
    });

    await nav(operator, 'Inbox').click();
    await expect(heading(operator, 'Inbox')).toBeVisible();
    await expect(operator.getByText('No one is waiting — hand-offs appear here')).toBeVisible();

    // the operator's window is behind another one: the notification goes to the desktop
    const cdp = await operatorContext.newCDPSession(operator);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const elsewhere = await operatorContext.newPage();
    await elsewhere.bringToFront();

    // a customer on the shop's website asks the agent something it cannot answer
    const customerContext = await browser.newContext({ locale: 'en-GB' });
    const customer = await customerContext.newPage();
    await customer.goto(shop.url);
    await customer.getByRole('button', { name: 'Open chat' }).click();
    await customer.getByLabel('Your message').fill('Do you sell pizza?');
    await customer.keyboard.press('Enter');
    const chat = customer.getByRole('log', { name: 'Conversation' });
    await expect(chat).toContainText('Do you sell pizza?');
    await expect(customer.locator('mindframe-chat .msg.agent p').last()).toContainText(/colleague/i, {
      timeout: 20_000,
    });

    // the desktop notification, and the toast in the app
    await expect
      .poll(() => operator.evaluate(() => (globalThis as unknown as Globals).shownNotifications), {
        timeout: 15_000,
      })
      .toEqual([
        {
          title: expect.stringMatching(/ticket #1: Do you sell pizza\?$/i),
          body: expect.stringContaining('Do you sell pizza?'),
        },
      ]);
    await expect(operator.getByText(/ticket #1: Do you sell pizza\?$/i)).toBeVisible();
    await operator.bringToFront();
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await elsewhere.close();

    // the ticket is in the list without a reload, and the sidebar counts it
    await expect(nav(operator, 'Inbox')).toContainText('1');
    const row = operator.getByRole('link', { name: /#1\s*Do you sell pizza\?/ });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Website visitor');
    await expect(row).toContainText('Website chat');
    await expect(row).toContainText(/Reply due in/);
    await expect(row).toContainText('Unassigned');
    await row.click();
    const ticket = operator.getByRole('region', { name: /#1\s*Do you sell pizza\?/ });
    await expect(ticket).toContainText('New');
    const conversation = operator.getByRole('region', { name: 'Conversation' });
    await expect(conversation).toContainText('Do you sell pizza?');
    await expect(conversation.getByRole('link', { name: /View run/ })).toHaveAttribute('href', /^#\/runs\//);

    // keyboard: a assigns it to me, r goes to the reply box, Ctrl+Enter sends
    await operator.keyboard.press('a');
    await expect(ticket).toContainText('Olivia Owner');
    await operator.keyboard.press('r');
    const reply = operator.getByLabel('Reply to the customer');
    await expect(reply).toBeFocused();
    const answer =
      'No pizza here, sorry! We sell and repair bikes. Anything about your bike we can help with?';
    await reply.fill(answer);
    await reply.press('Control+Enter');
    await expect(operator.getByText('Sent to the customer.')).toBeVisible();
    await expect(reply).toHaveValue('');
    await expect(conversation).toContainText(answer);
    await expect(ticket).toContainText('Waiting on customer');

    // the customer sees the answer in the widget, without a reload
    await expect(chat).toContainText(answer, { timeout: 40_000 });
    await customer.getByLabel('Your message').fill('Ha, fair enough. Can you fix a squeaky brake this week?');
    await customer.keyboard.press('Enter');
    await expect(chat).toContainText('Can you fix a squeaky brake this week?');

    // the ticket shows the customer's answer, live
    await expect(conversation).toContainText('Can you fix a squeaky brake this week?', { timeout: 15_000 });
    await expect(operator.getByRole('region', { name: 'Timeline' })).toContainText('The customer replied');
    expect(await seriousViolations(operator)).toEqual([]);

    // solved; the answer can go to the knowledge base
    await ticket.getByRole('button', { name: 'Mark solved' }).click();
    await expect(ticket).toContainText('Solved');
    await operator.getByRole('button', { name: 'Save this answer to knowledge' }).click();
    const dialog = operator.getByRole('dialog', { name: 'Save the answer to the knowledge base' });
    await expect(dialog.getByLabel('Answer')).toHaveValue(answer);
    await dialog.getByLabel('Title').fill('Do we sell pizza?');
    await dialog.getByRole('button', { name: 'Save to knowledge' }).click();
    await expect(operator.getByText('Saved to knowledge')).toBeVisible();

    const stored = await call<{ items: { id: string; status: string; conversationId: string | null }[] }>(
      operator,
      'tickets.list',
      { status: 'solved' },
    );
    expect(stored.items).toHaveLength(1);
    const { hits } = await call<{ hits: { title: string }[] }>(operator, 'knowledge.search', { q: 'pizza' });
    expect(hits.map((hit) => hit.title)).toContain('Do we sell pizza?');
    // solved tickets leave the open list and the badge
    await expect(operator.getByRole('link', { name: /#1\s*Do you sell pizza\?/ })).toBeHidden();
    await expect(nav(operator, 'Inbox')).toHaveText('Inbox');

    await customerContext.close();
    await operatorContext.close();
  });
});
