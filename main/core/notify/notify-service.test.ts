import { servicesOf } from '../testing/services';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../contract';
import type { EventEnvelope } from '../lib/events';
import { createSilentLogger } from '../lib/logger';
import { AppError } from '../lib/errors';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { NotifyService, type SaveRuleInput } from './notify-service';
import {
  startHookReceiver as startReceiver,
  startSmtp as startSmtpServer,
  type HookReceiver,
  type SmtpReceiver,
} from './testing/receivers';
import type { NotifyMessage } from './types';
import { defaultRule } from './notify-settings';

let h: Harness;
let service: NotifyService;
let tenantId: string;
let smtp: SmtpReceiver | null = null;
let hooks: HookReceiver | null = null;
let desktop: { payload: Notification; scope: EventEnvelope['to'] }[];
let owner: SignedIn;

beforeEach(async () => {
  h = createHarness();
  owner = await setupOwner(h.core);
  tenantId = owner.me.tenant.id;
  const s = servicesOf(h.core);
  service = new NotifyService(s.sqlite, s.clock, s.events, s.secrets, createSilentLogger(), {
    webhookTimeoutMs: 1_000,
    outbound: s.outbound,
  });
  desktop = [];
  s.events.subscribe((e) => {
    if (e.name === 'notification') desktop.push({ payload: e.payload as Notification, scope: e.to });
  });
});

afterEach(async () => {
  await smtp?.close();
  await hooks?.close();
  smtp = null;
  hooks = null;
  h.close();
});

/** The receivers listen on 127.0.0.1: the installation allows each one, as its platform admin would. */
async function startHookReceiver(): Promise<HookReceiver> {
  const receiver = await startReceiver();
  servicesOf(h.core).outbound.allow(new URL(receiver.url).host, null);
  return receiver;
}

async function startSmtp(credentials?: { user: string; password: string }): Promise<SmtpReceiver> {
  const server = await startSmtpServer(credentials);
  servicesOf(h.core).outbound.allow(`127.0.0.1:${server.port}`, null);
  return server;
}

const rule = (overrides: Partial<SaveRuleInput> = {}): SaveRuleInput => ({
  name: 'On call',
  events: ['incident.opened'],
  minSeverity: 'SEV4',
  desktop: false,
  emails: [],
  webhookUrl: null,
  enabled: true,
  ...overrides,
});

const message = (overrides: Partial<NotifyMessage> = {}): NotifyMessage => ({
  event: 'incident.opened',
  severity: 'SEV2',
  title: 'Checkout agent is failing',
  body: 'Error rate 42% over 5 minutes.\nCustomers see <errors> & timeouts.',
  link: '#/incidents/0193',
  ...overrides,
});

const smtpPassword = 'Sm7p-pa55word-that-must-stay-secret';
const hookSecret = 'whsec-must-never-be-stored-in-the-db';

async function withSmtp(credentials = true) {
  smtp = await startSmtp(credentials ? { user: 'mailer', password: smtpPassword } : undefined);
  service.saveSmtp(tenantId, {
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ...(credentials ? { user: 'mailer', password: smtpPassword } : {}),
    from: 'Mindframe Alerts <alerts@acme.test>',
  });
  return smtp;
}

