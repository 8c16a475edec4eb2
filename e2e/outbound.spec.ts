import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { heading, nav, ownerOf, setUpOwner, useServedApp, watchProblems } from './helpers';

const app = useServedApp();

/** A model server on this machine that speaks the OpenAI wire format and counts its requests. */
let model: Server;
let modelPort = 0;
let modelHits = 0;

test.beforeAll(async () => {
  model = createServer((req, res) => {
    modelHits += 1;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: 'llama3.2',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'ok' } }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
  modelPort = (model.address() as AddressInfo).port;
});
test.afterAll(() => new Promise<void>((resolve) => model.close(() => resolve())));

test('a local model server is refused until the platform admin allows it in one click', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  watchProblems(page, problems);
  const hostPort = `127.0.0.1:${modelPort}`;

  await test.step('the first owner (the platform admin) sets up the installation', async () => {
    await page.goto(app.url);
    await setUpOwner(page, ownerOf('Pedal & Co', 'olivia@pedal.test'));
  });

  await test.step('saving an Ollama on this computer is refused, and nothing is sent to it', async () => {
    await nav(page, 'Providers').click();
    await expect(heading(page, 'Providers')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Local and private addresses' })).toContainText(
      'No local or private address is allowed.',
    );
    await page.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a provider' });
    await dialog.getByLabel('Provider').selectOption('ollama');
    await dialog.getByLabel('Base URL').fill(`http://${hostPort}/v1`);
    await dialog.getByLabel('Models').fill('llama3.2');
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await expect(dialog.getByText(/This address is on this computer or a private network/)).toBeVisible();
    expect(modelHits).toBe(0);
    await page.screenshot({ path: 'test-results/outbound-refused.png' });
  });

  await test.step('one click allows it for the installation, and the provider is saved and works', async () => {
    const dialog = page.getByRole('dialog', { name: 'Add a provider' });
    await dialog.getByRole('button', { name: `Allow ${hostPort} for this installation` }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Ollama has been added.')).toBeVisible();
    const list = page.getByRole('region', { name: 'Local and private addresses' });
    await expect(list.getByRole('cell', { name: hostPort, exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Test the connection to Ollama' }).click();
    await expect(page.getByText(/Connected · \d+ ms/)).toBeVisible();
    expect(modelHits).toBe(1);
    await page.screenshot({ path: 'test-results/outbound-allowed.png', fullPage: true });
  });

  await test.step('removing it from the list refuses the next test without reaching the server', async () => {
    const list = page.getByRole('region', { name: 'Local and private addresses' });
    await list.getByRole('button', { name: `Stop allowing ${hostPort}` }).click();
    await page
      .getByRole('dialog', { name: `Stop allowing ${hostPort}?` })
      .getByRole('button', { name: 'Stop allowing' })
      .click();
    await expect(list).toContainText('No local or private address is allowed.');
    await page.getByRole('button', { name: 'Test the connection to Ollama' }).click();
    await expect(page.getByText(/This address is on this computer or a private network/)).toBeVisible();
    await expect(page.getByRole('button', { name: `Allow ${hostPort} for this installation` })).toBeVisible();
    expect(modelHits).toBe(1);
  });

  expect(problems).toEqual([]);
});
