import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import type { ErrorReason, MessageParams, NotifyEvent, NotifyRule, Severity } from '../../contract';
import type { Clock } from '../lib/clock';
import { AppError, notFound } from '../lib/errors';
import type { OutboundAllowList, OutboundBlockedError } from '../lib/outbound-guard';
import type { SecretStore } from '../secrets/secret-store';
import {
  isEmailAddress,
  isFromAddress,
  smtpHostRefusal,
  type SmtpConnection,
  type SmtpSettings,
} from './email';
import { canonicalTimezone, defaultQuietHours, inQuietHours, type QuietHours } from './quiet-hours';
import { webhookAddressRefusal, webhookUrlProblem } from './webhook';

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

const quietHoursKey = 'notify.quietHours';
const smtpKey = 'notify.smtp';
/** Set once the organisation was offered the default rule, so a rule its owner deleted stays deleted. */
export const defaultRuleOfferedKey = 'notify.defaultRuleOffered';

/**
 * The rule every organisation gets, so a hand-off reaches a person without any setup: on the
 * desktop only (no e-mail goes out unasked), for hand-offs, SLA breaches and customers' replies, and
 * the plan's usage at 80 % and 100 % (so an owner hears of a limit before customers meet it).
 */
export const defaultRule: SaveRuleInput = {
  name: 'Desktop alerts',
  events: [
    'ticket.handoff',
    'ticket.sla_breach',
    'ticket.customer_replied',
    'billing.usage_warning',
    'billing.usage_limit',
  ],
  minSeverity: 'SEV4',
  desktop: true,
  emails: [],
  webhookUrl: null,
  enabled: true,
};
export const smtpSecretKey = (tenantId: string) => `tenant:${tenantId}:smtp`;
export const webhookSecretKey = (tenantId: string, ruleId: string) => `tenant:${tenantId}:webhook:${ruleId}`;

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

export const validation = (field: string, message: string, reason: ErrorReason, params?: MessageParams) =>
  new AppError('VALIDATION', message, { field, reason, ...(params ? { params } : {}) });

/** The outbound guard's refusal as the typed error the UI translates (and offers to allow). */
export const refused = (field: string, error: OutboundBlockedError) =>
  new AppError('VALIDATION', error.message, { field, reason: error.reason });

/**
 * Who hears about what: a tenant's notification rules, quiet hours and SMTP server, checked when
 * saved. Secrets (the SMTP password, webhook signing secrets) live only in the SecretStore.
 */
export class NotifySettings {
  private readonly statements;

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly secrets: SecretStore,
    private readonly outbound: OutboundAllowList,
  ) {
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
      ruleIds: sqlite.prepare<[string], { id: string }>('SELECT id FROM notify_rules WHERE tenant_id = ?'),
      // the tenants table is readable by every domain
      notOffered: sqlite.prepare<[string], { id: string }>(
        `SELECT t.id FROM tenants t
          WHERE NOT EXISTS (SELECT 1 FROM settings s WHERE s.tenant_id = t.id AND s.key = ?)
          ORDER BY t.created_at, t.id`,
      ),
      setting: sqlite.prepare<[string, string], { value: string }>(
        'SELECT value FROM settings WHERE tenant_id = ? AND key = ?',
      ),
      saveSetting: sqlite.prepare<[string, string, string, number]>(
        `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
    };
  }

  listRules(tenantId: string): NotifyRule[] {
    return this.statements.rules.all(tenantId).map(toRule);
  }

  /** The rules that are switched on, in the order they were made. */
  enabledRules(tenantId: string): NotifyRule[] {
    return this.statements.enabledRules.all(tenantId).map(toRule);
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
      throw validation('desktop', 'Choose at least one channel: desktop, e-mail or a webhook.', 'no_channel');
    if (input.events.length === 0) throw validation('events', 'Choose at least one event.', 'no_events');
    const badEmail = emails.find((e) => !isEmailAddress(e));
    if (badEmail)
      throw validation('emails', `${badEmail} is not a valid e-mail address.`, 'email_in_list_invalid', {
        address: badEmail,
      });
    if (webhookUrl) {
      const problem = webhookUrlProblem(webhookUrl);
      if (problem) throw validation('webhookUrl', problem.text, problem.reason);
      const refusal = webhookAddressRefusal(webhookUrl, this.outbound);
      if (refusal) throw refused('webhookUrl', refusal);
    }
    if (!webhookUrl && input.webhookSecret)
      throw validation('webhookSecret', 'A signing secret needs a webhook URL.', 'secret_needs_webhook');

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

  /**
   * Gives the organisation the default rule (hand-offs and SLA breaches → desktop), once: unless it
   * was offered before (the owner may have deleted it) or a rule of its own already covers hand-offs
   * (an import that brought its rules). Answers the rule made, or null.
   */
  offerDefaultRule(tenantId: string): NotifyRule | null {
    if (this.statements.setting.get(tenantId, defaultRuleOfferedKey)) return null;
    const covered = this.listRules(tenantId).some((rule) => rule.events.includes('ticket.handoff'));
    const rule = covered ? null : this.saveRule(tenantId, defaultRule);
    this.writeSetting(tenantId, defaultRuleOfferedKey, { ruleId: rule?.id ?? null });
    return rule;
  }

  /** At start: the default rule for every organisation that was never offered it (those from before it). */
  offerDefaultRules(): number {
    let made = 0;
    for (const { id } of this.statements.notOffered.all(defaultRuleOfferedKey))
      if (this.offerDefaultRule(id)) made += 1;
    return made;
  }

  /** Before the organisation is deleted: its SMTP password and webhook signing secrets leave the SecretStore. */
  forgetTenantSecrets(tenantId: string): void {
    this.secrets.delete(smtpSecretKey(tenantId));
    for (const { id } of this.statements.ruleIds.all(tenantId))
      this.secrets.delete(webhookSecretKey(tenantId, id));
  }

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
      throw validation(
        'timezone',
        `${input.timezone} is not a known time zone (e.g. Europe/Oslo).`,
        'unknown_timezone',
        { timezone: input.timezone },
      );
    if (input.enabled && input.start === input.end)
      throw validation('end', 'Quiet hours need an end that differs from the start.', 'quiet_hours_same');
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
      throw validation(
        'host',
        'Give the SMTP server as a host name or IP address, e.g. smtp.example.com.',
        'smtp_host_invalid',
      );
    const refusal = smtpHostRefusal(host, input.port, this.outbound);
    if (refusal) throw refused('host', refusal);
    if (!isFromAddress(input.from))
      throw validation(
        'from',
        'Give the sender as an address, e.g. alerts@example.com or "Ops <ops@example.com>".',
        'smtp_from_invalid',
      );
    const user = input.user?.trim() || null;
    const previous = this.smtp(tenantId);
    let hasPassword = previous?.hasPassword ?? false;
    if (input.password !== undefined) {
      if (input.password === '') {
        this.secrets.delete(smtpSecretKey(tenantId));
        hasPassword = false;
      } else {
        if (!user) throw validation('user', 'A password needs a user name.', 'password_needs_user');
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

  /** The SMTP server with its password, for sending; null when none is set up. */
  smtpConnection(tenantId: string): SmtpConnection | null {
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

  /** A rule's webhook signing secret, when it is signed. */
  webhookSecret(tenantId: string, rule: NotifyRule): string | null {
    return rule.webhookSigned ? this.secrets.get(webhookSecretKey(tenantId, rule.id)) : null;
  }
}
