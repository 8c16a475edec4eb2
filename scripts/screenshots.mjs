// Screenshots of every screen in every language, for review: artifacts/screenshots/<lang>-<screen>.png
//   node scripts/build.mjs && node scripts/screenshots.mjs
//   node scripts/screenshots.mjs --only=backups   (backups, data export and import only: quicker)
//   node scripts/screenshots.mjs --only=security  (security centre, API keys, two-step sign-in, member sessions)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'artifacts', 'screenshots');
const languages = ['en', 'nl', 'nb'];
const viewport = { width: 1280, height: 800 };
const owner = {
  org: 'Fjordline Logistics',
  name: 'Olivia Hansen',
  email: 'olivia@fjordline.test',
  password: 'correct horse battery staple',
};
const members = [
  { name: 'Vera de Vries', email: 'vera@fjordline.test', role: 'viewer', accept: true },
  { name: 'Oskar Berg', email: 'oskar@fjordline.test', role: 'operator', accept: true },
  { name: 'Ada Lindqvist', email: 'ada@fjordline.test', role: 'admin', accept: false },
];
const memberPassword = 'a long enough password';
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? null;
const strings = Object.fromEntries(
  languages.map((language) => [
    language,
    JSON.parse(readFileSync(join(root, 'renderer', 'src', 'i18n', `${language}.json`), 'utf8')),
  ]),
);

function startServed(dataDir) {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'mindframe.cjs'), 'serve', '--data-dir', dataDir, '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`served host did not start:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`served host exited with ${code}:\n${output}`)));
  });
}

const problems = [];
/** HTTP statuses a step provokes on purpose (a refused upload), not reported as problems meanwhile. */
const expectedStatuses = new Set();

async function newWindow(browser) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('console', (message) => {
    // a signed-out window's `auth.me` is answered 401 by design; Chromium logs every 4xx answer
    if (/status of 401/.test(message.text())) return;
    if ([...expectedStatuses].some((status) => message.text().includes(`status of ${status}`))) return;
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  return page;
}

async function chooseLanguage(page, language) {
  await page
    .locator('[role=group] button[aria-pressed]', { hasText: language.toUpperCase() })
    .first()
    .click();
  await page.waitForFunction((lang) => globalThis.document.documentElement.lang === lang, language);
}

async function shoot(page, language, screen) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(outDir, `${language}-${screen}.png`) });
  console.log(`  ${language}-${screen}.png`);
}

/** Calls the API from a signed-in page, as the renderer does. */
function call(page, method, input) {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/call/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': sessionStorage.getItem('mindframe.csrfToken') ?? '',
        },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
      return answer.data;
    },
    [method, input],
  );
}

const needs = {
  en: 'I run a bike shop and want to answer questions about repairs and book appointments',
  nl: 'Ik heb een fietsenwinkel en wil vragen over reparaties beantwoorden en afspraken maken',
  nb: 'Jeg driver en sykkelbutikk og vil svare på spørsmål om reparasjoner og booke timer',
};
const chats = {
  en: ['How much does it cost to repair a flat tyre?', 'When are you open on Saturday?'],
  nl: ['Wat kost het om een lekke band te repareren?', 'Wanneer zijn jullie zaterdag open?'],
  nb: ['Hva koster det å reparere en punktering?', 'Når har dere åpent på lørdag?'],
};
const searches = { en: 'repair', nl: 'openingstijden', nb: 'åpningstider' };

/**
 * Agents, versions, runs, knowledge and providers for the agent screens: per language an agent from
 * the bike-shop template (version 1 live, version 2 with a condition added), a few chats run through
 * it, and two providers (one without a key, one whose connection test fails, as on a fresh install).
 */
