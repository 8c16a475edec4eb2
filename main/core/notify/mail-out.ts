import type { Language, MailTemplateName } from '../../contract';
import type { Logger } from '../lib/logger';
import { emptyAllowList, type OutboundAllowList } from '../lib/outbound-guard';
import {
  renderTemplate,
  type MailBranding,
  type MailTemplateData,
  type RenderedMail,
} from '../lib/mail-templates';
import {
  createMailer,
  defaultMailTimeouts,
  isEmailAddress,
  withBrandSender,
  type MailTimeouts,
  type SmtpConnection,
} from './email';

/** Files attached to an e-mail (a report's PDF). */
export interface MailExtra {
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export type MailOutcome = { sent: true } | { sent: false; reason: 'no_smtp' | 'failed' };

/**
 * E-mail the core writes to one person (welcome, invitation, password reset, …), sent through the
 * tenant's SMTP server.
 */
export interface MailOut {
  hasSmtp(tenantId: string): boolean;
  /**
   * Renders `template` in `language` and sends it to `to` through the tenant's SMTP. Never throws
   * for delivery trouble (logs it without secrets); answers the outcome.
   */
  sendTemplate<T extends MailTemplateName>(
    tenantId: string,
    to: string,
    template: T,
    language: Language,
    data: MailTemplateData[T],
    extra?: MailExtra,
  ): Promise<MailOutcome>;
  /** The mail as it would go out (no SMTP needed): the preview in the app, and tests. */
  render<T extends MailTemplateName>(
    tenantId: string,
    template: T,
    language: Language,
    data: MailTemplateData[T],
  ): Promise<RenderedMail>;
}

export interface MailOutDeps {
  smtpConnection: (tenantId: string) => SmtpConnection | null;
  tenantName: (tenantId: string) => string | null;
  /** The app's address, to turn hash routes into links; null: unknown (the route is shown as text). */
  appOrigin?: () => string | null;
  logger: Logger;
  mailTimeouts?: MailTimeouts;
  outbound?: OutboundAllowList;
  /** The installation's brand (white label); null or absent: the product's own. */
  brand?: () => MailBranding | null;
}

export class TemplateMailOut implements MailOut {
  constructor(private readonly deps: MailOutDeps) {}

  hasSmtp(tenantId: string): boolean {
    return this.deps.smtpConnection(tenantId) !== null;
  }

  render<T extends MailTemplateName>(
    tenantId: string,
    template: T,
    language: Language,
    data: MailTemplateData[T],
  ): Promise<RenderedMail> {
    return renderTemplate(template, data, {
      language,
      organisation: this.deps.tenantName(tenantId),
      appOrigin: this.deps.appOrigin?.() ?? null,
      brand: this.deps.brand?.() ?? null,
    });
  }

  async sendTemplate<T extends MailTemplateName>(
    tenantId: string,
    to: string,
    template: T,
    language: Language,
    data: MailTemplateData[T],
    extra?: MailExtra,
  ): Promise<MailOutcome> {
    const { logger } = this.deps;
    const connection = this.deps.smtpConnection(tenantId);
    if (!connection) return { sent: false, reason: 'no_smtp' };
    const address = to.trim().toLowerCase();
    if (!isEmailAddress(address)) {
      logger.warn({ tenantId, template }, 'e-mail not sent: not a valid address');
      return { sent: false, reason: 'failed' };
    }
    const mailer = createMailer(
      withBrandSender(connection, this.deps.brand?.() ?? null),
      this.deps.mailTimeouts ?? defaultMailTimeouts,
      this.deps.outbound ?? emptyAllowList,
    );
    try {
      const mail = await this.render(tenantId, template, language, data);
      const attachments = [...(mail.attachments ?? []), ...(extra?.attachments ?? [])];
      const problem = await mailer.send({
        to: [address],
        ...mail,
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      if (problem) {
        // the reason is ours (a reply code at most) and never holds the password
        logger.warn({ tenantId, template, to: address, reason: problem.text }, 'e-mail not delivered');
        return { sent: false, reason: 'failed' };
      }
      logger.info({ tenantId, template, to: address }, 'e-mail sent');
      return { sent: true };
    } catch (error) {
      logger.error({ tenantId, template, err: error }, 'e-mail failed');
      return { sent: false, reason: 'failed' };
    } finally {
      mailer.close();
    }
  }
}
