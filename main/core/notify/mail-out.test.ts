import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, setupOwner, type Harness } from '../testing/harness';
import { servicesOf } from '../testing/services';
import { startSmtp as startSmtpServer, type SmtpReceiver } from './testing/receivers';

/**
 * services.mailOut, the way the account and ticket code use it: a template rendered in the
 * recipient's language and sent through the tenant's own SMTP server (a real smtp-server here).
 */

let h: Harness;
let tenantId: string;
let smtp: SmtpReceiver | null = null;
const password = 'smtp-secret-8f2a';

beforeEach(async () => {
  h = createHarness();
  tenantId = (await setupOwner(h.core)).me.tenant.id;
});

afterEach(async () => {
  await smtp?.close();
  smtp = null;
  h.close();
});

async function withSmtp(): Promise<SmtpReceiver> {
  smtp = await startSmtpServer({ user: 'mailer', password });
  const s = servicesOf(h.core);
  s.outbound.allow(`127.0.0.1:${smtp.port}`, null);
  s.notify.saveSmtp(tenantId, {
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    user: 'mailer',
    password,
    from: 'Sykkelverksted Nord <post@sykkel.test>',
  });
  return smtp;
}

describe('MailOut', () => {
  it('answers no_smtp and sends nothing while the organisation has no SMTP server', async () => {
    const { mailOut } = servicesOf(h.core);
    expect(mailOut.hasSmtp(tenantId)).toBe(false);
    const outcome = await mailOut.sendTemplate(tenantId, 'new@sykkel.test', 'password_reset', 'en', {
      name: 'Ola',
      link: 'https://control.example.com/#/reset/abc',
      expiresMinutes: 30,
      requestedByAdmin: false,
    });
    expect(outcome).toEqual({ sent: false, reason: 'no_smtp' });
  });

  it('sends the template with its subject, an HTML and a plain-text part, in the language asked', async () => {
    const server = await withSmtp();
    const { mailOut } = servicesOf(h.core);
    expect(mailOut.hasSmtp(tenantId)).toBe(true);

    const outcome = await mailOut.sendTemplate(tenantId, 'Ingrid@Sykkel.test', 'invitation', 'nb', {
      name: 'Ingrid',
      inviter: 'Kari <script>Nordmann</script>',
      organisation: 'Sykkelverksted Nord',
      link: 'https://control.example.com/#/invite/abc',
      expiresDays: 7,
    });

    expect(outcome).toEqual({ sent: true });
    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0]!;
    expect(server.logins).toEqual([{ user: 'mailer', password }]);
    expect(mail.from).toBe('post@sykkel.test');
    expect(mail.recipients).toEqual(['ingrid@sykkel.test']);
    expect(mail.subject).toBe('Kari <script>Nordmann</script> har invitert deg til Sykkelverksted Nord');
    // both parts, the same words, the link as a button and as text
    expect(mail.text).toContain('Hei Ingrid,');
    expect(mail.text).toContain('Godta invitasjonen: https://control.example.com/#/invite/abc');
    expect(mail.text).toContain('Invitasjonen gjelder i 7 dager.');
    expect(mail.html).toMatch(/<html lang="nb"[\s>]/);
    expect(mail.html).toContain('href="https://control.example.com/#/invite/abc"');
    expect(mail.html).toContain('Godta invitasjonen');
    expect(mail.html).toContain('Kari &lt;script&gt;Nordmann&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.raw).not.toContain(password);
  });

  it('answers failed, without throwing, when the server cannot be reached or the address is not one', async () => {
    const server = await withSmtp();
    const { mailOut } = servicesOf(h.core);
    const data = {
      ticketNumber: 3,
      subject: 'Gears',
      dueAt: Date.UTC(2026, 0, 1),
      target: 'resolution' as const,
      link: '#/inbox/x',
    };
    expect(await mailOut.sendTemplate(tenantId, 'not an address', 'sla_breach', 'en', data)).toEqual({
      sent: false,
      reason: 'failed',
    });
    await server.close();
    smtp = null;
    expect(await mailOut.sendTemplate(tenantId, 'ops@sykkel.test', 'sla_breach', 'en', data)).toEqual({
      sent: false,
      reason: 'failed',
    });
  });

  it("writes a notification's hand-off e-mail with the hand-off template (NotifyMessage.mail)", async () => {
    const server = await withSmtp();
    const { notify } = servicesOf(h.core);
    notify.saveRule(tenantId, {
      name: 'Werkplaats',
      events: ['incident.opened'],
      minSeverity: 'SEV4',
      desktop: false,
      emails: ['ops@sykkel.test'],
      webhookUrl: null,
      enabled: true,
    });
    const outcome = await notify.notify(tenantId, {
      event: 'incident.opened',
      severity: 'SEV3',
      title: 'Ticket #12 needs a person',
      body: 'The agent handed the conversation over.',
      link: '#/inbox/t12',
      mail: {
        template: 'handoff',
        data: {
          ticketNumber: 12,
          subject: 'Do you sell pizza?',
          customerMessage: 'Do you sell pizza?',
          queue: '',
          channel: 'website',
          link: '#/inbox/t12',
        },
      },
    });
    expect(outcome.failures).toEqual([]);
    const mail = server.mails.find((m) => m.recipients.includes('ops@sykkel.test'))!;
    expect(mail.subject).toBe('Ticket #12 needs a person: Do you sell pizza?');
    expect(mail.text).toContain('> Do you sell pizza?');
    expect(mail.text).toContain('Channel: Website chat');
    // the rule is why this person hears of it
    expect(mail.text).toContain('notification rule "Werkplaats"');
    expect(mail.html).toContain('A customer needs a person');
  });
});