async function seedAgents(page) {
  const { matches } = await call(page, 'templates.match', { need: needs.en, language: 'en' });
  const templateId = matches[0].template.id;
  const agents = {};
  for (const language of languages) {
    const agent = await call(page, 'agents.create', { templateId, language });
    await call(page, 'agents.deploy', { agentId: agent.id });
    const { flow } = await call(page, 'agents.get', { agentId: agent.id });
    const start = flow.nodes.find((node) => node.type === 'trigger');
    const first = flow.edges.find((edge) => edge.source === start.id);
    const below = flow.nodes.filter((node) => node.position.y > start.position.y);
    for (const node of below) node.position.y += 152;
    flow.nodes.push({
      id: 'check-message',
      type: 'condition',
      label: { en: 'Is there a message?', nl: 'Is er een bericht?', nb: 'Finnes det en melding?' }[language],
      position: { x: start.position.x, y: start.position.y + 152 },
      data: { expression: 'message != ""' },
    });
    flow.edges = flow.edges.filter((edge) => edge !== first);
    flow.edges.push(
      { id: 'e-start-check', source: start.id, target: 'check-message', sourceHandle: 'out' },
      { id: 'e-check-yes', source: 'check-message', target: first.target, sourceHandle: 'true' },
      { id: 'e-check-no', source: 'check-message', target: first.target, sourceHandle: 'false' },
    );
    const note = {
      en: 'Check the message first',
      nl: 'Eerst het bericht controleren',
      nb: 'Sjekk meldingen først',
    }[language];
    await call(page, 'agents.saveVersion', { agentId: agent.id, flow, note });
    for (const message of chats[language]) {
      await call(page, 'agents.run', { agentId: agent.id, input: { message }, wait: true });
    }
    agents[language] = agent;
  }
  // two more templates in use, so the marketplace has a "most popular" row
  for (const match of matches.slice(1, 3)) {
    await call(page, 'agents.create', { templateId: match.template.id, language: 'en' });
  }
  const ollama = await call(page, 'providers.save', {
    kind: 'ollama',
    name: 'Ollama',
    baseUrl: 'http://127.0.0.1:9/v1',
    models: ['llama3.2', 'qwen2.5:7b'],
  });
  await call(page, 'providers.test', { providerId: ollama.id });
  await call(page, 'providers.save', {
    kind: 'openai',
    name: 'OpenAI',
    apiKey: 'sk-screenshot-not-a-real-key',
    models: ['gpt-4o-mini', 'gpt-4o', 'o4-mini', 'gpt-4.1-mini'],
  });
  return agents;
}

