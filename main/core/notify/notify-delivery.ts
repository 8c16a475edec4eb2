import { uuidv7 } from '../../../db';
import { severities, type Language, type Message, type Notification, type Severity } from '../../contract';
import type { Clock } from '../lib/clock';
import { AppError, notFound } from '../lib/errors';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import { refusalSaid, type OutboundAllowList } from '../lib/outbound-guard';
import { message, said, type Said } from '../lib/message';
import { renderTemplate, type MailBranding, type RenderedMail } from '../lib/mail-templates';
import { createMailer, isEmailAddress, withBrandSender, type MailTimeouts, type Mailer } from './email';
import { refused, validation, type NotifySettings } from './notify-settings';
import type { Notifier, NotifyMail, NotifyMessage, NotifyOptions, NotifyOutcome } from './types';
import { describeUrl, postWebhook, webhookUrlProblem, type WebhookPayload } from './webhook';

/** notify.test's answer: the outcome as a message, and its English. */
export interface TestResult {
  ok: boolean;
  message: Message;
  text: string;
}

export interface TestInput {
  channel: 'desktop' | 'email' | 'webhook';
  to?: string;
  ruleId?: string;
}

/** A message on its way out: what notify() was given plus its id and time. */
interface Outgoing {
  id: string;
  tenantId: string;
  event: Notification['event'];
  severity: Severity;
  title: string;
  body: string;
  titleMessage: Message | null;
  bodyMessages: Message[];
  link: string | null;
  mail: NotifyMail | null;
  at: number;
}

/** SEV1 → 0 … SEV4 → 3; a rule admits a message whose rank is at most its minimum's. */
const rank = (severity: Severity): number => severities.indexOf(severity);

export const admits = (minSeverity: Severity, severity: Severity): boolean =>
  rank(severity) <= rank(minSeverity);

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export interface NotifyDeliveryDeps {
  /** The tenant's rules, quiet hours, SMTP server and webhook secrets. */
  settings: Pick<
    NotifySettings,
    'enabledRules' | 'getRule' | 'isQuietNow' | 'smtpConnection' | 'webhookSecret'
  >;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  /**
   * The language an address reads its e-mail in: the person's own choice in the app, else the
   * organisation's usual language.
   */
  recipientLanguage: (tenantId: string, email: string) => Language;
  /** The organisation's name, for the e-mail (null: unknown). */
  tenantName: (tenantId: string) => string | null;
  webhookTimeoutMs: number;
  mailTimeouts: MailTimeouts;
  /** The installation's outbound allow-list (webhooks and SMTP on this machine or a private network). */
  outbound: OutboundAllowList;
  /** The app's address, to turn the message's hash route into a link in e-mails; null: unknown. */
  appOrigin?: () => string | null;
  /** The installation's brand for the e-mails (white label); null: the product's own. */
  brand?: () => MailBranding | null;
}

/**
 * Delivery of a message over the desktop (an event to the tenant's sessions), e-mail and signed
 * webhooks, the way the tenant's notification settings say; and the test message of one channel.
 */
export class NotifyDelivery implements Notifier {
  constructor(private readonly deps: NotifyDeliveryDeps) {}

  private outgoing(
    tenantId: string,
    message: Omit<NotifyMessage, 'event'> & Pick<Outgoing, 'event'>,
  ): Outgoing {
    const at = this.deps.clock.now();
    return {
      event: message.event,
      severity: message.severity,
      title: message.title,
      body: message.body,
      titleMessage: message.titleMessage ?? null,
      bodyMessages: message.bodyMessages ?? [],
      link: message.link,
      mail: message.mail ?? null,
      id: uuidv7(at),
      tenantId,
      at,
    };
  }

  private emitDesktop(message: Outgoing): void {
    const notification: Notification = {
      id: message.id,
      event: message.event,
      severity: message.severity,
      title: message.title,
      body: message.body,
      titleMessage: message.titleMessage,
      bodyMessages: message.bodyMessages,
      link: message.link,
      at: message.at,
    };
    this.deps.events.emit('notification', notification, { kind: 'tenant', tenantId: message.tenantId });
  }

