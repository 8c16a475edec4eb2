import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  call,
  heading,
  languages,
  ownerOf,
  setUpOwner,
  tr,
  trPattern,
  useServedApp,
  watchProblems,
  type Language,
} from './helpers';

// WCAG 2.2 AA with axe-core: every page of the app and its main dialogs, with realistic data, in
// English, Dutch and Norwegian; any serious or critical violation fails, named by language, screen,
// rule and element. One browser context and one signed-in session for the whole tour.

const app = useServedApp();

const owner = ownerOf('Harbour Bakery', 'olivia@harbour.test');

/** The browser objects the page functions below use (the e2e type-check has no DOM library). */
interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  labels?: ArrayLike<{ textContent: string | null }> | null;
}
interface PageGlobals {
  document: {
    activeElement: PageElement | null;
    getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[];
  };
  location: { hash: string };
  sessionStorage: { clear(): void };
}

interface Finding {
  language: Language;
  screen: string;
  rule: string;
  impact: string;
  target: string;
  summary: string;
}

/** Waits until nothing on the page still animates (dialogs fade in), apart from endless spinners. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as PageGlobals).document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity,
      ),
  );
}

/** Waits for a heading and for the loading states to end. */
async function ready(page: Page, within: Locator): Promise<void> {
  await expect(within.getByRole('heading').first()).toBeVisible();
  await expect(within.locator('[role="status"] .animate-spin:visible')).toHaveCount(0, { timeout: 15_000 });
  await settled(page);
}

/** Every serious or critical axe violation of what the page shows now (or of one part of it). */
async function scan(page: Page, within?: string): Promise<Omit<Finding, 'language' | 'screen'>[]> {
  // details only for violations: building selectors for every passing element is what makes axe slow
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  const results = await (within ? builder.include(within) : builder).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => ({
        rule: violation.id,
        impact: violation.impact!,
        target: node.target.join(' '),
        summary: node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? '',
      })),
    );
}

/** Chooses a language with the language switcher the page shows. */
async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page
    .getByRole('group', {
      name: new RegExp(`^(${languages.map((l) => tr(l, 'language.label')).join('|')})$`),
    })
    .locator(`button[lang="${language}"]`)
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => {
    (globalThis as unknown as PageGlobals).location.hash = to;
  }, hash);
}

