import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import {
  severities,
  type NotifyEvent,
  type NotifyRule,
  type Severity,
  type Notification,
} from '../../contract';
import type { Clock } from '../lib/clock';
import { AppError, notFound } from '../lib/errors';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import { emptyAllowList, type OutboundAllowList, type OutboundBlockedError } from '../lib/outbound-guard';
import type { SecretStore } from '../secrets/secret-store';
import {
  createMailer,
  defaultMailTimeouts,
  isEmailAddress,
  isFromAddress,
  renderMail,
  smtpHostRefusal,
  type MailTimeouts,
  type Mailer,
  type SmtpConnection,
  type SmtpSettings,
} from './email';
import { canonicalTimezone, defaultQuietHours, inQuietHours, type QuietHours } from './quiet-hours';
import type { Notifier, NotifyMessage, NotifyOptions, NotifyOutcome } from './types';
import {
  defaultWebhookTimeoutMs,
  describeUrl,
  postWebhook,
  webhookAddressRefusal,
  webhookUrlProblem,
  type WebhookPayload,
} from './webhook';

export interface SaveRuleInput {
  id?: string;
  name: string;
  events: NotifyEvent[];
  minSeverity: Severity;
  desktop: boolean;
  emails: string[];
  webhookUrl: string | null;
  /** Leave out to keep the stored secret, '' to remove it. */
  webhookSecret?: string;
  enabled: boolean;
}

export interface SaveSmtpInput {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  /** Leave out to keep the stored password, '' to remove it. */
  password?: string;
  from: string;
}

export interface TestInput {
  channel: 'desktop' | 'email' | 'webhook';
  to?: string;
  ruleId?: string;
}

export interface NotifyServiceOptions {
  webhookTimeoutMs?: number;
  mailTimeouts?: MailTimeouts;
  /** The installation's outbound allow-list (webhooks and SMTP on this machine or a private network). */
  outbound?: OutboundAllowList;
}

interface RuleRow {
  id: string;
  tenant_id: string;
  name: string;
  events: string;
  min_severity: string;
  desktop: number;
  emails: string;
  webhook_url: string | null;
  webhook_signed: number;
  enabled: number;
  created_at: number;
}

/** A message on its way out: what notify() was given plus its id and time. */
interface Outgoing {
  id: string;
  tenantId: string;
  event: Notification['event'];
  severity: Severity;
  title: string;
  body: string;
  link: string | null;
  at: number;
}

const quietHoursKey = 'notify.quietHours';
const smtpKey = 'notify.smtp';
export const smtpSecretKey = (tenantId: string) => `tenant:${tenantId}:smtp`;
export const webhookSecretKey = (tenantId: string, ruleId: string) => `tenant:${tenantId}:webhook:${ruleId}`;

const eventLabels: Record<Notification['event'], string> = {
  'account.security': 'Your account',
  'incident.opened': 'Incident opened',
  'incident.escalated': 'Incident escalated',
  'incident.resolved': 'Incident resolved',
  'guardian.proposed': 'Guardian proposes an action',
  'guardian.applied': 'Guardian applied an action',
  'health.critical': 'Health is critical',
  test: 'Test notification',
};

/** SEV1 → 0 … SEV4 → 3; a rule admits a message whose rank is at most its minimum's. */
const rank = (severity: Severity): number => severities.indexOf(severity);

export const admits = (minSeverity: Severity, severity: Severity): boolean =>
  rank(severity) <= rank(minSeverity);

function toRule(row: RuleRow): NotifyRule {
  return {
    id: row.id,
    name: row.name,
    events: JSON.parse(row.events) as NotifyEvent[],
    minSeverity: row.min_severity as Severity,
    desktop: row.desktop === 1,
    emails: JSON.parse(row.emails) as string[],
    webhookUrl: row.webhook_url,
    webhookSigned: row.webhook_signed === 1,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
  };
}

const validation = (field: string, message: string) => new AppError('VALIDATION', message, { field });