  /**
   * The e-mail of a message in one language: its own template when it brings one (hand-off, missed
   * ticket target), the incident alert for incidents, else the generic notification.
   */
  private mailFor(message: Outgoing, reason: Message, language: Language): Promise<RenderedMail> {
    const organisation = this.deps.tenantName(message.tenantId);
    const ctx = {
      language,
      organisation,
      appOrigin: this.deps.appOrigin?.() ?? null,
      reason,
      brand: this.deps.brand?.() ?? null,
    };
    if (message.mail?.template === 'handoff') return renderTemplate('handoff', message.mail.data, ctx);
    if (message.mail?.template === 'sla_breach') return renderTemplate('sla_breach', message.mail.data, ctx);
    const content = {
      severity: message.severity,
      event: message.event,
      title: message.title,
      body: message.body,
      titleMessage: message.titleMessage,
      bodyMessages: message.bodyMessages,
      link: message.link,
      organisation,
      reason,
    };
    return message.event.startsWith('incident.')
      ? renderTemplate('incident_alert', content, ctx)
      : renderTemplate('notification', content, ctx);
  }

  /** One mail per language of the recipients (each reads it in the language they use the app in). */
  private sendInLanguages(
    mailer: Mailer,
    message: Outgoing,
    to: string[],
    reason: Message,
    done: (to: string[], problem: Said | null) => void,
  ): Promise<void>[] {
    const byLanguage = new Map<Language, string[]>();
    for (const address of to) {
      const language = this.deps.recipientLanguage(message.tenantId, address);
      byLanguage.set(language, [...(byLanguage.get(language) ?? []), address]);
    }
    return [...byLanguage].map(([language, addresses]) =>
      this.mailFor(message, reason, language)
        .then(
          (mail) => mailer.send({ to: addresses, ...mail }),
          // a mail that cannot be written fails for its recipients alone (the others still go out)
          (error: unknown) => {
            this.deps.logger.error(
              { tenantId: message.tenantId, event: message.event, err: error },
              'e-mail not rendered',
            );
            return said('notify.smtp.failed', undefined, 'E-mail could not be sent.');
          },
        )
        .then((problem) => done(addresses, problem)),
    );
  }

  private webhookPayload(message: Outgoing): WebhookPayload {
    return {
      id: message.id,
      event: message.event,
      severity: message.severity,
      title: message.title,
      body: message.body,
      link: message.link,
      tenantId: message.tenantId,
      at: message.at,
    };
  }