describe('NotifyService e-mail', () => {
  it('sends one message per rule to all its recipients through the tenant SMTP server', async () => {
    const server = await withSmtp();
    service.saveRule(tenantId, rule({ emails: ['Ops@Acme.test', 'boss@acme.test'], minSeverity: 'SEV3' }));

    const outcome = await service.notify(tenantId, message());

    expect(outcome.failures).toEqual([]);
    expect(outcome.emails.sort()).toEqual(['boss@acme.test', 'ops@acme.test']);
    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0]!;
    expect(server.logins).toEqual([{ user: 'mailer', password: smtpPassword }]);
    expect(mail.user).toBe('mailer');
    expect(mail.from).toBe('alerts@acme.test');
    expect(mail.recipients.sort()).toEqual(['boss@acme.test', 'ops@acme.test']);
    expect(mail.subject).toBe('[SEV2] Checkout agent is failing');
    expect(mail.text).toContain('Error rate 42% over 5 minutes.');
    expect(mail.text).toContain('Customers see <errors> & timeouts.');
    expect(mail.text).toContain('#/incidents/0193');
    expect(mail.text).toContain('Organisation: Acme');
    expect(mail.text).toContain('notification rule "On call"');
    // the HTML part escapes the message instead of interpreting it
    expect(mail.html).toContain('Customers see &lt;errors&gt; &amp; timeouts.');
    expect(mail.html).not.toContain('<errors>');
  });

  it("writes each e-mail in its recipient's language: their own choice, else the owner's", async () => {
    const server = await withSmtp(false);
    await expectOk(h.core, 'auth.setLanguage', { language: 'nb' }, owner.call);
    const kees = await inviteAndAccept(h.core, owner, 'kees@acme.test', 'admin');
    await expectOk(h.core, 'auth.setLanguage', { language: 'nl' }, kees.call);
    service.saveRule(tenantId, rule({ emails: ['owner@acme.test', 'kees@acme.test', 'shared@acme.test'] }));

    const outcome = await service.notify(
      tenantId,
      message({
        titleMessage: { key: 'notify.health.unhealthy', params: { score: 42 } },
        bodyMessages: [{ key: 'notify.incident.opened', params: { number: 7 } }],
      }),
    );

    expect(outcome.failures).toEqual([]);
    // kees's invitation and welcome went through the same server: the notifications are the [SEV2] ones
    const mails = server.mails.filter((m) => m.subject.startsWith('[SEV2]'));
    expect(mails).toHaveLength(2);
    const norwegian = mails.find((m) => m.recipients.includes('owner@acme.test'))!;
    // an address that is nobody's account reads in the owner's language
    expect(norwegian.recipients.sort()).toEqual(['owner@acme.test', 'shared@acme.test']);
    expect(norwegian.subject).toBe('[SEV2] Helsepoeng 42: plattformen er usunn');
    expect(norwegian.text).toContain('Hendelse nr. 7 ble åpnet.');
    expect(norwegian.text).toContain('Organisasjon: Acme');
    expect(norwegian.text).toContain('varslingsregelen «On call»');
    expect(norwegian.html).toMatch(/<html lang="nb"[\s>]/);
    const dutch = mails.find((m) => m.recipients.includes('kees@acme.test'))!;
    expect(dutch.recipients).toEqual(['kees@acme.test']);
    expect(dutch.subject).toBe('[SEV2] Gezondheidsscore 42: het platform is ongezond');
    expect(dutch.text).toContain('Incident #7 is geopend.');
    expect(dutch.text).toContain('Organisatie: Acme');
    expect(dutch.text).toContain('Je krijgt dit bericht door de meldingsregel "On call".');
    for (const mail of mails) expect(mail.text).not.toContain('Error rate 42%');
  });

  it('e-mails direct recipients (escalation) without a rule, once, even in quiet hours', async () => {
    const server = await withSmtp(false);
    service.saveRule(tenantId, rule({ emails: ['ops@acme.test'] }));
    service.saveQuietHours(tenantId, { enabled: true, start: '00:00', end: '23:59', timezone: 'UTC' });

    const outcome = await service.notify(
      tenantId,
      message({ event: 'incident.escalated', severity: 'SEV3' }),
      {
        directEmails: ['Lead@Acme.test', 'lead@acme.test', 'not-an-address'],
      },
    );

    expect(outcome.suppressedByQuietHours).toBe(true);
    expect(outcome.emails).toEqual(['lead@acme.test']);
    expect(server.mails.map((m) => m.recipients)).toEqual([['lead@acme.test']]);
    expect(server.mails[0]!.subject).toBe('[SEV3] Checkout agent is failing');
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0]).toContain('Not a valid e-mail address');
  });

  it('leaves out recipients a rule already e-mailed (other rules and direct e-mails)', async () => {
    const server = await withSmtp(false);
    service.saveRule(tenantId, rule({ name: 'A', emails: ['ops@acme.test', 'a@acme.test'] }));
    service.saveRule(tenantId, rule({ name: 'B', emails: ['ops@acme.test', 'b@acme.test'] }));

    const outcome = await service.notify(tenantId, message(), {
      directEmails: ['a@acme.test', 'c@acme.test'],
    });

    expect(outcome.failures).toEqual([]);
    const sent = server.mails.map((m) => m.recipients.sort());
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(
      expect.arrayContaining([['a@acme.test', 'ops@acme.test'], ['b@acme.test'], ['c@acme.test']]),
    );
  });

  it('reports, without throwing, when SMTP is not configured or refuses the password', async () => {
    service.saveRule(tenantId, rule({ emails: ['ops@acme.test'] }));
    const unconfigured = await service.notify(tenantId, message());
    expect(unconfigured.emails).toEqual([]);
    expect(unconfigured.failures).toEqual(['E-mail to ops@acme.test: SMTP is not configured.']);

    const server = await withSmtp();
    service.saveSmtp(tenantId, {
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      user: 'mailer',
      password: 'wrong-password-value',
      from: 'alerts@acme.test',
    });
    const refused = await service.notify(tenantId, message());
    expect(server.mails).toHaveLength(0);
    expect(refused.failures).toHaveLength(1);
    expect(refused.failures[0]).toMatch(/refused the user name or password/);
    expect(refused.failures[0]).not.toContain('wrong-password-value');
  });
});

