import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { startServed, type ServedApp } from './served';
import { call, ownerOf, setUpOwner, watchProblems } from './helpers';

// The Publish panel of an agent (issue 13): on an installation served with a public listener of its
// own (`serve --public-port`), the owner creates a website chat from the panel, copies its embed
// code from the page, puts it on a plain page of another website (another origin, served by this
// test), and a visitor there chats once; the deploy says where the agent is reachable; the preview,
// the link and the QR code show the channel; deleting it stops the widget.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A business's website: one page holding whatever embed code it was given. */
async function startWebsite(): Promise<{
  url: string;
  setEmbed(code: string): void;
  close(): Promise<void>;
}> {
  let embed = '';
  const server: Server = createServer((request, response) => {
    if (request.url !== '/') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sykkelverksted Nord — bikes and repairs</title></head>
<body><main><h1>Sykkelverksted Nord</h1><p>Repairs and service since 1994.</p></main>
${embed}
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    // `localhost`, while the public door is on 127.0.0.1: another origin
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    setEmbed: (code) => {
      embed = code;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Globals {
  navigator: { clipboard: { readText(): Promise<string> } };
}

const clipboard = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Globals).navigator.clipboard.readText());

let app: ServedApp;
let publicOrigin = '';
let website: Awaited<ReturnType<typeof startWebsite>>;

test.beforeAll(async () => {
  const publicPort = await freePort();
  publicOrigin = `http://127.0.0.1:${publicPort}`;
  app = await startServed({ args: ['--public-port', String(publicPort)] });
  website = await startWebsite();
  // the public listener starts just after the app's
  await expect
    .poll(async () => (await fetch(`${publicOrigin}/widget.js`).catch(() => null))?.status ?? 0)
    .toBe(200);
});
test.afterAll(async () => {
  await website?.close();
  await app?.stop();
});

test('a website chat made in the Publish panel: embed code copied onto another website, a visitor chats, deploy says where, delete stops it', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const context = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1440, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const admin = await context.newPage();
  const problems: string[] = [];
  watchProblems(admin, problems);
  await admin.goto(app.url);
  await setUpOwner(admin, ownerOf('Sykkelverksted Nord', 'olivia@sykkel.test'));
  const { matches } = await call<{ matches: { template: { id: string } }[] }>(admin, 'templates.match', {
    need: 'I run a bike shop and want to answer questions about repairs and book appointments',
    language: 'en',
  });
  const agent = await call<{ id: string; name: string }>(admin, 'agents.create', {
    templateId: matches[0]!.template.id,
    language: 'en',
  });

  // the agent's page: Publish opens the panel, which says where customers reach this installation
  await admin.goto(`${app.url}/#/agents/${agent.id}`);
  await admin.getByRole('button', { name: 'Publish', exact: true }).click();
  const panel = admin.getByRole('dialog', { name: `Publish “${agent.name}”` });
  await expect(panel).toBeVisible();
  await expect(panel.getByText('This agent is not live yet')).toBeVisible();
  await expect(panel.getByText(`Customers' door is at ${publicOrigin}`)).toBeVisible();
  await expect(panel.getByText('No channels yet')).toBeVisible();

  // a new website chat: a plain-http address of another computer is refused as it is added; the
  // business's own address is typed and saved without pressing Add
  await panel.getByRole('button', { name: 'New website chat' }).click();
  await panel.getByLabel('Name', { exact: true }).fill('Sykkelverksted Nord');
  const address = panel.getByLabel('Website address to add');
  await address.fill('http://www.sykkelverksted.example');
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel.getByText('Use https://. Plain http is only for a site on this computer')).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await address.fill(`${website.url}/`);
  await panel.getByLabel('Greeting').fill('Hi! Ask us about repairs and bookings.');
  await panel.getByRole('button', { name: 'Create website chat' }).click();
  await expect(panel.getByRole('list', { name: 'Allowed websites' })).toHaveText(website.url);

  // the embed code names the public door and the channel; copying puts exactly it on the clipboard
  const code = panel.getByTestId('embed-code');
  await expect(code).toHaveText(
    new RegExp(
      `^<script src="${publicOrigin}/widget\\.js" data-channel="[A-Za-z0-9_-]{16,64}" async></script>$`,
    ),
  );
  const embed = (await code.textContent())!;
  const publicId = /data-channel="([^"]+)"/.exec(embed)![1]!;
  await panel.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Embed code copied.' })).toBeAttached();
  expect(await clipboard(admin)).toBe(embed);

  // the hosted link, its copy button and its QR code; the live preview shows the chat page
  const link = `${publicOrigin}/c/${publicId}`;
  await expect(panel.getByTestId('hosted-link')).toHaveAttribute('href', link);
  await panel.getByRole('button', { name: 'Copy link' }).click();
  expect(await clipboard(admin)).toBe(link);
  await expect(panel.getByRole('img', { name: `QR code for ${link}` })).toHaveAttribute(
    'src',
    /^data:image\/svg\+xml/,
  );
  expect((await request.get(link)).status()).toBe(200);
  const preview = admin.frameLocator('iframe[title="Preview of the chat “Sykkelverksted Nord”"]');
  await expect(preview.getByText('Hi! Ask us about repairs and bookings.')).toBeVisible();
  const axe = await new AxeBuilder({ page: admin })
    .include('[role="dialog"]')
    .options({ resultTypes: ['violations'] })
    .analyze();
  expect(
    axe.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`),
  ).toEqual([]);
  await admin.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // deploying says where the agent is now reachable, and leads back to the panel
  await admin.getByRole('button', { name: 'Deploy', exact: true }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Deploy', exact: true }).click();
  const toast = admin.getByText(`Customers reach it at ${link}.`);
  await expect(toast).toBeVisible();
  await admin.getByRole('link', { name: 'Open', exact: true }).click();
  await expect(panel).toBeVisible();
  await expect(panel.getByText('This agent is not live yet')).toBeHidden();

  // the business pastes the code into its website; a visitor there chats once
  website.setEmbed(embed);
  const visitor = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  const visitorProblems: string[] = [];
  visitor.on('pageerror', (error) => visitorProblems.push(error.message));
  await visitor.goto(website.url);
  await visitor.getByRole('button', { name: 'Open chat' }).click();
  await expect(visitor.getByRole('dialog', { name: 'Sykkelverksted Nord' })).toBeVisible();
  const log = visitor.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('Hi! Ask us about repairs and bookings.');
  await visitor.getByLabel('Your message').fill('How much does a tyre repair cost?');
  await visitor.keyboard.press('Enter');
  await expect(log.locator('.msg.agent').last()).toContainText(/tyre/i, { timeout: 20_000 });
  expect(visitorProblems).toEqual([]);

  // deleting asks first, then the widget's channel is gone from the public door
  await panel.getByRole('button', { name: 'Delete channel' }).click();
  const confirm = admin.getByRole('dialog', { name: 'Delete “Sykkelverksted Nord”?' });
  await expect(confirm).toContainText('Its link, QR code and widget stop working at once');
  await confirm.getByRole('button', { name: 'Delete channel' }).click();
  await expect(panel.getByText('No channels yet')).toBeVisible();
  expect((await request.get(`${publicOrigin}/api/public/channels/${publicId}`)).status()).toBe(404);
  expect(problems).toEqual([]);
  await visitor.context().close();
  await context.close();
});