  /**
   * Sends a message the way the tenant's rules say. Enabled rules whose events include the
   * message's and whose minimum severity admits it are used; one desktop notification, one e-mail
   * per rule (recipients already e-mailed by an earlier rule are left out) and one POST per webhook
   * URL. During quiet hours only SEV1 goes out through the rules. `directEmails` (escalation) are
   * always e-mailed, quiet hours or not. Never throws: failures are in the outcome and the log.
   */
  async notify(
    tenantId: string,
    message: NotifyMessage,
    options: NotifyOptions = {},
  ): Promise<NotifyOutcome> {
    const outcome: NotifyOutcome = {
      desktop: 0,
      emails: [],
      webhooks: [],
      suppressedByQuietHours: false,
      failures: [],
    };
    const fail = (channel: string, target: string, reason: string) => {
      outcome.failures.push(`${channel} to ${target}: ${reason}`);
      this.deps.logger.warn(
        { tenantId, event: message.event, channel, target, reason },
        'notification not delivered',
      );
    };
    let mailer: Mailer | null = null;
    try {
      const out = this.outgoing(tenantId, message);
      const quiet = message.severity !== 'SEV1' && this.deps.settings.isQuietNow(tenantId, out.at);
      outcome.suppressedByQuietHours = quiet;
      const rules = quiet
        ? []
        : this.deps.settings
            .enabledRules(tenantId)
            .filter(
              (rule) =>
                (rule.events as readonly string[]).includes(message.event) &&
                admits(rule.minSeverity, message.severity),
            );

      if (rules.some((rule) => rule.desktop)) {
        this.emitDesktop(out);
        outcome.desktop = 1;
      }

      // e-mail: one message per rule, then one for the direct recipients nobody has e-mailed yet
      const batches: { to: string[]; reason: Message }[] = [];
      const addressed = new Set<string>();
      for (const rule of rules) {
        const to = rule.emails.filter((address) => !addressed.has(address));
        to.forEach((address) => addressed.add(address));
        if (to.length > 0) batches.push({ to, reason: { key: 'reason_rule', params: { rule: rule.name } } });
      }
      const direct: string[] = [];
      for (const raw of options.directEmails ?? []) {
        const address = raw.trim().toLowerCase();
        if (!isEmailAddress(address))
          fail('E-mail', JSON.stringify(raw.slice(0, 100)), 'Not a valid e-mail address.');
        else if (!addressed.has(address)) {
          addressed.add(address);
          direct.push(address);
        }
      }
      if (direct.length > 0)
        batches.push({
          to: direct,
          reason: { key: message.event === 'account.security' ? 'reason_account' : 'reason_escalated' },
        });

      const jobs: Promise<void>[] = [];
      if (batches.length > 0) {
        const connection = this.deps.settings.smtpConnection(tenantId);
        if (!connection) {
          for (const batch of batches) fail('E-mail', batch.to.join(', '), 'SMTP is not configured.');
        } else {
          mailer = createMailer(
            withBrandSender(connection, this.deps.brand?.() ?? null),
            this.deps.mailTimeouts,
            this.deps.outbound,
          );
          const mail = mailer;
          for (const batch of batches) {
            jobs.push(
              ...this.sendInLanguages(mail, out, batch.to, batch.reason, (to, problem) => {
                if (problem) fail('E-mail', to.join(', '), problem.text);
                else outcome.emails.push(...to);
              }),
            );
          }
        }
      }

      const posted = new Set<string>();
      for (const rule of rules) {
        if (!rule.webhookUrl || posted.has(rule.webhookUrl)) continue;
        posted.add(rule.webhookUrl);
        const target = describeUrl(rule.webhookUrl);
        const secret = this.deps.settings.webhookSecret(tenantId, rule);
        jobs.push(
          postWebhook(
            rule.webhookUrl,
            this.webhookPayload(out),
            secret,
            this.deps.webhookTimeoutMs,
            this.deps.outbound,
          ).then((result) => {
            if (result.ok) outcome.webhooks.push(target);
            else fail('Webhook', target, result.reason.text);
          }),
        );
      }
      await Promise.all(jobs);
      if (rules.length > 0 || direct.length > 0)
        this.deps.logger.info(
          {
            tenantId,
            event: message.event,
            severity: message.severity,
            desktop: outcome.desktop,
            emails: outcome.emails.length,
            webhooks: outcome.webhooks.length,
            failures: outcome.failures.length,
          },
          'notification sent',
        );
    } catch (error) {
      outcome.failures.push('Notifications could not be sent because of an internal error; it was logged.');
      this.deps.logger.error({ tenantId, event: message.event, err: error }, 'notification failed');
    } finally {
      mailer?.close();
    }
    return outcome;
  }

