import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, Notification } from '../../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { allowLocal } from '../testing/outbound';
import { twoTenants } from '../testing/tenants-fixture';
import { startHookReceiver, startSmtp, type HookReceiver, type SmtpReceiver } from './testing/receivers';
import { defaultRule } from './notify-settings';

let h: Harness;
let smtp: SmtpReceiver | null = null;
let hooks: HookReceiver | null = null;

afterEach(async () => {
  await smtp?.close();
  await hooks?.close();
  smtp = null;
  hooks = null;
  h?.close();
});

const smtpPassword = 'handler-smtp-pa55word-secret';
const hookSecret = 'handler-webhook-signing-secret';
/** Every organisation starts with the default rule (hand-offs and SLA breaches → desktop). */
const byDefault = expect.objectContaining({
  name: defaultRule.name,
  events: defaultRule.events,
  desktop: true,
  emails: [],
  webhookUrl: null,
  enabled: true,
});

function listen(signedIn: SignedIn): Notification[] {
  const received: Notification[] = [];
  h.core.events.subscribe(signedIn.token, (name: EventName, payload: unknown) => {
    if (name === 'notification') received.push(payload as Notification);
  });
  return received;
}

async function configureSmtp(owner: SignedIn) {
  smtp = await startSmtp({ user: 'mailer', password: smtpPassword });
  await allowLocal(h.core, owner, `127.0.0.1:${smtp.port}`);
  return expectOk(
    h.core,
    'notify.saveSmtp',
    { host: '127.0.0.1', port: smtp.port, user: 'mailer', password: smtpPassword, from: 'alerts@acme.test' },
    owner.call,
  );
}

describe('notify handlers', () => {
  it('answers defaults for a new tenant', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    expect(await expectOk(h.core, 'notify.rules', {}, owner.call)).toEqual({
      rules: [byDefault],
      quietHours: { enabled: false, start: '22:00', end: '07:00', timezone: 'UTC' },
      smtp: null,
    });
  });

  it('saves rules, quiet hours and SMTP, and never answers, audits or stores a secret in the database', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const saved = await configureSmtp(owner);
    expect(saved).toEqual({
      host: '127.0.0.1',
      port: smtp!.port,
      secure: false,
      user: 'mailer',
      hasPassword: true,
      from: 'alerts@acme.test',
    });
    const rule = await expectOk(
      h.core,
      'notify.saveRule',
      {
        name: 'Ops',
        events: ['incident.opened', 'health.critical'],
        minSeverity: 'SEV2',
        emails: ['OPS@acme.test'],
        webhookUrl: 'https://hooks.acme.test/services/T1/B2/token',
        webhookSecret: hookSecret,
      },
      owner.call,
    );
    expect(rule).toMatchObject({
      name: 'Ops',
      events: ['incident.opened', 'health.critical'],
      minSeverity: 'SEV2',
      desktop: true,
      emails: ['ops@acme.test'],
      webhookUrl: 'https://hooks.acme.test/services/T1/B2/token',
      webhookSigned: true,
      enabled: true,
    });
    await expectOk(
      h.core,
      'notify.saveQuietHours',
      { enabled: true, start: '23:00', end: '06:30', timezone: 'Europe/Amsterdam' },
      owner.call,
    );

    const overview = await expectOk(h.core, 'notify.rules', {}, owner.call);
    expect(overview.rules).toEqual([byDefault, rule]);
    expect(overview.quietHours).toEqual({
      enabled: true,
      start: '23:00',
      end: '06:30',
      timezone: 'Europe/Amsterdam',
    });
    expect(overview.smtp).toMatchObject({ hasPassword: true, user: 'mailer' });

    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    const actions = audit.entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['notify.saveSmtp', 'notify.createRule', 'notify.saveQuietHours']),
    );
    const createEntry = audit.entries.find((e) => e.action === 'notify.createRule')!;
    expect(createEntry.targetId).toBe(rule.id);
    // the webhook's path carries a chat service's token: the audit keeps only its host
    expect(createEntry.details.webhook).toBe('https://hooks.acme.test/…');

    for (const text of [JSON.stringify(overview), JSON.stringify(audit)]) {
      expect(text).not.toContain(smtpPassword);
      expect(text).not.toContain(hookSecret);
    }
    expect(JSON.stringify(audit)).not.toContain('/services/T1/B2/token');
    const files = [h.core.databaseFile, `${h.core.databaseFile}-wal`].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(smtpPassword)), file).toBe(false);
      expect(bytes.includes(Buffer.from(hookSecret)), file).toBe(false);
    }

    // changing a rule and removing it
    const updated = await expectOk(
      h.core,
      'notify.saveRule',
      {
        id: rule.id,
        name: 'Ops renamed',
        events: ['incident.resolved'],
        desktop: false,
        emails: ['a@acme.test'],
      },
      owner.call,
    );
    expect(updated).toMatchObject({
      id: rule.id,
      name: 'Ops renamed',
      webhookUrl: null,
      webhookSigned: false,
    });
    expect(await expectOk(h.core, 'notify.deleteRule', { ruleId: rule.id }, owner.call)).toEqual({
      ok: true,
    });
    expect((await expectOk(h.core, 'notify.rules', {}, owner.call)).rules).toEqual([byDefault]);
    const again = await h.core.dispatch('notify.deleteRule', { ruleId: rule.id }, owner.call);
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers VALIDATION for a rule without a channel, a bad URL or an unknown time zone', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const noChannel = await h.core.dispatch(
      'notify.saveRule',
      { name: 'Nothing', events: ['incident.opened'], desktop: false },
      owner.call,
    );
    expect(noChannel).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'desktop' } });
    const badUrl = await h.core.dispatch(
      'notify.saveRule',
      { name: 'Bad', events: ['incident.opened'], webhookUrl: 'javascript:alert(1)' },
      owner.call,
    );
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'webhookUrl' } });
    const badZone = await h.core.dispatch(
      'notify.saveQuietHours',
      { enabled: true, start: '22:00', end: '07:00', timezone: 'Nowhere/Special' },
      owner.call,
    );
    expect(badZone).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'timezone' } });
    expect((await expectOk(h.core, 'notify.rules', {}, owner.call)).rules).toEqual([byDefault]);
  });

  it('is for admins only', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const viewer = await inviteAndAccept(h.core, owner, 'vic@acme.test', 'viewer');
    for (const [method, input] of [
      ['notify.rules', {}],
      ['notify.test', { channel: 'desktop' }],
      ['notify.saveRule', { name: 'Mine', events: ['incident.opened'] }],
    ] as const) {
      const result = await h.core.dispatch(method, input, viewer.call);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it("answers NOT_FOUND for another tenant's rule and delivers only to the tenant's own sessions", async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const ofB = await expectOk(
      h.core,
      'notify.saveRule',
      { name: 'Bakery rule', events: ['incident.opened'] },
      t.bob.call,
    );
    for (const [method, input] of [
      ['notify.saveRule', { id: ofB.id, name: 'Taken over', events: ['incident.opened'] }],
      ['notify.deleteRule', { ruleId: ofB.id }],
      ['notify.test', { channel: 'webhook', ruleId: ofB.id }],
      ['notify.test', { channel: 'email', ruleId: ofB.id }],
    ] as const) {
      const result = await h.core.dispatch(method, input, t.alice.call);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect((await expectOk(h.core, 'notify.rules', {}, t.bob.call)).rules).toEqual([byDefault, ofB]);
    expect((await expectOk(h.core, 'notify.rules', {}, t.alice.call)).rules).toEqual([byDefault]);

    const alices = listen(t.alice);
    const bobs = listen(t.bob);
    expect(await expectOk(h.core, 'notify.test', { channel: 'desktop' }, t.alice.call)).toMatchObject({
      ok: true,
    });
    expect(alices).toHaveLength(1);
    expect(alices[0]).toMatchObject({
      event: 'test',
      title: 'Test notification from Mindframe Control Center',
    });
    expect(bobs).toHaveLength(0);
  });
});