async function agentScreens(page, url, language, agent) {
  const tr = strings[language];
  await page.goto(`${url}/#/marketplace`);
  await page.getByRole('list', { name: tr.marketplace.listLabel }).waitFor();
  await page.waitForTimeout(600);
  await shoot(page, language, 'marketplace');
  await page.getByLabel(tr.marketplace.need.label).fill(needs[language]);
  await page.getByRole('button', { name: tr.marketplace.need.submit }).click();
  await page.getByRole('list', { name: tr.marketplace.need.resultsLabel }).waitFor();
  await page.getByRole('heading', { name: tr.marketplace.need.title }).scrollIntoViewIfNeeded();
  await shoot(page, language, 'marketplace-match');
  await page
    .getByRole('list', { name: tr.marketplace.need.resultsLabel })
    .getByRole('button')
    .first()
    .click();
  await page.getByRole('dialog').getByRole('button', { name: tr.marketplace.detail.use }).waitFor();
  await shoot(page, language, 'marketplace-template');
  await page.keyboard.press('Escape');

  await page.goto(`${url}/#/agents`);
  await page.getByRole('table').waitFor();
  await shoot(page, language, 'agents');

  await page.goto(`${url}/#/agents/${agent.id}`);
  const canvas = page.getByRole('application');
  await canvas.locator('.react-flow__node-intent').waitFor();
  await page.waitForTimeout(600);
  await canvas.locator('.react-flow__node-intent').click();
  await page.getByRole('complementary').getByRole('heading', { level: 2 }).waitFor();
  await shoot(page, language, 'designer');

  const panel = page.getByRole('complementary');
  await panel.getByRole('tab', { name: tr.designer.tabs.chat }).click();
  await page.locator('#test-chat-input').fill(chats[language][0]);
  await page.keyboard.press('Enter');
  await panel.getByRole('link', { name: tr.designer.chat.openRun }).waitFor({ timeout: 30_000 });
  await shoot(page, language, 'designer-chat');

  await panel.getByRole('tab', { name: tr.designer.tabs.versions }).click();
  await panel
    .getByRole('button', { name: tr.designer.versions.compareNamed.replace('{{number}}', '1') })
    .click();
  await panel.getByRole('region').waitFor();
  await shoot(page, language, 'designer-versions');
  await panel.getByRole('tab', { name: tr.designer.tabs.problems }).click();
  await shoot(page, language, 'designer-problems');

  await page.goto(`${url}/#/runs`);
  await page.getByRole('table').waitFor();
  await shoot(page, language, 'runs');
  await page.getByRole('table').getByRole('link').first().click();
  await page.getByRole('list', { name: tr.run.timeline }).waitFor();
  await page
    .getByRole('list', { name: tr.run.timeline })
    .locator(':scope > li details summary')
    .nth(2)
    .click();
  await shoot(page, language, 'run');

  await page.goto(`${url}/#/runs/costs`);
  await page.getByRole('table').waitFor();
  await shoot(page, language, 'costs');

  await page.goto(`${url}/#/knowledge`);
  await page.getByRole('list', { name: tr.knowledge.documents }).waitFor();
  await page.getByLabel(tr.knowledge.search.label).fill(searches[language]);
  await page.getByRole('list', { name: tr.knowledge.search.resultsLabel }).waitFor();
  await shoot(page, language, 'knowledge');

  await page.goto(`${url}/#/providers`);
  await page.getByRole('table').waitFor();
  await shoot(page, language, 'providers');
  await page.getByRole('button', { name: tr.providers.add }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('select').selectOption('ollama');
  await dialog.locator('textarea').fill('llama3.2\nmistral');
  await shoot(page, language, 'providers-add');
  await page.keyboard.press('Escape');
}

/**
 * The Guardian's material: two agents whose model cannot be reached keep failing, so the Guardian
 * proposes to pause them (one is approved, one waits); incidents (one worked to its post-mortem, one
 * opened by hand), notification rules, quiet hours, an SMTP server and an escalation list.
 */
async function seedGuardian(page) {
  const provider = await call(page, 'providers.save', {
    kind: 'ollama',
    name: 'Workshop Ollama',
    baseUrl: 'http://127.0.0.1:9/v1',
    models: ['llama3.2'],
  });
  const { matches } = await call(page, 'templates.match', { need: needs.en, language: 'en' });
  const failing = [];
  for (const match of [matches[0], matches[3] ?? matches[1]]) {
    const agent = await call(page, 'agents.create', { templateId: match.template.id, language: 'en' });
    await call(page, 'agents.updateSettings', {
      agentId: agent.id,
      primaryModel: { providerId: provider.id, model: 'llama3.2' },
      fallbackModels: [],
    });
    await call(page, 'agents.deploy', { agentId: agent.id });
    for (let i = 0; i < 6; i++) {
      await call(page, 'agents.run', {
        agentId: agent.id,
        input: { message: `Hello (${i + 1})` },
        wait: true,
      });
    }
    failing.push(agent);
  }
  // a few points of history
  for (let i = 0; i < 4; i++) {
    await call(page, 'guardian.runChecks', {});
    await page.waitForTimeout(1500);
  }
  const { actions } = await call(page, 'guardian.actions', { status: 'proposed' });
  const second = actions.find((action) => action.target.id === failing[1].id);
  if (second) {
    await call(page, 'guardian.approve', {
      actionId: second.id,
      comment: 'The model server is off for maintenance until noon.',
    });
  }
  const { members } = await call(page, 'users.list', {});
  const byEmail = (email) => members.find((m) => m.email === email) ?? members[0];
  const { incidents } = await call(page, 'incidents.list', {});
  const worked = incidents.find((incident) => incident.title.includes(failing[0].name)) ?? incidents[0];
  if (worked) {
    await call(page, 'incidents.update', {
      incidentId: worked.id,
      status: 'acknowledged',
      assigneeId: byEmail('oskar@fjordline.test').userId,
    });
    await call(page, 'incidents.addNote', {
      incidentId: worked.id,
      text: 'The Ollama server in the workshop was switched off after the power cut. Restarting it.',
    });
    await call(page, 'incidents.update', { incidentId: worked.id, status: 'mitigated' });
    await call(page, 'incidents.update', { incidentId: worked.id, status: 'resolved' });
    await call(page, 'incidents.postmortem', {
      incidentId: worked.id,
      postmortem: {
        summary: 'The bike-shop agent could not reach its model for about twenty minutes after a power cut.',
        impact: 'Six customer questions went unanswered; no data was lost.',
        rootCause: 'The model server does not start by itself, and the agent had no fallback model.',
        actions: ['Set the offline model as fallback for every agent', 'Start Ollama as a service on boot'],
      },
    });
  }
  await call(page, 'incidents.create', {
    title: 'Invoice e-mails bounce for two customers',
    description: 'Two customers report that invoice e-mails come back as undeliverable.',
    severity: 'SEV3',
    assigneeId: byEmail('vera@fjordline.test').userId,
  });
  await call(page, 'incidents.setEscalation', {
    userIds: [byEmail('oskar@fjordline.test').userId, byEmail(owner.email).userId],
  });
  await call(page, 'notify.saveRule', {
    name: 'On-call team',
    events: ['incident.opened', 'incident.escalated', 'health.critical'],
    minSeverity: 'SEV2',
    desktop: true,
    emails: ['oncall@fjordline.test', 'olivia@fjordline.test'],
    webhookUrl: 'https://hooks.fjordline.test/mindframe',
    webhookSecret: 'screenshot-secret',
  });
  await call(page, 'notify.saveRule', {
    name: 'Guardian activity',
    events: ['guardian.proposed', 'guardian.applied'],
    minSeverity: 'SEV4',
    desktop: true,
    emails: [],
    webhookUrl: null,
  });
  await call(page, 'notify.saveQuietHours', {
    enabled: true,
    start: '22:00',
    end: '07:00',
    timezone: 'Europe/Oslo',
  });
  await call(page, 'notify.saveSmtp', {
    host: 'smtp.fjordline.test',
    port: 587,
    secure: false,
    user: 'alerts@fjordline.test',
    password: 'screenshot-password',
    from: 'Mindframe <alerts@fjordline.test>',
  });
  return { worked };
}

async function scrollTo(page, name) {
  await page.getByRole('heading', { level: 2, name, exact: true }).first().scrollIntoViewIfNeeded();
  await page
    .getByRole('heading', { level: 2, name, exact: true })
    .first()
    .evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

async function guardianScreens(page, url, language, seeded) {
  const tr = strings[language];
  await page.goto(`${url}/#/guardian`);
  await page.getByRole('list', { name: tr.guardian.queue.listLabel }).waitFor();
  await page.locator('.recharts-surface').first().waitFor();
  await page.waitForTimeout(600);
  await shoot(page, language, 'guardian');
  await scrollTo(page, tr.guardian.checksTitle);
  await shoot(page, language, 'guardian-checks');
  await scrollTo(page, tr.guardian.actions.title);
  await shoot(page, language, 'guardian-actions');
  await page
    .getByRole('list', { name: tr.guardian.queue.listLabel })
    .getByRole('button', { name: tr.guardian.queue.approve })
    .first()
    .click();
  await page.getByRole('dialog').locator('textarea').fill(
    {
      en: 'Pause it until the model server is back.',
      nl: 'Pauzeren tot de modelserver terug is.',
      nb: 'Sett den på pause til modellserveren er tilbake.',
    }[language],
  );
  await shoot(page, language, 'guardian-approve');
  await page.keyboard.press('Escape');

  await page.goto(`${url}/#/incidents`);
  await page.getByRole('table').waitFor();
  await page.locator('select').first().selectOption('all');
  await page.waitForTimeout(400);
  await shoot(page, language, 'incidents');
  await page.getByRole('button', { name: tr.incidents.new }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input').first().fill(
    {
      en: 'Booking agent answers slowly',
      nl: 'Boekingsagent antwoordt traag',
      nb: 'Bookingagenten svarer tregt',
    }[language],
  );
  await dialog.locator('select').first().selectOption('SEV2');
  await shoot(page, language, 'incident-new');
  await page.keyboard.press('Escape');

  if (seeded.worked) {
    await page.goto(`${url}/#/incidents/${seeded.worked.id}`);
    await page.getByRole('region', { name: tr.incident.timeline.title }).waitFor();
    await shoot(page, language, 'incident');
    await scrollTo(page, tr.incident.postmortem.title);
    await shoot(page, language, 'incident-postmortem');
  }

  await page.goto(`${url}/#/incidents/escalation`);
  await page.getByRole('list', { name: tr.escalation.listLabel }).waitFor();
  await shoot(page, language, 'escalation');

  await page.goto(`${url}/#/notifications`);
  await page.getByRole('table').waitFor();
  await shoot(page, language, 'notifications');
  await page
    .getByRole('button', { name: tr.notifications.rules.editNamed.replace('{{name}}', 'On-call team') })
    .click();
  await page.getByRole('dialog').waitFor();
  await shoot(page, language, 'notifications-rule');
  await page.keyboard.press('Escape');
  await page
    .getByRole('button', {
      name: tr.notifications.test.sendNamed.replace('{{channel}}', tr.notifications.channels.desktop),
    })
    .click();
  await page.getByText(tr.notifications.test.ok).first().waitFor();
  await scrollTo(page, tr.notifications.quiet.title);
  await shoot(page, language, 'notifications-settings');

  // the test notification's toast would cover the log lines
  for (const dismiss of await page.getByRole('button', { name: tr.common.dismiss }).all())
    await dismiss.click();
  await page.goto(`${url}/#/logs`);
  const lines = page.getByRole('list', { name: tr.logs.listLabel });
  await lines.waitFor();
  await lines.locator('button[aria-expanded]').nth(1).click();
  await shoot(page, language, 'logs');
  await page.getByRole('tab', { name: tr.logs.tabs.errors }).click();
  await page.waitForTimeout(800);
  await shoot(page, language, 'logs-errors');
}

/** A label like "Restore the backup from {{time}}" as a pattern that matches any time. */
function namedPattern(template, placeholder) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${template.split(placeholder).map(escape).join('.*')}$`);
}

/** The installation's backups, an organisation's data export and its import elsewhere. */
async function backupScreens(page, url, language, dataDir) {
  const tr = strings[language];
  const restoreNamed = namedPattern(tr.backups.restore.named, '{{time}}');
  await page.goto(`${url}/#/backups`);
  await page.getByRole('table', { name: tr.backups.tableLabel }).waitFor();
  // an answer held back for a moment, so the progress of "Back up now" shows
  await page.route('**/api/call/backups.create', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue().catch(() => {});
  });
  await page.getByRole('button', { name: tr.backups.now.button }).first().click();
  await page.getByRole('region', { name: tr.backups.progressLabel }).waitFor();
  await shoot(page, language, 'backups-progress');
  await page.getByRole('button', { name: tr.backups.now.button }).first().waitFor({ timeout: 30_000 });
  await page.unroute('**/api/call/backups.create');
  for (const dismiss of await page.getByRole('button', { name: tr.common.dismiss }).all())
    await dismiss.click();
  await shoot(page, language, 'backups');

  await page.getByRole('button', { name: restoreNamed }).first().click();
  const restore = page.getByRole('dialog');
  await restore.getByRole('textbox').fill(tr.backups.restore.confirmWord);
  await shoot(page, language, 'backups-restore');
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: tr.backups.tabs.settings }).click();
  const retention = page.getByRole('heading', { name: tr.backups.settings.retention.title, exact: true });
  await retention.waitFor();
  await retention.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.getByLabel(tr.backups.settings.retention.fields.keepLast, { exact: true }).fill('1');
  await page.getByLabel(tr.backups.settings.retention.fields.daily, { exact: true }).fill('0');
  await page.getByLabel(tr.backups.settings.retention.fields.weekly, { exact: true }).fill('0');
  await page.getByLabel(tr.backups.settings.retention.fields.monthly, { exact: true }).fill('0');
  await page.getByRole('list', { name: tr.backups.settings.retention.deleteListLabel }).waitFor();
  await shoot(page, language, 'backups-retention');
  await page.getByRole('button', { name: tr.backups.settings.undo }).click();
  const encryption = page.getByRole('heading', { name: tr.backups.settings.encryption.title, exact: true });
  await encryption.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.getByRole('switch', { name: tr.backups.settings.encryption.enabled }).click();
  await shoot(page, language, 'backups-encryption');
  await page.getByRole('button', { name: tr.backups.settings.undo }).click();

  // the backup folder's disk went away
  const { settings } = await call(page, 'backups.settings', {});
  const gone = join(dataDir, `usb-disk-${language}`);
  mkdirSync(gone);
  await call(page, 'backups.saveSettings', { ...settings, folder: gone });
  rmSync(gone, { recursive: true });
  await page.goto(`${url}/#/`);
  await page.goto(`${url}/#/backups`);
  await page.getByRole('button', { name: tr.backups.folder.change }).waitFor();
  await shoot(page, language, 'backups-folder-missing');
  await call(page, 'backups.saveSettings', settings);

  await page.goto(`${url}/#/export`);
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: tr.dataExport.start }).click();
  const download = await saved;
  const file = join(dataDir, `${language}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  await page.getByRole('button', { name: tr.dataExport.done.saveAgain }).waitFor();
  await shoot(page, language, 'export');

  await page.goto(`${url}/#/organisations`);
  await page.getByRole('table').waitFor();
  await page.getByRole('button', { name: tr.organisations.import.button }).click();
  const dialog = page.getByRole('dialog');
  const broken = join(dataDir, 'not-an-export.mftenant');
  writeFileSync(broken, 'this is not an export file');
  await dialog.getByLabel(tr.organisations.import.file).setInputFiles(broken);
  expectedStatuses.add(400);
  await dialog.getByRole('button', { name: tr.organisations.import.submit }).click();
  await dialog.getByRole('alert').waitFor();
  expectedStatuses.delete(400);
  await shoot(page, language, 'organisations-import-refused');
  await dialog.getByLabel(tr.organisations.import.file).setInputFiles(file);
  const name = { en: 'Fjordline Archive', nl: 'Fjordline Archief', nb: 'Fjordline Arkiv' }[language];
  await dialog.getByLabel(tr.organisations.import.name).fill(name);
  await dialog.getByRole('button', { name: tr.organisations.import.submit }).click();
  await dialog
    .getByRole('button', { name: tr.organisations.import.open.replace('{{name}}', name) })
    .waitFor({ timeout: 30_000 });
  await shoot(page, language, 'organisations-import');
  await page.keyboard.press('Escape');
}