  /**
   * notify.test: one test message through one channel; ok:false says why it did not arrive. The
   * result is a message for the UI with its English as `text`.
   */
  async test(tenantId: string, input: TestInput): Promise<TestResult> {
    const result = (ok: boolean, says: Said): TestResult => ({ ok, message: says.message, text: says.text });
    const rule = input.ruleId ? this.deps.settings.getRule(tenantId, input.ruleId) : null;
    if (input.ruleId && !rule) throw notFound('That notification rule');
    const out = this.outgoing(tenantId, {
      event: 'test',
      severity: 'SEV4',
      title: 'Test notification from Mindframe Control Center',
      body: 'If you can read this, notifications reach you through this channel.',
      titleMessage: message('notify.test.title'),
      bodyMessages: [message('notify.test.body')],
      link: '#/notifications',
    });

    if (input.channel === 'desktop') {
      this.emitDesktop(out);
      return result(true, said('notify.test.desktop_sent'));
    }

    if (input.channel === 'email') {
      let to: string[];
      if (input.to) {
        const address = input.to.trim().toLowerCase();
        if (!isEmailAddress(address))
          throw validation('to', 'Must be a valid e-mail address', 'invalid_email');
        to = [address];
      } else if (rule) {
        if (rule.emails.length === 0)
          return result(
            false,
            said(
              'notify.test.rule_no_emails',
              { rule: rule.name },
              `The rule "${rule.name}" has no e-mail recipients.`,
            ),
          );
        to = rule.emails;
      } else {
        throw validation(
          'to',
          'Give an e-mail address to send the test to, or a rule.',
          'test_email_needs_recipient',
        );
      }
      const connection = this.deps.settings.smtpConnection(tenantId);
      if (!connection)
        return result(false, said('notify.test.smtp_not_configured', undefined, 'SMTP is not configured.'));
      const mailer = createMailer(
        withBrandSender(connection, this.deps.brand?.() ?? null),
        this.deps.mailTimeouts,
        this.deps.outbound,
      );
      try {
        const refusal = await mailer.refusal();
        if (refusal?.reason === 'unresolvable') return result(false, refusalSaid(refusal));
        if (refusal) throw refused('host', refusal);
        const problems: Said[] = [];
        await Promise.all(
          this.sendInLanguages(mailer, out, to, { key: 'reason_test' }, (_to, failed) => {
            if (failed) problems.push(failed);
          }),
        );
        const problem = problems[0];
        if (problem) {
          this.deps.logger.warn(
            { tenantId, channel: 'E-mail', reason: problem.text },
            'test notification not delivered',
          );
          return result(false, problem);
        }
        return result(
          true,
          said(
            'notify.test.email_sent',
            { count: to.length, recipients: to.join(', ') },
            `A test e-mail was sent to ${plural(to.length, 'recipient')}: ${to.join(', ')}.`,
          ),
        );
      } finally {
        mailer.close();
      }
    }

    let url: string;
    let field = 'webhookUrl';
    if (input.to) {
      const problem = webhookUrlProblem(input.to);
      if (problem) throw validation('to', problem.text, problem.reason);
      url = input.to;
      field = 'to';
    } else if (rule) {
      if (!rule.webhookUrl)
        return result(
          false,
          said(
            'notify.test.rule_no_webhook',
            { rule: rule.name },
            `The rule "${rule.name}" has no webhook URL.`,
          ),
        );
      url = rule.webhookUrl;
    } else {
      throw validation('to', 'Give a webhook URL to send the test to, or a rule.', 'test_webhook_needs_url');
    }
    const secret = rule ? this.deps.settings.webhookSecret(tenantId, rule) : null;
    const posted = await postWebhook(
      url,
      this.webhookPayload(out),
      secret,
      this.deps.webhookTimeoutMs,
      this.deps.outbound,
    );
    if (!posted.ok && posted.refusal && posted.refusal !== 'unresolvable')
      throw new AppError('VALIDATION', posted.reason.text, { field, reason: posted.refusal });
    if (!posted.ok) {
      this.deps.logger.warn(
        { tenantId, channel: 'Webhook', target: describeUrl(url), reason: posted.reason.text },
        'test notification not delivered',
      );
      return result(false, posted.reason);
    }
    return result(
      true,
      said(
        secret ? 'notify.test.webhook_answered_signed' : 'notify.test.webhook_answered',
        { status: posted.status },
        `The server answered ${posted.status}${secret ? "; the request was signed with the rule's secret" : ''}.`,
      ),
    );
  }
}
