// Screenshots of every screen in every language, for review: artifacts/screenshots/<lang>-<screen>.png
//   node scripts/build.mjs && node scripts/screenshots.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

async function newWindow(browser) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('console', (message) => {
    // a signed-out window's `auth.me` is answered 401 by design; Chromium logs every 4xx answer
    if (/status of 401/.test(message.text())) return;
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

    for (const language of languages) {
      console.log(language);
      const tr = strings[language];
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