describe('notify.test', () => {
  it('e-mail: says when SMTP is missing, then sends to the given address or the rule recipients', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    expect(
      await expectOk(h.core, 'notify.test', { channel: 'email', to: 'me@acme.test' }, owner.call),
    ).toEqual({
      ok: false,
      message: { key: 'notify.test.smtp_not_configured' },
      text: 'SMTP is not configured.',
    });
    const missingTarget = await h.core.dispatch('notify.test', { channel: 'email' }, owner.call);
    expect(missingTarget).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'to' } });

    await configureSmtp(owner);
    const direct = await expectOk(
      h.core,
      'notify.test',
      { channel: 'email', to: 'Me@Acme.test' },
      owner.call,
    );
    expect(direct).toEqual({
      ok: true,
      message: { key: 'notify.test.email_sent', params: { count: 1, recipients: 'me@acme.test' } },
      text: 'A test e-mail was sent to 1 recipient: me@acme.test.',
    });
    expect(smtp!.mails).toHaveLength(1);
    expect(smtp!.mails[0]!.recipients).toEqual(['me@acme.test']);
    expect(smtp!.mails[0]!.subject).toBe('[SEV4] Test notification from Mindframe Control Center');
    expect(smtp!.mails[0]!.text).toContain('notifications reach you through this channel');

    const rule = await expectOk(
      h.core,
      'notify.saveRule',
      { name: 'Team', events: ['incident.opened'], emails: ['a@acme.test', 'b@acme.test'] },
      owner.call,
    );
    const viaRule = await expectOk(h.core, 'notify.test', { channel: 'email', ruleId: rule.id }, owner.call);
    expect(viaRule.ok).toBe(true);
    expect(smtp!.mails[1]!.recipients.sort()).toEqual(['a@acme.test', 'b@acme.test']);

    // a wrong stored password: the reason, and never the password
    await expectOk(
      h.core,
      'notify.saveSmtp',
      {
        host: '127.0.0.1',
        port: smtp!.port,
        user: 'mailer',
        password: 'not-the-right-one',
        from: 'alerts@acme.test',
      },
      owner.call,
    );
    const refused = await expectOk(
      h.core,
      'notify.test',
      { channel: 'email', to: 'me@acme.test' },
      owner.call,
    );
    expect(refused.ok).toBe(false);
    expect(refused.message).toEqual({ key: 'notify.smtp.auth' });
    expect(refused.text).toMatch(/refused the user name or password/);
    expect(JSON.stringify(refused)).not.toContain('not-the-right-one');

    const audit = await expectOk(h.core, 'audit.list', { action: 'notify.test' }, owner.call);
    expect(audit.entries.map((e) => e.details.ok)).toEqual([false, true, true, false]);
  });

  it("webhook: posts to the given URL, or to the rule's URL signed with its secret, and reports failures", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    hooks = await startHookReceiver();
    await allowLocal(h.core, owner, hooks.url);
    hooks.answer.set('/down', 500);

    const direct = await expectOk(
      h.core,
      'notify.test',
      { channel: 'webhook', to: `${hooks.url}/try` },
      owner.call,
    );
    expect(direct).toEqual({
      ok: true,
      message: { key: 'notify.test.webhook_answered', params: { status: 204 } },
      text: 'The server answered 204.',
    });
    expect(hooks.hooks[0]!.json).toMatchObject({
      event: 'test',
      severity: 'SEV4',
      tenantId: owner.me.tenant.id,
      at: h.clock.now(),
    });
    expect(hooks.hooks[0]!.headers['x-mindframe-event']).toBe('test');
    expect(hooks.hooks[0]!.headers['x-mindframe-signature']).toBeUndefined();

    const rule = await expectOk(
      h.core,
      'notify.saveRule',
      {
        name: 'Hook',
        events: ['incident.opened'],
        webhookUrl: `${hooks.url}/rule`,
        webhookSecret: hookSecret,
      },
      owner.call,
    );
    const signed = await expectOk(h.core, 'notify.test', { channel: 'webhook', ruleId: rule.id }, owner.call);
    expect(signed).toEqual({
      ok: true,
      message: { key: 'notify.test.webhook_answered_signed', params: { status: 204 } },
      text: "The server answered 204; the request was signed with the rule's secret.",
    });
    const hook = hooks.hooks[1]!;
    expect(hook.path).toBe('/rule');
    expect(hook.headers['x-mindframe-signature']).toBe(
      `sha256=${createHmac('sha256', hookSecret).update(hook.raw).digest('hex')}`,
    );

    const down = await expectOk(
      h.core,
      'notify.test',
      { channel: 'webhook', to: `${hooks.url}/down` },
      owner.call,
    );
    expect(down).toEqual({
      ok: false,
      message: { key: 'notify.webhook.answered', params: { status: 500 } },
      text: 'The server answered 500.',
    });

    const noHook = await expectOk(
      h.core,
      'notify.saveRule',
      { name: 'Desk', events: ['incident.opened'] },
      owner.call,
    );
    expect(
      await expectOk(h.core, 'notify.test', { channel: 'webhook', ruleId: noHook.id }, owner.call),
    ).toEqual({
      ok: false,
      message: { key: 'notify.test.rule_no_webhook', params: { rule: 'Desk' } },
      text: 'The rule "Desk" has no webhook URL.',
    });
  });
});

