import { expect, test, type Page } from '@playwright/test';
import { call, ownerOf, setUpOwner, useServedApp, watchProblems } from './helpers';

const app = useServedApp();

const owner = ownerOf('Sykkelverksted Nord', 'olivia@sykkel.test');

/** The UI's language, chosen with the header's language buttons. */
async function chooseLanguage(page: Page, language: 'en' | 'nl' | 'nb'): Promise<void> {
  await page.locator(`header button[lang="${language}"]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Asks in the open panel and waits for the reply that follows. */
async function ask(page: Page, question: string): Promise<string> {
  const panel = page.getByTestId('assistant-panel');
  const replies = panel.getByTestId('assistant-reply');
  const before = await replies.count();
  await panel.getByRole('textbox').fill(question);
  await panel.getByRole('textbox').press('Enter');
  await expect(replies).toHaveCount(before + 1, { timeout: 30_000 });
  return (await replies.last().innerText()).trim();
}

test('the assistant answers from live figures in the asked language, pauses an agent after confirmation and hands over to a person', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  watchProblems(page, problems);

  let agentId = '';
  await test.step('first run, and facts to ask about: a backup, an incident, a live agent', async () => {
    await page.goto(app.url);
    await setUpOwner(page, owner);
    await call(page, 'backups.create', {});
    await call(page, 'incidents.create', { title: 'Webshop answers slowly', severity: 'SEV2' });
    const agent = await call<{ id: string }>(page, 'agents.create', { name: 'Bike repairs' });
    agentId = agent.id;
    await call(page, 'agents.deploy', { agentId });
    await page.goto(`${app.url}/#/`);
  });

  await test.step('Dutch: "Hoe gezond is het systeem?" is answered with the live score, in Dutch', async () => {
    await chooseLanguage(page, 'nl');
    const button = page.getByRole('button', { name: 'Open de assistent' });
    await button.click();
    const panel = page.getByRole('dialog', { name: 'Assistent' });
    await expect(panel).toBeVisible();
    await panel.getByRole('button', { name: 'Nieuw gesprek' }).click();
    // the score is live (response times move it): the answer's is the Guardian's of that moment
    const before = await call<{ score: number }>(page, 'guardian.status', {});
    const reply = await ask(page, 'Hoe gezond is het systeem?');
    const after = await call<{ score: number }>(page, 'guardian.status', {});
    const said = /de gezondheidsscore is (\d+) van 100\./.exec(reply);
    expect(said, reply).not.toBeNull();
    expect([before.score, after.score]).toContain(Number(said![1]));
    // Esc closes the panel and gives the keyboard back to its button
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(button).toBeFocused();
  });

  await test.step('Norwegian: "Når ble siste sikkerhetskopi tatt?" says how old the backup is, in Norwegian', async () => {
    await chooseLanguage(page, 'nb');
    await page.getByRole('button', { name: 'Åpne assistenten' }).click();
    const panel = page.getByRole('dialog', { name: 'Assistent' });
    await panel.getByRole('button', { name: 'Ny samtale' }).click();
    const reply = await ask(page, 'Når ble siste sikkerhetskopi tatt?');
    expect(reply).toMatch(/Siste sikkerhetskopi ble tatt for \d+ minutt(er)? siden\./);
    expect(reply).toContain('Den er kontrollert og kan gjenopprettes.');
    await page.keyboard.press('Escape');
  });

  await test.step('English: "Which incidents are open?" names the open incident', async () => {
    await chooseLanguage(page, 'en');
    await page.getByRole('button', { name: 'Open the assistant' }).click();
    const panel = page.getByRole('dialog', { name: 'Assistant' });
    await panel.getByRole('button', { name: 'New conversation' }).click();
    // the suggestions are the way in for a first question
    await panel.getByRole('button', { name: 'Which incidents are open?' }).click();
    const reply = panel.getByTestId('assistant-reply').last();
    await expect(reply).toContainText('1 incident is open. Incident #1 (SEV2): Webshop answers slowly.');
    await expect(reply.getByRole('link', { name: 'Go to Incidents' })).toHaveAttribute('href', '#/incidents');
  });

  await test.step('"pause the bike agent" waits for confirmation, then pauses it as the owner', async () => {
    const panel = page.getByRole('dialog', { name: 'Assistant' });
    expect(await ask(page, 'pause the bike agent')).toContain('Shall I pause Bike repairs?');
    const agentBefore = await call<{ agent: { status: string } }>(page, 'agents.get', { agentId });
    expect(agentBefore.agent.status).toBe('active');
    await panel.getByRole('button', { name: 'Yes, do it' }).click();
    await expect(panel.getByTestId('assistant-reply').last()).toContainText('Done: Bike repairs is paused.');
    await expect(panel.getByText('Done', { exact: true })).toBeVisible();
    const agentAfter = await call<{ agent: { status: string } }>(page, 'agents.get', { agentId });
    expect(agentAfter.agent.status).toBe('paused');
    const audit = await call<{ entries: { action: string; actorName: string; targetId: string | null }[] }>(
      page,
      'audit.list',
      { action: 'agents.pause' },
    );
    expect(audit.entries.find((entry) => entry.targetId === agentId)?.actorName).toBe(owner.name);
  });

  await test.step('"I want to talk to a person" opens a support ticket, linked from the answer', async () => {
    const panel = page.getByRole('dialog', { name: 'Assistant' });
    expect(await ask(page, 'I want to talk to a person')).toMatch(
      /I've passed your question to our support team as ticket #\d+, with this conversation\./,
    );
    const link = panel.getByRole('link', { name: 'Open the ticket' });
    await expect(link).toBeVisible();
    const tickets = await call<{ items: { id: string; kind: string; subject: string }[] }>(
      page,
      'tickets.list',
      {
        kind: 'platform',
      },
    );
    expect(tickets.items[0]?.kind).toBe('platform');
    await expect(link).toHaveAttribute('href', `#/inbox/${tickets.items[0]!.id}`);
  });

  expect(problems).toEqual([]);
  await context.close();
});