/** The outbound guard's refusal as the typed error the UI translates (and offers to allow). */
const refused = (field: string, error: OutboundBlockedError) =>
  new AppError('VALIDATION', error.message, { field, reason: error.reason });

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * Who hears about what, and how: the tenant's rules, quiet hours and SMTP server, and the delivery
 * of a message over the desktop (an event to the tenant's sessions), e-mail and signed webhooks.
 * Secrets (the SMTP password, webhook signing secrets) live only in the SecretStore.
 */
export class NotifyService implements Notifier {
  private readonly statements;
  private readonly webhookTimeoutMs: number;
  private readonly mailTimeouts: MailTimeouts;
  private readonly outbound: OutboundAllowList;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
    options: NotifyServiceOptions = {},
  ) {
    this.webhookTimeoutMs = options.webhookTimeoutMs ?? defaultWebhookTimeoutMs;
    this.mailTimeouts = options.mailTimeouts ?? defaultMailTimeouts;
    this.outbound = options.outbound ?? emptyAllowList;
    this.statements = {
      rules: sqlite.prepare<[string], RuleRow>(
        'SELECT * FROM notify_rules WHERE tenant_id = ? ORDER BY created_at, rowid',
      ),
      enabledRules: sqlite.prepare<[string], RuleRow>(
        'SELECT * FROM notify_rules WHERE tenant_id = ? AND enabled = 1 ORDER BY created_at, rowid',
      ),
      rule: sqlite.prepare<[string, string], RuleRow>(
        'SELECT * FROM notify_rules WHERE tenant_id = ? AND id = ?',
      ),
      insertRule: sqlite.prepare(
        `INSERT INTO notify_rules (id, tenant_id, name, events, min_severity, desktop, emails, webhook_url, webhook_signed, enabled, created_at)
         VALUES (@id, @tenantId, @name, @events, @minSeverity, @desktop, @emails, @webhookUrl, @webhookSigned, @enabled, @now)`,
      ),
      updateRule: sqlite.prepare(
        `UPDATE notify_rules SET name = @name, events = @events, min_severity = @minSeverity, desktop = @desktop,
           emails = @emails, webhook_url = @webhookUrl, webhook_signed = @webhookSigned, enabled = @enabled
         WHERE tenant_id = @tenantId AND id = @id`,
      ),
      deleteRule: sqlite.prepare<[string, string]>('DELETE FROM notify_rules WHERE tenant_id = ? AND id = ?'),
      setting: sqlite.prepare<[string, string], { value: string }>(
        'SELECT value FROM settings WHERE tenant_id = ? AND key = ?',
      ),
      saveSetting: sqlite.prepare<[string, string, string, number]>(
        `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
      tenantName: sqlite.prepare<[string], { name: string }>('SELECT name FROM tenants WHERE id = ?'),
    };
  }

  // ---------------------------------------------------------------- rules

  listRules(tenantId: string): NotifyRule[] {
    return this.statements.rules.all(tenantId).map(toRule);
  }

  getRule(tenantId: string, ruleId: string): NotifyRule | null {
    const row = this.statements.rule.get(tenantId, ruleId);
    return row ? toRule(row) : null;
  }

  saveRule(tenantId: string, input: SaveRuleInput): NotifyRule {
    const existing = input.id ? this.statements.rule.get(tenantId, input.id) : undefined;
    if (input.id && !existing) throw notFound('That notification rule');
    const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()))];
    const webhookUrl = input.webhookUrl?.trim() || null;
    if (!input.desktop && emails.length === 0 && !webhookUrl)
      throw validation('desktop', 'Choose at least one channel: desktop, e-mail or a webhook.');
    if (input.events.length === 0) throw validation('events', 'Choose at least one event.');
    const badEmail = emails.find((e) => !isEmailAddress(e));
    if (badEmail) throw validation('emails', `${badEmail} is not a valid e-mail address.`);
    if (webhookUrl) {
      const problem = webhookUrlProblem(webhookUrl);
      if (problem) throw validation('webhookUrl', problem);
      const refusal = webhookAddressRefusal(webhookUrl, this.outbound);
      if (refusal) throw refused('webhookUrl', refusal);
    }
    if (!webhookUrl && input.webhookSecret)
      throw validation('webhookSecret', 'A signing secret needs a webhook URL.');

    const id = existing?.id ?? uuidv7(this.clock.now());
    const secretKey = webhookSecretKey(tenantId, id);
    let signed = existing ? existing.webhook_signed === 1 : false;
    if (!webhookUrl || input.webhookSecret === '') {
      if (signed) this.secrets.delete(secretKey);
      signed = false;
    } else if (input.webhookSecret !== undefined) {
      this.secrets.set(secretKey, input.webhookSecret);
      signed = true;
    }
    const values = {
      id,
      tenantId,
      name: input.name.trim(),
      events: JSON.stringify([...new Set(input.events)]),
      minSeverity: input.minSeverity,
      desktop: input.desktop ? 1 : 0,
      emails: JSON.stringify(emails),
      webhookUrl,
      webhookSigned: signed ? 1 : 0,
      enabled: input.enabled ? 1 : 0,
      now: this.clock.now(),
    };
    if (existing) this.statements.updateRule.run(values);
    else this.statements.insertRule.run(values);
    return this.getRule(tenantId, id)!;
  }

  deleteRule(tenantId: string, ruleId: string): NotifyRule {
    const row = this.statements.rule.get(tenantId, ruleId);
    if (!row) throw notFound('That notification rule');
    this.statements.deleteRule.run(tenantId, ruleId);
    if (row.webhook_signed === 1) this.secrets.delete(webhookSecretKey(tenantId, ruleId));
    return toRule(row);
  }

  // ---------------------------------------------------------------- settings

  private readSetting<T>(tenantId: string, key: string): T | null {
    const row = this.statements.setting.get(tenantId, key);
    if (!row) return null;
    try {
      return JSON.parse(row.value) as T;
    } catch {
      return null;
    }
  }

  private writeSetting(tenantId: string, key: string, value: unknown): void {
    this.statements.saveSetting.run(tenantId, key, JSON.stringify(value), this.clock.now());
  }

  quietHours(tenantId: string): QuietHours {
    return { ...defaultQuietHours, ...this.readSetting<Partial<QuietHours>>(tenantId, quietHoursKey) };
  }

  saveQuietHours(tenantId: string, input: QuietHours): QuietHours {
    const timezone = canonicalTimezone(input.timezone.trim());
    if (!timezone)
      throw validation('timezone', `${input.timezone} is not a known time zone (e.g. Europe/Oslo).`);
    if (input.enabled && input.start === input.end)
      throw validation('end', 'Quiet hours need an end that differs from the start.');
    const quiet: QuietHours = { enabled: input.enabled, start: input.start, end: input.end, timezone };
    this.writeSetting(tenantId, quietHoursKey, quiet);
    return quiet;
  }

  /** Whether a message below SEV1 would be held back right now. */
  isQuietNow(tenantId: string, at = this.clock.now()): boolean {
    return inQuietHours(this.quietHours(tenantId), at);
  }

  smtp(tenantId: string): SmtpSettings | null {
    const stored = this.readSetting<SmtpSettings>(tenantId, smtpKey);
    if (!stored) return null;
    return {
      host: stored.host,
      port: stored.port,
      secure: stored.secure,
      user: stored.user ?? null,
      hasPassword: stored.hasPassword === true,
      from: stored.from,
    };
  }

  saveSmtp(tenantId: string, input: SaveSmtpInput): SmtpSettings {
    const host = input.host.trim();
    if (!/^[A-Za-z0-9.:[\]-]+$/.test(host))
      throw validation('host', 'Give the SMTP server as a host name or IP address, e.g. smtp.example.com.');
    const refusal = smtpHostRefusal(host, input.port, this.outbound);
    if (refusal) throw refused('host', refusal);
    if (!isFromAddress(input.from))
      throw validation(
        'from',
        'Give the sender as an address, e.g. alerts@example.com or "Ops <ops@example.com>".',
      );
    const user = input.user?.trim() || null;
    const previous = this.smtp(tenantId);
    let hasPassword = previous?.hasPassword ?? false;
    if (input.password !== undefined) {
      if (input.password === '') {
        this.secrets.delete(smtpSecretKey(tenantId));
        hasPassword = false;
      } else {
        if (!user) throw validation('user', 'A password needs a user name.');
        this.secrets.set(smtpSecretKey(tenantId), input.password);
        hasPassword = true;
      }
    }
    const settings: SmtpSettings = {
      host,
      port: input.port,
      secure: input.secure,
      user,
      hasPassword,
      from: input.from.trim(),
    };
    this.writeSetting(tenantId, smtpKey, settings);
    return settings;
  }

  private smtpConnection(tenantId: string): SmtpConnection | null {
    const settings = this.smtp(tenantId);
    if (!settings) return null;
    const password = settings.hasPassword ? this.secrets.get(smtpSecretKey(tenantId)) : null;
    return { ...settings, password };
  }

  overview(tenantId: string): { rules: NotifyRule[]; quietHours: QuietHours; smtp: SmtpSettings | null } {
    return {
      rules: this.listRules(tenantId),
      quietHours: this.quietHours(tenantId),
      smtp: this.smtp(tenantId),
    };
  }

  // ---------------------------------------------------------------- delivery

  private outgoing(tenantId: string, message: Omit<Outgoing, 'id' | 'tenantId' | 'at'>): Outgoing {
    const at = this.clock.now();
    return { ...message, id: uuidv7(at), tenantId, at };
  }

  private emitDesktop(message: Outgoing): void {
    const notification: Notification = {
      id: message.id,
      event: message.event,
      severity: message.severity,
      title: message.title,
      body: message.body,
      link: message.link,
      at: message.at,
    };
    this.events.emit('notification', notification, { kind: 'tenant', tenantId: message.tenantId });
  }

  private mailFor(message: Outgoing, reason: string) {
    return renderMail({
      severity: message.severity,
      eventLabel: eventLabels[message.event],
      title: message.title,
      body: message.body,
      link: message.link,
      organisation: this.statements.tenantName.get(message.tenantId)?.name ?? null,
      reason,
    });
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

  private webhookSecret(tenantId: string, rule: NotifyRule): string | null {
    return rule.webhookSigned ? this.secrets.get(webhookSecretKey(tenantId, rule.id)) : null;
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
      this.logger.warn(
        { tenantId, event: message.event, channel, target, reason },
        'notification not delivered',
      );
    };
    let mailer: Mailer | null = null;
    try {
      const out = this.outgoing(tenantId, message);
      const quiet = message.severity !== 'SEV1' && this.isQuietNow(tenantId, out.at);
      outcome.suppressedByQuietHours = quiet;
      const rules = quiet
        ? []
        : this.statements.enabledRules
            .all(tenantId)
            .map(toRule)
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
      const batches: { to: string[]; reason: string }[] = [];
      const addressed = new Set<string>();
      for (const rule of rules) {
        const to = rule.emails.filter((address) => !addressed.has(address));
        to.forEach((address) => addressed.add(address));
        if (to.length > 0)
          batches.push({ to, reason: `You get this because of the notification rule "${rule.name}".` });
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
          reason:
            message.event === 'account.security'
              ? 'You get this because it concerns your own Mindframe account.'
              : 'You get this because this was escalated to you.',
        });

      const jobs: Promise<void>[] = [];
      if (batches.length > 0) {
        const connection = this.smtpConnection(tenantId);
        if (!connection) {
          for (const batch of batches) fail('E-mail', batch.to.join(', '), 'SMTP is not configured.');
        } else {
          mailer = createMailer(connection, this.mailTimeouts, this.outbound);
          const mail = mailer;
          for (const batch of batches) {
            jobs.push(
              mail.send({ to: batch.to, ...this.mailFor(out, batch.reason) }).then((problem) => {
                if (problem) fail('E-mail', batch.to.join(', '), problem);
                else outcome.emails.push(...batch.to);
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
        const secret = this.webhookSecret(tenantId, rule);
        jobs.push(
          postWebhook(
            rule.webhookUrl,
            this.webhookPayload(out),
            secret,
            this.webhookTimeoutMs,
            this.outbound,
          ).then((result) => {
            if (result.ok) outcome.webhooks.push(target);
            else fail('Webhook', target, result.reason);
          }),
        );
      }
      await Promise.all(jobs);
      if (rules.length > 0 || direct.length > 0)
        this.logger.info(
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
      this.logger.error({ tenantId, event: message.event, err: error }, 'notification failed');
    } finally {
      mailer?.close();
    }
    return outcome;
  }

  /** notify.test: one test message through one channel; ok:false says why it did not arrive. */
  async test(tenantId: string, input: TestInput): Promise<{ ok: boolean; message: string }> {
    const rule = input.ruleId ? this.getRule(tenantId, input.ruleId) : null;
    if (input.ruleId && !rule) throw notFound('That notification rule');
    const out = this.outgoing(tenantId, {
      event: 'test',
      severity: 'SEV4',
      title: 'Test notification from Mindframe Control Center',
      body: 'If you can read this, notifications reach you through this channel.',
      link: '#/notifications',
    });

    if (input.channel === 'desktop') {
      this.emitDesktop(out);
      return {
        ok: true,
        message: 'A test notification was sent to everyone signed in to this organisation.',
      };
    }

    if (input.channel === 'email') {
      let to: string[];
      if (input.to) {
        const address = input.to.trim().toLowerCase();
        if (!isEmailAddress(address)) throw validation('to', 'Must be a valid e-mail address');
        to = [address];
      } else if (rule) {
        if (rule.emails.length === 0)
          return { ok: false, message: `The rule "${rule.name}" has no e-mail recipients.` };
        to = rule.emails;
      } else {
        throw validation('to', 'Give an e-mail address to send the test to, or a rule.');
      }
      const connection = this.smtpConnection(tenantId);
      if (!connection) return { ok: false, message: 'SMTP is not configured.' };
      const mailer = createMailer(connection, this.mailTimeouts, this.outbound);
      try {
        const refusal = await mailer.refusal();
        if (refusal?.reason === 'unresolvable') return { ok: false, message: refusal.message };
        if (refusal) throw refused('host', refusal);
        const problem = await mailer.send({
          to,
          ...this.mailFor(out, 'You get this because someone sent a test from the notification settings.'),
        });
        if (problem) {
          this.logger.warn(
            { tenantId, channel: 'E-mail', reason: problem },
            'test notification not delivered',
          );
          return { ok: false, message: problem };
        }
        return {
          ok: true,
          message: `A test e-mail was sent to ${plural(to.length, 'recipient')}: ${to.join(', ')}.`,
        };
      } finally {
        mailer.close();
      }
    }

    let url: string;
    let field = 'webhookUrl';
    if (input.to) {
      const problem = webhookUrlProblem(input.to);
      if (problem) throw validation('to', problem);
      url = input.to;
      field = 'to';
    } else if (rule) {
      if (!rule.webhookUrl) return { ok: false, message: `The rule "${rule.name}" has no webhook URL.` };
      url = rule.webhookUrl;
    } else {
      throw validation('to', 'Give a webhook URL to send the test to, or a rule.');
    }
    const secret = rule ? this.webhookSecret(tenantId, rule) : null;
    const result = await postWebhook(
      url,
      this.webhookPayload(out),
      secret,
      this.webhookTimeoutMs,
      this.outbound,
    );
    if (!result.ok && result.refusal && result.refusal !== 'unresolvable')
      throw new AppError('VALIDATION', result.reason, { field, reason: result.refusal });
    if (!result.ok) {
      this.logger.warn(
        { tenantId, channel: 'Webhook', target: describeUrl(url), reason: result.reason },
        'test notification not delivered',
      );
      return { ok: false, message: result.reason };
    }
    return {
      ok: true,
      message: `The server answered ${result.status}${secret ? "; the request was signed with the rule's secret" : ''}.`,
    };
  }
}
