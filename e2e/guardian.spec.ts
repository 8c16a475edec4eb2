import { expect, test } from '@playwright/test';
import { call, heading, nav, ownerOf, setUpOwner, useServedApp, watchProblems } from './helpers';

const app = useServedApp();

const owner = ownerOf('Pedal & Co', 'olivia@pedal.test');
const need = 'I run a bike shop and want to answer questions about repairs and book appointments';

test('the Guardian: score and checks, a proposal approved and rolled back, an incident worked to its post-mortem', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  // a time zone other than the machine's, to see the quiet hours start from the browser's own
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    timezoneId: 'Europe/Amsterdam',
  });
  const page = await context.newPage();
  watchProblems(page, problems);
  let agentName = '';
  let agentId = '';

  await test.step('first run: the owner sets up an organisation', async () => {
    await page.goto(app.url);
    await setUpOwner(page, owner);
  });

  await test.step('the Guardian page shows the score and every check behind it', async () => {
    await nav(page, 'Guardian').click();
    await expect(heading(page, 'Guardian')).toBeVisible();
    await expect(page.getByRole('img', { name: /^Health score: \d+ out of 100$/ })).toBeVisible();
    const installation = page.getByRole('list', { name: 'This installation' });
    // the machine's internals wait under "Advanced" (it opens by itself when one of them is not OK)
    const advanced = page.getByRole('button', { name: /^Advanced/ }).first();
    if ((await advanced.getAttribute('aria-expanded')) === 'false') await advanced.click();
    await expect(advanced).toHaveAttribute('aria-expanded', 'true');
    const technical = page.getByRole('list', { name: 'This installation: Advanced' });
    await expect(technical.getByRole('listitem').filter({ hasText: 'Database integrity' })).toBeVisible();
    await expect(installation.getByRole('listitem').filter({ hasText: 'Disk space' })).toContainText(
      /free where the data is kept/,
    );
    await expect(page.getByRole('region', { name: 'Waiting for approval' })).toContainText(
      'Nothing waiting for approval',
    );
    // automatic restores are never offered
    const restore = page.getByRole('combobox', { name: 'Mode for Restore the last verified backup' });
    await expect(restore.locator('option')).toHaveText(['Off', 'Ask for approval']);
  });

  await test.step('an agent whose provider cannot be reached keeps failing', async () => {
    // a local address: refused until the platform admin (the first owner) allows it
    await call(page, 'outbound.allow', { hostPort: '127.0.0.1:9' });
    const provider = await call<{ id: string }>(page, 'providers.save', {
      kind: 'ollama',
      name: 'Unreachable Ollama',
      baseUrl: 'http://127.0.0.1:9/v1',
      models: ['llama3.2'],
    });
    const { matches } = await call<{ matches: { template: { id: string } }[] }>(page, 'templates.match', {
      need,
      language: 'en',
    });
    const agent = await call<{ id: string; name: string }>(page, 'agents.create', {
      templateId: matches[0]!.template.id,
      language: 'en',
    });
    agentId = agent.id;
    agentName = agent.name;
    expect(agentName).toMatch(/bike/i);
    await call(page, 'agents.updateSettings', {
      agentId,
      primaryModel: { providerId: provider.id, model: 'llama3.2' },
      fallbackModels: [],
    });
    await call(page, 'agents.deploy', { agentId });
    for (let i = 0; i < 6; i++) {
      const run = await call<{ status: string }>(page, 'agents.run', {
        agentId,
        input: { message: `Is my bike ready? (${i + 1})` },
        wait: true,
      });
      expect(run.status).toBe('failed');
    }
  });

  const proposalName = () => `Pause the agent · ${agentName}`;

  await test.step('"Run checks now" finds the failing agent and the Guardian proposes to pause it', async () => {
    await page.getByRole('button', { name: 'Run checks now' }).click();
    await expect(page.getByText(/^Checks done\. The score is \d+\.$/)).toBeVisible();
    const agents = page.getByRole('list', { name: 'Agents' });
    await expect(agents.getByRole('listitem').filter({ hasText: agentName })).toContainText(
      'If this fails: Pause the agent',
    );
    const proposal = page
      .getByRole('list', { name: 'Proposals' })
      .getByRole('listitem', { name: proposalName() });
    await expect(proposal).toBeVisible();
    await expect(proposal).toContainText('Stop new runs');
    await expect(proposal).toContainText('Evidence');
    await expect(proposal).toContainText(`Error rate · ${agentName}`);
    await expect(proposal.getByRole('link', { name: 'Open the incident' })).toBeVisible();
  });

  await test.step('the dashboard shows the Guardian score, what is wrong, and what waits', async () => {
    await nav(page, 'Dashboard').click();
    const health = page.getByRole('region', { name: 'System health' });
    await expect(health.getByRole('img', { name: /^Health score: \d+ out of 100$/ })).toBeVisible();
    await expect(health.getByRole('list', { name: 'Health checks' })).toContainText(
      `Error rate · ${agentName}`,
    );
    await expect(health.getByRole('link', { name: /Open incidents\s*[1-9]/ })).toBeVisible();
    await health.getByRole('link', { name: /Approvals waiting\s*1/ }).click();
    await expect(heading(page, 'Guardian')).toBeVisible();
  });

  await test.step('the owner approves it with a comment; the agent is paused', async () => {
    const proposal = page
      .getByRole('list', { name: 'Proposals' })
      .getByRole('listitem', { name: proposalName() });
    await proposal.getByRole('button', { name: `Approve ${proposalName()}` }).click();
    const dialog = page.getByRole('dialog', { name: `Approve “Pause the agent” for ${agentName}?` });
    await expect(dialog).toContainText('The Guardian applies this at once');
    await dialog.getByLabel('Comment').fill('The provider is down; stop the errors for now.');
    await dialog.getByRole('button', { name: 'Approve and apply' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Approved. “Pause the agent” was applied.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Waiting for approval' })).toContainText(
      'Nothing waiting for approval',
    );
    const row = page
      .getByRole('table', { name: 'Recent actions of the Guardian' })
      .getByRole('row')
      .filter({ hasText: 'Pause the agent' });
    await expect(row).toContainText('Applied');
    await expect(row).toContainText('By Olivia Owner');
    await expect(row).toContainText('The provider is down');
    const { agent } = await call<{ agent: { status: string } }>(page, 'agents.get', { agentId });
    expect(agent.status).toBe('paused');
  });

  await test.step('rolling it back says what is undone and puts the agent live again', async () => {
    await page.getByRole('button', { name: `Roll back ${proposalName()}` }).click();
    const dialog = page.getByRole('dialog', { name: `Roll back “Pause the agent” on ${agentName}?` });
    await expect(dialog).toContainText(`${agentName} goes live again and takes new work`);
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('“Pause the agent” was rolled back.')).toBeVisible();
    const row = page
      .getByRole('table', { name: 'Recent actions of the Guardian' })
      .getByRole('row')
      .filter({ hasText: 'Pause the agent' });
    await expect(row).toContainText('Rolled back');
    await expect(page.getByRole('button', { name: `Roll back ${proposalName()}` })).toHaveCount(0);
    const { agent } = await call<{ agent: { status: string } }>(page, 'agents.get', { agentId });
    expect(agent.status).toBe('active');
  });

  await test.step('the Guardian opened an incident; it is listed with its severity and SLA', async () => {
    await nav(page, 'Incidents').click();
    await expect(heading(page, 'Incidents')).toBeVisible();
    const table = page.getByRole('table', { name: 'Incidents' });
    const row = table.getByRole('row').filter({ hasText: agentName });
    await expect(row).toContainText('SEV2');
    await expect(row).toContainText('Open');
    await expect(row).toContainText('Opened by the Guardian');
    await expect(row).toContainText(/Acknowledge due in \d+ min/);
    await row.getByRole('link').click();
    await expect(heading(page, /^#\d+ .*Bike shop/)).toBeVisible();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline).toContainText('Opened');
  });

  await test.step('the incident is acknowledged, gets a note, and is resolved', async () => {
    const moves = page.getByRole('group', { name: 'Move the incident along' });
    await moves.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByText('Incident status: Acknowledged.')).toBeVisible();
    await expect(moves.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline).toContainText('Status changed');

    await page.getByLabel('Add a note').fill('The Ollama server on the workshop PC was switched off.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(timeline).toContainText('The Ollama server on the workshop PC was switched off.');
    await expect(page.getByLabel('Add a note')).toHaveValue('');

    const postmortem = page.getByRole('region', { name: 'Post-mortem' });
    await expect(postmortem).toContainText('You can write the post-mortem once the incident is resolved.');
    await moves.getByRole('button', { name: 'Resolve' }).click();
    await expect(page.getByText('Incident status: Resolved.')).toBeVisible();
    await expect(page.getByRole('main').getByText(/^SLA (met|missed)/)).toBeVisible();
  });

  await test.step('the resolved incident gets its post-mortem', async () => {
    const postmortem = page.getByRole('region', { name: 'Post-mortem' });
    await postmortem.getByRole('button', { name: 'Save post-mortem' }).click();
    await expect(postmortem.getByText('Write a short summary first.')).toBeVisible();
    await expect(postmortem.getByLabel('Summary')).toBeFocused();
    await postmortem
      .getByLabel('Summary')
      .fill('The bike-shop agent could not reach its model for twenty minutes.');
    await postmortem.getByLabel('Impact').fill('Six customers got no answer.');
    await postmortem
      .getByLabel('Root cause')
      .fill('The model server was switched off; no fallback model was set.');
    await postmortem.getByLabel('Action item 1', { exact: true }).fill('Set the offline model as fallback');
    await postmortem.getByRole('button', { name: 'Add an action item' }).click();
    await postmortem.getByLabel('Action item 2', { exact: true }).fill('Keep the model server on a UPS');
    await postmortem.getByRole('button', { name: 'Save post-mortem' }).click();
    await expect(page.getByText('Post-mortem saved.')).toBeVisible();
    await expect(postmortem).toContainText('Six customers got no answer.');
    await expect(postmortem.getByRole('listitem')).toHaveText([
      'Set the offline model as fallback',
      'Keep the model server on a UPS',
    ]);
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Post-mortem');
  });

  await test.step('closing asks first and ends the work', async () => {
    await page
      .getByRole('group', { name: 'Move the incident along' })
      .getByRole('button', { name: 'Close' })
      .click();
    const dialog = page.getByRole('dialog', { name: /^Close incident #\d+\?$/ });
    await expect(dialog).toContainText('It stays in the list with its timeline and post-mortem.');
    await dialog.getByRole('button', { name: 'Close incident' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('This incident is closed.')).toBeVisible();
  });

  await test.step('notification settings: a rule with every channel, quiet hours, and a test that shows up', async () => {
    await nav(page, 'Notifications').click();
    await expect(heading(page, 'Notifications')).toBeVisible();
    // every organisation starts with the default rule that brings hand-offs to the desktop
    const rules = page.getByRole('table', { name: 'Rules' });
    await expect(rules.getByRole('row').filter({ hasText: 'Desktop alerts' })).toHaveCount(1);
    await page.getByRole('button', { name: 'Add rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a rule' });
    await dialog.getByLabel('Name').fill('On-call team');
    await expect(dialog.getByLabel('An incident is opened')).toBeChecked();
    await dialog.getByLabel('The Guardian asks for approval').check();
    await dialog.getByLabel('Minimum severity').selectOption({ label: 'SEV2 · Major and worse' });
    await dialog.getByLabel('E-mail recipients').fill('not an address');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await expect(dialog.getByText('Not a valid e-mail address: not, an, address')).toBeVisible();
    await dialog.getByLabel('E-mail recipients').fill('oncall@pedal.test, Olivia@Pedal.test');
    await dialog.getByLabel('Webhook URL').fill('https://hooks.pedal.test/mindframe');
    await dialog.getByLabel('Signing secret').fill('a shared secret');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Rule “On-call team” added.')).toBeVisible();
    const row = page
      .getByRole('table', { name: 'Rules' })
      .getByRole('row')
      .filter({ hasText: 'On-call team' });
    await expect(row).toContainText('The Guardian asks for approval');
    await expect(row).toContainText('SEV2 and worse');
    await expect(row).toContainText('oncall@pedal.test and 1 more');
    await expect(row).toContainText('Signed');

    const quiet = page.getByRole('region', { name: 'Quiet hours' });
    await expect(quiet.getByLabel('Time zone')).toHaveValue('Europe/Amsterdam');
    await quiet.getByLabel('Use quiet hours').check();
    await expect(quiet).toContainText('Quiet from 22:00 to 07:00 the next morning (Europe/Amsterdam).');
    await quiet.getByRole('button', { name: 'Save quiet hours' }).click();
    await expect(page.getByText('Quiet hours saved.')).toBeVisible();

    await page.getByRole('button', { name: 'Send a test by Desktop' }).click();
    await expect(page.getByRole('region', { name: 'Send a test' })).toContainText('Sent.');
    await expect(page.getByText('Test notification from Mindframe Control Center')).toBeVisible();

    await row.getByRole('button', { name: 'Delete rule On-call team' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete rule “On-call team”?' });
    await expect(confirm).toContainText('Nobody is notified through “On-call team” any more.');
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await expect(row).toHaveCount(0);
    await expect(rules.getByRole('row').filter({ hasText: 'Desktop alerts' })).toHaveCount(1);
  });

  await test.step('the logs show what happened, newest first, each line with its data', async () => {
    await nav(page, 'Logs').click();
    await expect(heading(page, 'Logs')).toBeVisible();
    const lines = page.getByRole('list', { name: 'Log lines, newest first' });
    const change = lines.getByRole('listitem').filter({ hasText: 'change applied' }).first();
    await expect(change).toBeVisible();
    await change.getByRole('button').click();
    await expect(change.locator('pre')).toContainText('"method"');

    // live: what happens now shows up on top; paused, it waits until resumed
    const created = lines.getByRole('listitem').filter({ hasText: 'method=incidents.create' });
    await expect(created).toHaveCount(0);
    await call(page, 'incidents.create', { title: 'Checking the live log', severity: 'SEV4' });
    await expect(created).toHaveCount(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    await call(page, 'incidents.create', { title: 'Checking the paused log', severity: 'SEV4' });
    await expect(page.getByText(/^Paused\. \d+ new lines? (is|are) waiting\.$/)).toBeVisible();
    await expect(created).toHaveCount(1);
    await page.getByRole('button', { name: 'Resume live' }).click();
    await expect(page.getByText('Live: new lines appear at the top.')).toBeVisible();
    await expect(created).toHaveCount(2);

    await page.getByRole('tab', { name: 'Errors' }).click();
    const errors = page.getByRole('tabpanel', { name: 'Errors' });
    await expect(
      errors
        .getByText('No errors recorded')
        .or(errors.getByRole('list', { name: 'Errors, most recent first' })),
    ).toBeVisible();
  });

  await context.close();
  expect(problems).toEqual([]);
});