describe('NotifyService webhooks', () => {
  it('POSTs the JSON payload signed with HMAC-SHA256 of the raw body', async () => {
    hooks = await startHookReceiver();
    const saved = service.saveRule(
      tenantId,
      rule({ webhookUrl: `${hooks.url}/hooks/ops`, webhookSecret: hookSecret, events: ['guardian.applied'] }),
    );
    expect(saved.webhookSigned).toBe(true);

    const outcome = await service.notify(tenantId, message({ event: 'guardian.applied', severity: 'SEV3' }));

    expect(outcome.failures).toEqual([]);
    expect(outcome.webhooks).toEqual([`${hooks.url}/…`]);
    expect(hooks.hooks).toHaveLength(1);
    const hook = hooks.hooks[0]!;
    expect(hook.path).toBe('/hooks/ops');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['x-mindframe-event']).toBe('guardian.applied');
    expect(hook.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event: 'guardian.applied',
      severity: 'SEV3',
      title: 'Checkout agent is failing',
      body: 'Error rate 42% over 5 minutes.\nCustomers see <errors> & timeouts.',
      link: '#/incidents/0193',
      tenantId,
      at: h.clock.now(),
    });
    const expected = `sha256=${createHmac('sha256', hookSecret).update(hook.raw).digest('hex')}`;
    expect(hook.headers['x-mindframe-signature']).toBe(expected);
    // and a different secret does not verify
    const forged = `sha256=${createHmac('sha256', 'other').update(hook.raw).digest('hex')}`;
    expect(hook.headers['x-mindframe-signature']).not.toBe(forged);
  });

  it('sends no signature header when the rule has no secret, and removes a secret on request', async () => {
    hooks = await startHookReceiver();
    const saved = service.saveRule(
      tenantId,
      rule({ webhookUrl: `${hooks.url}/a`, webhookSecret: hookSecret }),
    );
    service.saveRule(tenantId, rule({ id: saved.id, webhookUrl: `${hooks.url}/a`, webhookSecret: '' }));
    expect(service.getRule(tenantId, saved.id)?.webhookSigned).toBe(false);
    expect(servicesOf(h.core).secrets.get(`tenant:${tenantId}:webhook:${saved.id}`)).toBeNull();

    await service.notify(tenantId, message());

    expect(hooks.hooks).toHaveLength(1);
    expect(hooks.hooks[0]!.headers['x-mindframe-signature']).toBeUndefined();
  });

  it('keeps the stored secret when a rule is saved without one', async () => {
    hooks = await startHookReceiver();
    const saved = service.saveRule(
      tenantId,
      rule({ webhookUrl: `${hooks.url}/a`, webhookSecret: hookSecret }),
    );
    service.saveRule(tenantId, rule({ id: saved.id, name: 'Renamed', webhookUrl: `${hooks.url}/b` }));

    await service.notify(tenantId, message());

    const hook = hooks.hooks[0]!;
    expect(hook.path).toBe('/b');
    expect(hook.headers['x-mindframe-signature']).toBe(
      `sha256=${createHmac('sha256', hookSecret).update(hook.raw).digest('hex')}`,
    );
  });

  it('reports error answers, does not follow redirects, and gives up after the timeout', async () => {
    hooks = await startHookReceiver();
    hooks.answer.set('/broken', 500);
    hooks.answer.set('/moved', { redirect: `${hooks.url}/elsewhere` });
    hooks.answer.set('/slow', 'hang');
    service.saveRule(tenantId, rule({ name: 'broken', webhookUrl: `${hooks.url}/broken` }));
    service.saveRule(tenantId, rule({ name: 'moved', webhookUrl: `${hooks.url}/moved` }));
    service.saveRule(tenantId, rule({ name: 'slow', webhookUrl: `${hooks.url}/slow` }));
    service.saveRule(tenantId, rule({ name: 'fine', webhookUrl: `${hooks.url}/fine` }));

    const started = Date.now();
    const outcome = await service.notify(tenantId, message());
    expect(Date.now() - started).toBeLessThan(4_000);

    expect(outcome.webhooks).toHaveLength(1);
    expect(outcome.failures).toHaveLength(3);
    expect(outcome.failures.join('\n')).toContain('The server answered 500.');
    expect(outcome.failures.join('\n')).toMatch(/answered 302 \(a redirect\); redirects are not followed/);
    expect(outcome.failures.join('\n')).toMatch(/did not answer within 1 seconds/);
    expect(hooks.hooks.map((x) => x.path).sort()).toEqual(['/broken', '/fine', '/moved', '/slow']);
    // the path of a webhook (where chat services keep their token) stays out of the failures
    expect(outcome.failures.join('\n')).not.toContain('/broken');
  });

  it('reports a refused connection', async () => {
    const closed = await startHookReceiver();
    const url = `${closed.url}/gone`;
    await closed.close();
    service.saveRule(tenantId, rule({ webhookUrl: url }));

    const outcome = await service.notify(tenantId, message());

    expect(outcome.failures).toEqual([`Webhook to ${closed.url}/…: The connection was refused.`]);
  });
});