/**
 * The security centre, API keys (list, rotate with a grace period, the copy-once secret), the
 * account's two-step sign-in (off, then the set-up step) and an admin's view of a member's sessions.
 */
async function securityScreens(page, url, language) {
  const tr = strings[language];
  await page.goto(`${url}/#/security`);
  await page.getByRole('heading', { level: 1, name: tr.security.title }).waitFor();
  await page.getByRole('table', { name: tr.security.sessions.title }).waitFor();
  await shoot(page, language, 'security');

  const keyName = { en: 'CRM sync', nl: 'CRM-koppeling', nb: 'CRM-synkronisering' }[language];
  await call(page, 'apiKeys.create', {
    name: keyName,
    scopes: ['agents:run', 'runs:read'],
    expiresInDays: 90,
  });
  await page.goto(`${url}/#/api-keys`);
  await page.getByRole('table', { name: tr.apiKeys.tableLabel }).waitFor();
  await shoot(page, language, 'api-keys');
  await page.getByRole('button', { name: tr.apiKeys.rotateLabel.replace('{{name}}', keyName) }).click();
  await page.getByRole('dialog').getByRole('combobox').waitFor();
  await shoot(page, language, 'api-keys-rotate');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: tr.apiKeys.create, exact: true }).first().click();
  const form = page.getByRole('dialog');
  await form
    .locator('input')
    .first()
    .fill({ en: 'Website chat', nl: 'Websitechat', nb: 'Nettstedchat' }[language]);
  await form.getByRole('checkbox').first().check();
  await form.locator('button[type=submit]').click();
  await page.getByRole('dialog').getByText(tr.apiKeys.secret.once).waitFor();
  await shoot(page, language, 'api-keys-secret');
  await page.getByRole('dialog').getByRole('button', { name: tr.apiKeys.secret.done }).click();

  await page.goto(`${url}/#/account`);
  await page.getByRole('button', { name: tr.twoFactor.enable.button }).waitFor();
  await shoot(page, language, 'account-2fa-off');
  await page.getByRole('button', { name: tr.twoFactor.enable.button }).click();
  await page.getByRole('img', { name: tr.twoFactor.enable.qrAlt }).waitFor();
  await shoot(page, language, 'account-2fa-setup');
  await page.getByRole('button', { name: tr.common.cancel, exact: true }).click();

  await page.goto(`${url}/#/team`);
  await page.getByRole('table').waitFor();
  await shoot(page, language, 'team-admin');
  await page
    .getByRole('button', { name: tr.team.sessions.buttonNamed.replace('{{name}}', members[0].name) })
    .click();
  await page.getByRole('dialog').getByRole('listitem').first().waitFor();
  await shoot(page, language, 'team-sessions');
  await page.getByRole('dialog').getByRole('listitem').first().getByRole('button').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: tr.team.sessions.revoke, exact: true })
    .waitFor();
  await shoot(page, language, 'team-sessions-confirm');
  await page.keyboard.press('Escape');

  // the audit log names what just happened: keys created, two-step set-up started
  await page.goto(`${url}/#/audit`);
  await page.getByRole('table').waitFor();
  await shoot(page, language, 'audit-security');
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-screens-'));
  const { url, child } = await startServed(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await newWindow(browser);
    await page.goto(url);
    await page.locator('input').first().waitFor();
    for (const language of languages) {
      await chooseLanguage(page, language);
      const inputs = page.locator('form input');
      const values = [owner.org, owner.name, owner.email, owner.password, owner.password];
      for (let i = 0; i < values.length; i++) await inputs.nth(i).fill(values[i]);
      await shoot(page, language, 'setup');
    }
    await page.locator('form button[type=submit]').click();
    await page.getByRole('img', { name: /\d+/ }).waitFor();

    const invites = [];
    for (const member of members) {
      const { inviteToken } = await call(page, 'users.invite', {
        email: member.email,
        name: member.name,
        role: member.role,
      });
      invites.push({ ...member, link: `${url}/#/invite/${inviteToken}` });
    }
    for (const member of invites.filter((m) => m.accept)) {
      const guest = await newWindow(browser);
      await guest.goto(member.link);
      await guest.locator('input[type=password]').fill(memberPassword);
      await guest.locator('form button[type=submit]').click();
      await guest.getByRole('img', { name: /\d+/ }).waitFor();
      await guest.context().close();
    }
    await call(page, 'tenants.create', { name: 'Nordlys Studio', plan: 'pro' });
    await call(page, 'tenants.create', { name: 'Harbour & Co', plan: 'enterprise' });
    const pendingInvite = invites.find((m) => !m.accept);

    const viewer = await newWindow(browser);
    await viewer.goto(url);
    await viewer.locator('input[type=email]').fill(members[0].email);
    await viewer.locator('input[type=password]').fill(memberPassword);
    await viewer.locator('form button[type=submit]').click();
    await viewer.getByRole('img', { name: /\d+/ }).waitFor();

    const agents = only ? null : await seedAgents(page);
    const guardian = only ? null : await seedGuardian(page);

    for (const language of languages) {
      console.log(language);
      const tr = strings[language];
      if (only === 'backups') {
        await page.goto(`${url}/#/`);
        await chooseLanguage(page, language);
        await backupScreens(page, url, language, dataDir);
        continue;
      }
      if (only === 'security') {
        await page.goto(`${url}/#/`);
        await chooseLanguage(page, language);
        await securityScreens(page, url, language);
        continue;
      }
      const visitor = await newWindow(browser);
      await visitor.goto(url);
      await visitor.locator('input[type=email]').waitFor();
      await chooseLanguage(visitor, language);
      await shoot(visitor, language, 'login');
      await visitor.goto(pendingInvite.link);
      await visitor.locator('input[type=password]').waitFor();
      await visitor.locator('input').first().fill(pendingInvite.name);
      await shoot(visitor, language, 'accept-invite');
      await visitor.context().close();

      await page.goto(`${url}/#/`);
      await chooseLanguage(page, language);
      await page.getByRole('img', { name: /\d+/ }).waitFor();
      await page.waitForTimeout(800);
      await shoot(page, language, 'dashboard');

      await page.goto(`${url}/#/team`);
      await page.getByRole('table').waitFor();
      await shoot(page, language, 'team');
      await page.getByRole('button', { name: tr.team.inviteButton, exact: true }).click();
      const dialog = page.getByRole('dialog');
      const newcomer = `henrik.${language}@fjordline.test`;
      await dialog.locator('input').nth(0).fill(newcomer);
      await dialog.locator('input').nth(1).fill('Henrik Aas');
      await dialog.locator('select').selectOption('operator');
      await shoot(page, language, 'team-invite');
      await dialog.locator('button[type=submit]').click();
      await dialog.locator('#invite-link').waitFor();
      await shoot(page, language, 'team-invite-link');
      await page.keyboard.press('Escape');
      await call(page, 'users.disable', {
        userId: (await call(page, 'users.list', {})).members.find((m) => m.email === newcomer).userId,
        disabled: true,
      });

      await page.goto(`${url}/#/audit`);
      await page.getByRole('table').waitFor();
      await page.getByRole('button', { name: tr.audit.verify.button }).click();
      await page.getByRole('status').filter({ hasText: /—/ }).waitFor();
      await shoot(page, language, 'audit');

      await page.goto(`${url}/#/organisations`);
      await page.getByRole('table').waitFor();
      await shoot(page, language, 'organisations');

      await viewer.goto(`${url}/#/team`);
      await chooseLanguage(viewer, language);
      await viewer.getByRole('table').waitFor();
      await shoot(viewer, language, 'team-readonly');
      await viewer.goto(`${url}/#/audit`);
      await viewer.getByRole('heading', { level: 1 }).waitFor();
      await shoot(viewer, language, 'audit-needs-admin');

      await agentScreens(page, url, language, agents[language]);
      await guardianScreens(page, url, language, guardian);
      await backupScreens(page, url, language, dataDir);
      await securityScreens(page, url, language);
    }
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    console.error(`browser console problems:\n${problems.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`no console errors or warnings; screenshots in ${outDir}`);
  }
}

await main();