/** What has the keyboard focus: a language button by its language, anything else by its text or label. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as PageGlobals).document.activeElement;
    if (!element) return '';
    return (
      element.getAttribute('lang') ??
      element.labels?.[0]?.textContent?.trim() ??
      element.getAttribute('aria-label') ??
      element.textContent?.trim() ??
      ''
    );
  });
}

test('every screen and main dialog passes axe (no serious or critical violation) in English, Dutch and Norwegian', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const findings: Finding[] = [];
  const problems: string[] = [];
  const screens = new Map<Language, number>();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  watchProblems(page, problems);

  const check = async (language: Language, screen: string, within?: string) => {
    for (const finding of await scan(page, within)) findings.push({ language, screen, ...finding });
    screens.set(language, (screens.get(language) ?? 0) + 1);
  };

  await test.step('first run: the set-up page, in each language', async () => {
    await page.goto(app.url);
    await expect(heading(page, 'Set up Mindframe')).toBeVisible();
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expect(heading(page, tr(language, 'setup.title'))).toBeVisible();
      await settled(page);
      await check(language, 'set-up');
    }
    await chooseLanguage(page, 'en');
    await setUpOwner(page, owner);
  });

  // realistic data: an agent from the marketplace with a deployed flow and a run, a backup, an open
  // incident and a resolved one with its post-mortem, an invited member, an API key, a document
  const data = await test.step('data for every screen', async () => {
    const { matches } = await call<{ matches: { template: { id: string } }[] }>(page, 'templates.match', {
      need: 'I run a bike shop and want to answer questions about repairs and book appointments',
      language: 'en',
    });
    const agent = await call<{ id: string; name: string }>(page, 'agents.create', {
      templateId: matches[0]!.template.id,
      language: 'en',
    });
    await call(page, 'agents.deploy', { agentId: agent.id });
    const run = await call<{ id: string }>(page, 'agents.run', {
      agentId: agent.id,
      input: { message: 'How much does it cost to repair a flat tyre?' },
      wait: true,
    });
    // a customer's conversation through the website chat's public API (from the door's own origin)
    const channel = await call<{ publicId: string }>(page, 'channels.save', {
      agentId: agent.id,
      kind: 'web',
      name: 'Website chat',
      allowedOrigins: [],
    });
    const conversation = await page.evaluate(async (publicId) => {
      const answer = await globalThis.fetch(`/api/public/channels/${publicId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'When are you open on Saturday?' }),
        credentials: 'omit',
      });
      return (await answer.json()) as { conversationId: string };
    }, channel.publicId);
    await call(page, 'backups.create', {});
    // costs shown in kroner, converted from US dollars, with the note that says so
    await call(page, 'tenants.setMoney', { currency: 'NOK', usdRate: 10.85 });
    const incident = await call<{ id: string }>(page, 'incidents.create', {
      title: 'Card payments fail at the till',
      description: 'Customers cannot pay by card since this morning.',
      severity: 'SEV2',
    });
    const resolved = await call<{ id: string }>(page, 'incidents.create', {
      title: 'Opening hours wrong on the website',
      description: 'The agent gave last year’s holiday hours.',
      severity: 'SEV3',
    });
    for (const status of ['acknowledged', 'mitigated', 'resolved'])
      await call(page, 'incidents.update', { incidentId: resolved.id, status });
    await call(page, 'incidents.postmortem', {
      incidentId: resolved.id,
      postmortem: {
        summary: 'The knowledge base still held the holiday hours of last year.',
        impact: 'Some customers came on a closed day.',
        rootCause: 'No one owned the opening-hours document.',
        actions: ['Give the document an owner', 'Review it before every holiday'],
      },
    });
    const invitation = await call<{ inviteToken: string }>(page, 'users.invite', {
      email: 'sam@harbour.test',
      name: 'Sam Baker',
      role: 'operator',
    });
    await call(page, 'apiKeys.create', { name: 'Till integration', scopes: ['agents:run', 'runs:read'] });
    await call(page, 'knowledge.add', {
      title: 'Opening hours',
      body: 'We are open from 7 to 18 on weekdays and from 8 to 14 on Saturdays.',
    });
    return { agent, run, incident, resolved, invitation, conversation };
  });

  // every page of the router (renderer/src/router/routes.ts), with the ones that show one record
  const pages: [screen: string, hash: string][] = [
    ['dashboard', '#/'],
    ['onboarding wizard', '#/welcome'],
    ['onboarding: channel', '#/welcome?step=channel'],
    ['onboarding: backups', '#/welcome?step=backups'],
    ['inbox', '#/inbox'],
    ['guardian', '#/guardian'],
    ['incidents', '#/incidents'],
    ['escalation', '#/incidents/escalation'],
    ['open incident', `#/incidents/${data.incident.id}`],
    ['resolved incident with post-mortem', `#/incidents/${data.resolved.id}`],
    ['marketplace', '#/marketplace'],
    ['agents', '#/agents'],
    ['conversations', '#/conversations'],
    ['conversations of an agent', `#/conversations?agent=${data.agent.id}`],
    ['conversation', `#/conversations/${data.conversation.conversationId}`],
    ['runs', '#/runs'],
    ['runs of an agent', `#/runs?agent=${data.agent.id}`],
    ['costs', '#/runs/costs'],
    ['run', `#/runs/${data.run.id}`],
    ['knowledge', '#/knowledge'],
    ['providers', '#/providers'],
    ['team', '#/team'],
    ['business settings', '#/business'],
    ['audit', '#/audit'],
    ['security', '#/security'],
    ['logs', '#/logs'],
    ['notifications', '#/notifications'],
    ['api keys', '#/api-keys'],
    ['data export', '#/export'],
    ['backups', '#/backups'],
    ['organisations', '#/organisations'],
    ['plan and billing', '#/billing'],
    ['after checkout: success', '#/billing/success'],
    ['after checkout: cancelled', '#/billing/cancelled'],
    ['platform billing', '#/platform/billing'],
    ['brand', '#/platform/brand'],
    ['unit economics', '#/platform/economics'],
    ['insight: usage', '#/insight'],
    ['insight: conversations', '#/insight/conversations'],
    ['insight: funnels', '#/insight/funnels'],
    ['insight: retention', '#/insight/retention'],
    ['insight: marketing', '#/insight/marketing'],
    ['insight: quality', '#/insight/quality'],
    ['insight: reports', '#/insight/reports'],
    ['account', '#/account'],
    ['help center', '#/help'],
    ['help: troubleshooting', '#/help/troubleshooting?a=check-disk'],
    ['help: About with licences', '#/help/about'],
    ['not found', '#/no-such-page'],
  ];

  /** Opens a dialog with a button of a page and waits for it. */
  const openDialog = async (hash: string, opener: Locator) => {
    await go(page, hash);
    await ready(page, page.getByRole('main'));
    await opener.first().click();
    const dialog = page.getByRole('dialog');
    await ready(page, dialog);
    return dialog;
  };
  const closeDialog = async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
  };
  /** Opens a dialog, scans it, and closes it again. */
  const dialog = async (language: Language, screen: string, hash: string, opener: Locator) => {
    await openDialog(hash, opener);
    await check(language, screen, '[role="dialog"]');
    await closeDialog();
  };

  for (const language of languages) {
    await test.step(`signed in, ${language}: every page`, async () => {
      await go(page, '#/');
      await chooseLanguage(page, language);
      for (const [screen, hash] of pages) {
        await go(page, hash);
        await ready(page, page.getByRole('main'));
        await check(language, screen);
      }
    });

    await test.step(`signed in, ${language}: the assistant's panel with an answer`, async () => {
      await go(page, '#/');
      await page.getByRole('button', { name: tr(language, 'assistant.open') }).click();
      const panel = page.getByRole('dialog', { name: tr(language, 'assistant.title') });
      await panel.getByRole('button', { name: tr(language, 'assistant.newConversation') }).click();
      await settled(page);
      await check(language, 'assistant: suggestions', '#assistant-panel');
      await panel.getByRole('button', { name: tr(language, 'assistant.suggestions.incidents') }).click();
      await expect(panel.getByTestId('assistant-reply')).toBeVisible({ timeout: 30_000 });
      await settled(page);
      await check(language, 'assistant: an answer', '#assistant-panel');
      await page.keyboard.press('Escape');
      await expect(panel).toBeHidden();
    });

    await test.step(`signed in, ${language}: the designer, its side panel and test chat`, async () => {
      await go(page, `#/agents/${data.agent.id}`);
      await expect(heading(page, data.agent.name)).toBeVisible();
      const steps = page.getByRole('application').getByRole('group');
      await expect(steps.first()).toBeVisible();
      await ready(page, page.getByRole('main'));
      await check(language, 'designer');
      const details = page.getByRole('complementary', { name: tr(language, 'designer.sidePanel') });
      await steps.first().click();
      await settled(page);
      await check(language, 'designer: properties', 'main aside');
      for (const tab of ['problems', 'versions'] as const) {
        await details.getByRole('tab', { name: tr(language, `designer.tabs.${tab}`) }).click();
        await settled(page);
        await check(language, `designer: ${tab}`, 'main aside');
      }
      await details.getByRole('tab', { name: tr(language, 'designer.tabs.chat') }).click();
      await details
        .getByLabel(tr(language, 'designer.chat.inputLabel'))
        .fill('Can you fix a flat tyre today?');
      await details.getByRole('button', { name: tr(language, 'designer.chat.send'), exact: true }).click();
      await expect(details.getByRole('link', { name: tr(language, 'designer.chat.openRun') })).toBeVisible({
        timeout: 30_000,
      });
      await settled(page);
      // the whole page: the steps on the canvas show how the test run went
      await check(language, 'designer: test chat');
      await page.getByRole('button', { name: tr(language, 'designer.actions.deploy'), exact: true }).click();
      await ready(page, page.getByRole('dialog'));
      await check(language, 'designer: deploy dialog', '[role="dialog"]');
      await closeDialog();
    });

    await test.step(`signed in, ${language}: the main dialogs`, async () => {
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      await dialog(language, 'new blank agent dialog', '#/agents', button(tr(language, 'agents.newBlank')));
      await dialog(
        language,
        'template dialog',
        '#/marketplace',
        page.getByRole('list', { name: tr(language, 'marketplace.listLabel') }).getByRole('button'),
      );
      await dialog(
        language,
        'restore backup dialog',
        '#/backups',
        page.getByRole('button', { name: trPattern(language, 'backups.restore.named') }),
      );
      await dialog(language, 'new incident dialog', '#/incidents', button(tr(language, 'incidents.new')));
      await dialog(
        language,
        'new scheduled report dialog',
        '#/insight/reports',
        button(tr(language, 'insight.reports.new')),
      );
      await dialog(
        language,
        'PDF dialog',
        '#/insight/conversations',
        button(tr(language, 'insight.pdfButton.title')),
      );
      await dialog(language, 'add document dialog', '#/knowledge', button(tr(language, 'knowledge.add')));
      await dialog(language, 'import dialog', '#/knowledge', button(tr(language, 'knowledge.import.open')));
      // the command palette, open with its recent items, actions and pages (Ctrl/⌘K, '/', the header's field)
      await dialog(language, 'command palette', '#/', button(tr(language, 'search.open')));
      await dialog(
        language,
        'edit document dialog',
        '#/knowledge',
        page.getByRole('button', { name: trPattern(language, 'knowledge.editNamed') }).first(),
      );
      await dialog(language, 'add provider dialog', '#/providers', button(tr(language, 'providers.add')));
      await dialog(
        language,
        'add cost dialog (unit economics)',
        '#/platform/economics',
        button(tr(language, 'insight.economics.costs.add')),
      );
      await dialog(
        language,
        'publish panel',
        `#/agents/${data.agent.id}`,
        button(tr(language, 'agents.publish.button')),
      );
      await dialog(
        language,
        'new organisation dialog',
        '#/organisations',
        button(tr(language, 'organisations.createButton')),
      );

      // invite a member: the form, then the invitation link shown once
      const invite = await openDialog('#/team', button(tr(language, 'team.inviteButton')));
      await check(language, 'invite member dialog', '[role="dialog"]');
      await invite.getByLabel(tr(language, 'fields.email')).fill(`kim.${language}@harbour.test`);
      await invite.getByRole('button', { name: tr(language, 'team.invite.submit') }).click();
      await expect(invite.getByRole('textbox', { name: tr(language, 'fields.email') })).toBeHidden();
      await settled(page);
      await check(language, 'invite member dialog: the link', '[role="dialog"]');
      await closeDialog();

      // a member's row menu, and removing them from the organisation (asks first)
      await page
        .getByRole('button', { name: trPattern(language, 'team.moreNamed') })
        .first()
        .click();
      await expect(page.getByRole('menu')).toBeVisible();
      await settled(page);
      await check(language, 'member menu', '[role="menu"]');
      await page.getByRole('menuitem', { name: tr(language, 'team.remove.menu') }).click();
      await ready(page, page.getByRole('dialog'));
      await check(language, 'remove member dialog', '[role="dialog"]');
      await closeDialog();

      // an organisation's row menu: rename
      await go(page, '#/organisations');
      await ready(page, page.getByRole('main'));
      await page
        .getByRole('button', { name: trPattern(language, 'organisations.moreNamed') })
        .first()
        .click();
      await page.getByRole('menuitem', { name: tr(language, 'organisations.rename.menu') }).click();
      await ready(page, page.getByRole('dialog'));
      await check(language, 'rename organisation dialog', '[role="dialog"]');
      await closeDialog();

      // create an API key: the form, then the key shown once
      const create = await openDialog('#/api-keys', button(tr(language, 'apiKeys.create')));
      await check(language, 'create API key dialog', '[role="dialog"]');
      await create.getByLabel(tr(language, 'apiKeys.form.name')).fill(`Website (${language})`);
      await create.getByRole('checkbox').first().check();
      await create.getByRole('button', { name: tr(language, 'apiKeys.create'), exact: true }).click();
      await expect(
        page.getByRole('dialog', { name: trPattern(language, 'apiKeys.secret.title') }),
      ).toBeVisible();
      await settled(page);
      await check(language, 'create API key dialog: the key', '[role="dialog"]');
      await closeDialog();
    });
  }

  await test.step('the shell: the organisation, then the language switcher, then the account menu', async () => {
    await go(page, '#/');
    await chooseLanguage(page, 'en');
    await expect(heading(page, 'Dashboard')).toBeVisible();
    await page.getByRole('banner').getByRole('button').first().focus();
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
    }
    // the search field, the language switcher, the assistant and help, then the account menu
    expect(order[0]).toMatch(/Search/);
    expect(order.slice(1, 4)).toEqual(['en', 'nl', 'nb']);
    expect(order.slice(4).some((name) => name.includes(owner.name))).toBe(true);
  });

  await test.step('signed out: the sign-in and invitation pages in each language', async () => {
    await context.clearCookies();
    await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.clear());
    await page.reload();
    await expect(heading(page, 'Sign in')).toBeVisible();
    // the language switcher stands first on the sign-in page, and is first in the Tab order
    await page.mouse.click(2, 2);
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
    }
    expect(order).toEqual(['en', 'nl', 'nb', tr('en', 'fields.email')]);
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expect(heading(page, tr(language, 'login.title'))).toBeVisible();
      await settled(page);
      await check(language, 'sign-in');
    }
    await go(page, `#/invite/${data.invitation.inviteToken}`);
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expect(heading(page, tr(language, 'invite.title'))).toBeVisible();
      await ready(page, page.getByRole('main'));
      await check(language, 'accept invitation');
    }
    // forgot password (this installation sends no e-mail: it says to ask an administrator) and a reset link
    await go(page, '#/forgot');
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expect(heading(page, tr(language, 'forgot.title'))).toBeVisible();
      await ready(page, page.getByRole('main'));
      await check(language, 'forgot password');
    }
    await go(page, `#/reset/${'x'.repeat(43)}`);
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expect(heading(page, tr(language, 'reset.title'))).toBeVisible();
      await ready(page, page.getByRole('main'));
      await check(language, 'reset password');
    }
  });

  await context.close();

  for (const language of languages) {
    const count = findings.filter((finding) => finding.language === language).length;
    console.log(
      `axe, ${language}: ${screens.get(language) ?? 0} screens, ${count} serious or critical violations`,
    );
  }
  const lines = findings.map(
    (finding) =>
      `[${finding.language}] ${finding.screen}: ${finding.rule} (${finding.impact}) ${finding.target} — ${finding.summary}`,
  );
  if (lines.length > 0) console.log(lines.join('\n'));
  expect(lines).toEqual([]);
  expect(problems).toEqual([]);
});