describe('notify.previewEmail', () => {
  it("renders each e-mail with sample data in the organisation's name and language, for admins only", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const organisation = owner.me.tenant.name;
    const preview = await expectOk(
      h.core,
      'notify.previewEmail',
      { template: 'handoff', language: 'nl' },
      owner.call,
    );
    expect(preview.subject).toBe('Ticket #42 heeft een mens nodig: Remreparatie deze week?');
    expect(preview.html).toMatch(/^<!doctype html>/i);
    expect(preview.html).toContain(organisation);
    expect(preview.html).toContain('Een klant heeft een mens nodig');
    expect(preview.text.startsWith(organisation)).toBe(true);
    expect(preview.text).toContain('> Hoi! Mijn achterrem piept');

    const weekly = await expectOk(
      h.core,
      'notify.previewEmail',
      { template: 'weekly_report', language: 'nb' },
      owner.call,
    );
    expect(weekly.subject).toContain(`Uken din hos ${organisation}`);

    const operator = await inviteAndAccept(h.core, owner, 'op@acme.test', 'operator');
    expect(
      await h.core.dispatch('notify.previewEmail', { template: 'welcome', language: 'en' }, operator.call),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await h.core.dispatch('notify.previewEmail', { template: 'nope', language: 'en' }, owner.call),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
