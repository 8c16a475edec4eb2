import type Database from 'better-sqlite3';
import { defaultProductName, type NotifyRule } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import { emptyAllowList, type OutboundAllowList } from '../lib/outbound-guard';
import type { SecretStore } from '../secrets/secret-store';
import { tenantDirectory } from '../tenants/queries';
import { peopleDirectory } from '../users/queries';
import { defaultMailTimeouts, type MailTimeouts, type SmtpSettings } from './email';
import type { MailBranding } from '../lib/mail-templates';
import { TemplateMailOut, type MailOut } from './mail-out';
import { NotifyDelivery, type TestInput, type TestResult } from './notify-delivery';
import { NotifySettings, type SaveRuleInput, type SaveSmtpInput } from './notify-settings';
import type { QuietHours } from './quiet-hours';
import type { Notifier, NotifyMessage, NotifyOptions, NotifyOutcome } from './types';
import { defaultWebhookTimeoutMs } from './webhook';

export { admits, type TestInput } from './notify-delivery';
export { smtpSecretKey, webhookSecretKey, type SaveRuleInput, type SaveSmtpInput } from './notify-settings';

export interface NotifyServiceOptions {
  webhookTimeoutMs?: number;
  mailTimeouts?: MailTimeouts;
  /** The installation's outbound allow-list (webhooks and SMTP on this machine or a private network). */
  outbound?: OutboundAllowList;
  /** The app's address, to turn hash routes into links in e-mails; null or absent: unknown. */
  appOrigin?: () => string | null;
  /** The installation's brand for the e-mails (white label); null: the product's own. */
  brand?: () => MailBranding | null;
}

/**
 * Notifications, as one service: who hears about what (NotifySettings: the tenant's rules, quiet
 * hours and SMTP server) and the delivery of a message over the desktop, e-mail and signed
 * webhooks (NotifyDelivery). Secrets (the SMTP password, webhook signing secrets) live only in the
 * SecretStore.
 */
export class NotifyService implements Notifier {
  readonly settings: NotifySettings;
  readonly delivery: NotifyDelivery;
  /** E-mail to one person from a template (welcome, invitation, password reset, …). */
  readonly mailOut: MailOut;
  private readonly tenants: ReturnType<typeof tenantDirectory>;

  constructor(
    sqlite: Database.Database,
    clock: Clock,
    events: EventBus,
    secrets: SecretStore,
    logger: Logger,
    options: NotifyServiceOptions = {},
  ) {
    const outbound = options.outbound ?? emptyAllowList;
    const tenants = tenantDirectory(sqlite);
    this.tenants = tenants;
    const people = peopleDirectory(sqlite);
    this.settings = new NotifySettings(sqlite, clock, secrets, outbound);
    this.delivery = new NotifyDelivery({
      settings: this.settings,
      clock,
      events,
      logger,
      tenantName: (tenantId) => tenants.nameOf(tenantId),
      recipientLanguage: (tenantId, email) => people.languageOf(tenantId, email),
      webhookTimeoutMs: options.webhookTimeoutMs ?? defaultWebhookTimeoutMs,
      mailTimeouts: options.mailTimeouts ?? defaultMailTimeouts,
      outbound,
      ...(options.appOrigin ? { appOrigin: options.appOrigin } : {}),
      ...(options.brand ? { brand: options.brand } : {}),
    });
    this.mailOut = new TemplateMailOut({
      smtpConnection: (tenantId) => this.settings.smtpConnection(tenantId),
      tenantName: (tenantId) => tenants.nameOf(tenantId),
      logger,
      mailTimeouts: options.mailTimeouts ?? defaultMailTimeouts,
      outbound,
      ...(options.appOrigin ? { appOrigin: options.appOrigin } : {}),
      ...(options.brand ? { brand: options.brand } : {}),
    });
    this.brand = options.brand ?? null;
  }

  private readonly brand: (() => MailBranding | null) | null;

  // ---------------------------------------------------------------- settings

  listRules(tenantId: string): NotifyRule[] {
    return this.settings.listRules(tenantId);
  }

  getRule(tenantId: string, ruleId: string): NotifyRule | null {
    return this.settings.getRule(tenantId, ruleId);
  }

  saveRule(tenantId: string, input: SaveRuleInput): NotifyRule {
    return this.settings.saveRule(tenantId, input);
  }

  deleteRule(tenantId: string, ruleId: string): NotifyRule {
    return this.settings.deleteRule(tenantId, ruleId);
  }

  /** The default rule (hand-offs and SLA breaches → desktop) for a new organisation, once; see NotifySettings. */
  offerDefaultRule(tenantId: string): NotifyRule | null {
    return this.settings.offerDefaultRule(tenantId);
  }

  /** At start: the default rule for every organisation never offered it. Answers how many were made. */
  offerDefaultRules(): number {
    return this.settings.offerDefaultRules();
  }

  /** Before the organisation is deleted: its notification secrets leave the SecretStore. */
  forgetTenantSecrets(tenantId: string): void {
    this.settings.forgetTenantSecrets(tenantId);
  }

  quietHours(tenantId: string): QuietHours {
    return this.settings.quietHours(tenantId);
  }

  saveQuietHours(tenantId: string, input: QuietHours): QuietHours {
    return this.settings.saveQuietHours(tenantId, input);
  }

  /** Whether a message below SEV1 would be held back right now. */
  isQuietNow(tenantId: string, at?: number): boolean {
    return this.settings.isQuietNow(tenantId, at);
  }

  /** The organisation's name as e-mails say it (the product's name when it has none). */
  organisationName(tenantId: string): string {
    return this.tenants.nameOf(tenantId) ?? this.brand?.()?.productName ?? defaultProductName;
  }

  smtp(tenantId: string): SmtpSettings | null {
    return this.settings.smtp(tenantId);
  }

  saveSmtp(tenantId: string, input: SaveSmtpInput): SmtpSettings {
    return this.settings.saveSmtp(tenantId, input);
  }

  overview(tenantId: string): { rules: NotifyRule[]; quietHours: QuietHours; smtp: SmtpSettings | null } {
    return this.settings.overview(tenantId);
  }

  // ---------------------------------------------------------------- delivery

  /** Sends a message the way the tenant's rules say (see NotifyDelivery.notify). Never throws. */
  notify(tenantId: string, message: NotifyMessage, options?: NotifyOptions): Promise<NotifyOutcome> {
    return this.delivery.notify(tenantId, message, options);
  }

  /** notify.test: one test message through one channel; ok:false says why it did not arrive. */
  test(tenantId: string, input: TestInput): Promise<TestResult> {
    return this.delivery.test(tenantId, input);
  }
}