describe('NotifyService rules', () => {
  it('emits one desktop notification to the tenant, however many rules match', async () => {
    service.saveRule(tenantId, rule({ desktop: true }));
    service.saveRule(tenantId, rule({ name: 'Second', desktop: true }));

    const outcome = await service.notify(tenantId, message());

    expect(outcome.desktop).toBe(1);
    expect(desktop).toHaveLength(1);
    expect(desktop[0]!.scope).toEqual({ kind: 'tenant', tenantId });
    expect(desktop[0]!.payload).toMatchObject({
      event: 'incident.opened',
      severity: 'SEV2',
      title: 'Checkout agent is failing',
      link: '#/incidents/0193',
      at: h.clock.now(),
    });
  });

  it('admits a message at or above the rule minimum severity (SEV1 is the most severe)', async () => {
    service.saveRule(tenantId, rule({ desktop: true, minSeverity: 'SEV2' }));

    expect((await service.notify(tenantId, message({ severity: 'SEV1' }))).desktop).toBe(1);
    expect((await service.notify(tenantId, message({ severity: 'SEV2' }))).desktop).toBe(1);
    expect((await service.notify(tenantId, message({ severity: 'SEV3' }))).desktop).toBe(0);
    expect((await service.notify(tenantId, message({ severity: 'SEV4' }))).desktop).toBe(0);
    expect(desktop.map((d) => d.payload.severity)).toEqual(['SEV1', 'SEV2']);
  });

  it('ignores disabled rules and rules for other events', async () => {
    hooks = await startHookReceiver();
    service.saveRule(tenantId, rule({ desktop: true, webhookUrl: `${hooks.url}/off`, enabled: false }));
    service.saveRule(
      tenantId,
      rule({ desktop: true, webhookUrl: `${hooks.url}/other`, events: ['health.critical'] }),
    );

    const outcome = await service.notify(tenantId, message({ severity: 'SEV1' }));

    expect(outcome).toEqual({
      desktop: 0,
      emails: [],
      webhooks: [],
      suppressedByQuietHours: false,
      failures: [],
    });
    expect(desktop).toHaveLength(0);
    expect(hooks.hooks).toHaveLength(0);
  });

  it('never throws: an internal error becomes a failure in the outcome', async () => {
    service.saveRule(tenantId, rule({ desktop: true }));
    servicesOf(h.core).sqlite.exec('DROP TABLE notify_rules');

    const outcome = await service.notify(tenantId, message({ severity: 'SEV1' }));

    expect(outcome.desktop).toBe(0);
    expect(outcome.failures).toEqual([
      'Notifications could not be sent because of an internal error; it was logged.',
    ]);
  });

  it("uses only the tenant's own rules", async () => {
    servicesOf(h.core)
      .sqlite.prepare(
        "INSERT INTO tenants (id, name, slug, created_at) VALUES ('01a20125-33c1-7000-8000-0000000000b2', 'B', 'b', 0)",
      )
      .run();
    const ofB = service.saveRule('01a20125-33c1-7000-8000-0000000000b2', rule({ desktop: true }));

    expect((await service.notify(tenantId, message())).desktop).toBe(0);
    expect(() => service.saveRule(tenantId, rule({ id: ofB.id, desktop: true }))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => service.deleteRule(tenantId, ofB.id)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    await expect(service.test(tenantId, { channel: 'webhook', ruleId: ofB.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // the tenant has only the default rule every organisation starts with, none of B's
    expect(service.listRules(tenantId).map((r) => r.name)).toEqual([defaultRule.name]);
    expect(service.listRules('01a20125-33c1-7000-8000-0000000000b2')).toHaveLength(1);
  });

  it('refuses a rule without a channel and webhook URLs that are not plain http(s)', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
        return null;
      } catch (error) {
        return error instanceof AppError ? `${error.code}:${error.extra.field}` : 'other';
      }
    };
    expect(code(() => service.saveRule(tenantId, rule()))).toBe('VALIDATION:desktop');
    expect(code(() => service.saveRule(tenantId, rule({ webhookUrl: 'ftp://x.test/' })))).toBe(
      'VALIDATION:webhookUrl',
    );
    expect(code(() => service.saveRule(tenantId, rule({ webhookUrl: 'https://user:pw@x.test/' })))).toBe(
      'VALIDATION:webhookUrl',
    );
    expect(code(() => service.saveRule(tenantId, rule({ desktop: true, webhookSecret: 'x' })))).toBe(
      'VALIDATION:webhookSecret',
    );
    // an office-network receiver is refused until the installation allows its host:port
    expect(() => service.saveRule(tenantId, rule({ webhookUrl: 'http://10.0.0.5:8080/hook' }))).toThrow(
      expect.objectContaining({ extra: { field: 'webhookUrl', reason: 'blocked_address' } }),
    );
    servicesOf(h.core).outbound.allow('10.0.0.5:8080', null);
    expect(
      code(() => service.saveRule(tenantId, rule({ webhookUrl: 'http://10.0.0.5:8080/hook' }))),
    ).toBeNull();
  });

  it('deleting a rule removes its signing secret', () => {
    const saved = service.saveRule(
      tenantId,
      rule({ webhookUrl: 'https://hooks.acme.test/x', webhookSecret: 's' }),
    );
    const key = `tenant:${tenantId}:webhook:${saved.id}`;
    expect(servicesOf(h.core).secrets.get(key)).toBe('s');
    service.deleteRule(tenantId, saved.id);
    expect(servicesOf(h.core).secrets.get(key)).toBeNull();
    expect(service.getRule(tenantId, saved.id)).toBeNull();
  });
});

describe('NotifyService quiet hours', () => {
  beforeEach(() => {
    service.saveRule(tenantId, rule({ desktop: true }));
  });

  it('holds back a SEV3 but not a SEV1 inside a window that wraps midnight in the tenant time zone', async () => {
    service.saveQuietHours(tenantId, {
      enabled: true,
      start: '22:00',
      end: '07:00',
      timezone: 'Europe/Oslo',
    });
    // 23:30 UTC on 22 November is 00:30 in Oslo (CET, UTC+1)
    h.clock.set(Date.UTC(2026, 10, 22, 23, 30));

    const sev3 = await service.notify(tenantId, message({ severity: 'SEV3' }));
    expect(sev3).toMatchObject({ desktop: 0, suppressedByQuietHours: true });
    const sev1 = await service.notify(tenantId, message({ severity: 'SEV1' }));
    expect(sev1).toMatchObject({ desktop: 1, suppressedByQuietHours: false });
    expect(desktop.map((d) => d.payload.severity)).toEqual(['SEV1']);

    // 06:00 UTC is 07:00 in Oslo: the window has ended (end is exclusive)
    h.clock.set(Date.UTC(2026, 10, 23, 6, 0));
    expect(await service.notify(tenantId, message({ severity: 'SEV3' }))).toMatchObject({ desktop: 1 });
    // 20:59 UTC is 21:59 in Oslo: not yet
    h.clock.set(Date.UTC(2026, 10, 23, 20, 59));
    expect(await service.notify(tenantId, message({ severity: 'SEV3' }))).toMatchObject({ desktop: 1 });
    // 21:00 UTC is 22:00 in Oslo: quiet again (start is inclusive)
    h.clock.set(Date.UTC(2026, 10, 23, 21, 0));
    expect(await service.notify(tenantId, message({ severity: 'SEV3' }))).toMatchObject({ desktop: 0 });
  });

  it('uses the local time of the zone, not UTC', async () => {
    service.saveQuietHours(tenantId, { enabled: true, start: '22:00', end: '07:00', timezone: 'Asia/Tokyo' });
    // 14:00 UTC is 23:00 in Tokyo: quiet there although it is mid-afternoon in UTC
    h.clock.set(Date.UTC(2026, 10, 22, 14, 0));
    expect(await service.notify(tenantId, message({ severity: 'SEV2' }))).toMatchObject({
      desktop: 0,
      suppressedByQuietHours: true,
    });
    // 23:00 UTC is 08:00 in Tokyo: not quiet although it is night in UTC
    h.clock.set(Date.UTC(2026, 10, 22, 23, 0));
    expect(await service.notify(tenantId, message({ severity: 'SEV2' }))).toMatchObject({ desktop: 1 });
  });

  it('does nothing when switched off, and a same-day window works too', async () => {
    service.saveQuietHours(tenantId, { enabled: false, start: '00:00', end: '23:59', timezone: 'UTC' });
    expect(await service.notify(tenantId, message({ severity: 'SEV4' }))).toMatchObject({ desktop: 1 });

    service.saveQuietHours(tenantId, { enabled: true, start: '12:00', end: '13:30', timezone: 'UTC' });
    h.clock.set(Date.UTC(2026, 10, 22, 13, 29));
    expect(await service.notify(tenantId, message({ severity: 'SEV4' }))).toMatchObject({ desktop: 0 });
    h.clock.set(Date.UTC(2026, 10, 22, 13, 30));
    expect(await service.notify(tenantId, message({ severity: 'SEV4' }))).toMatchObject({ desktop: 1 });
  });

  it('stores the canonical zone name and refuses unknown zones and empty windows', () => {
    expect(
      service.saveQuietHours(tenantId, {
        enabled: true,
        start: '22:00',
        end: '07:00',
        timezone: 'europe/oslo',
      }).timezone,
    ).toBe('Europe/Oslo');
    expect(service.quietHours(tenantId).timezone).toBe('Europe/Oslo');
    expect(() =>
      service.saveQuietHours(tenantId, {
        enabled: true,
        start: '22:00',
        end: '07:00',
        timezone: 'Mars/Olympus',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        extra: { field: 'timezone', reason: 'unknown_timezone', params: { timezone: 'Mars/Olympus' } },
      }),
    );
    expect(() =>
      service.saveQuietHours(tenantId, { enabled: true, start: '08:00', end: '08:00', timezone: 'UTC' }),
    ).toThrow(
      expect.objectContaining({ code: 'VALIDATION', extra: { field: 'end', reason: 'quiet_hours_same' } }),
    );
  });
});

describe('NotifyService secrets', () => {
  it('keeps the SMTP password and webhook secrets out of the database file', async () => {
    await withSmtp();
    service.saveRule(tenantId, rule({ webhookUrl: 'https://hooks.acme.test/x', webhookSecret: hookSecret }));
    expect(service.smtp(tenantId)).toEqual({
      host: '127.0.0.1',
      port: smtp!.port,
      secure: false,
      user: 'mailer',
      hasPassword: true,
      from: 'Mindframe Alerts <alerts@acme.test>',
    });
    expect(JSON.stringify(service.overview(tenantId))).not.toContain(smtpPassword);
    expect(JSON.stringify(service.overview(tenantId))).not.toContain(hookSecret);

    const files = [h.core.databaseFile, `${h.core.databaseFile}-wal`].filter((f) => existsSync(f));
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(smtpPassword)), file).toBe(false);
      expect(bytes.includes(Buffer.from(hookSecret)), file).toBe(false);
    }
    // they are where they belong
    expect(servicesOf(h.core).secrets.get(`tenant:${tenantId}:smtp`)).toBe(smtpPassword);

    // saving again without a password keeps it; an empty one removes it
    service.saveSmtp(tenantId, {
      host: 'smtp.acme.test',
      port: 587,
      secure: false,
      user: 'mailer',
      from: 'a@acme.test',
    });
    expect(service.smtp(tenantId)?.hasPassword).toBe(true);
    service.saveSmtp(tenantId, {
      host: 'smtp.acme.test',
      port: 587,
      secure: false,
      user: 'mailer',
      password: '',
      from: 'a@acme.test',
    });
    expect(service.smtp(tenantId)?.hasPassword).toBe(false);
    expect(servicesOf(h.core).secrets.get(`tenant:${tenantId}:smtp`)).toBeNull();
  });

  it('refuses a sender that is not an address and a password without a user', () => {
    expect(() =>
      service.saveSmtp(tenantId, { host: 'smtp.acme.test', port: 587, secure: false, from: 'alerts' }),
    ).toThrow(
      expect.objectContaining({ code: 'VALIDATION', extra: { field: 'from', reason: 'smtp_from_invalid' } }),
    );
    expect(() =>
      service.saveSmtp(tenantId, {
        host: 'smtp.acme.test',
        port: 587,
        secure: false,
        password: 'x',
        from: 'alerts@acme.test',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        extra: { field: 'user', reason: 'password_needs_user' },
      }),
    );
    expect(service.smtp(tenantId)).toBeNull();
  });
});
