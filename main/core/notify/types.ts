import type { Message, NotifyEvent, Severity } from '../../contract';
import type { MailTemplateData } from '../lib/mail-templates';

/** Something worth telling people about; the tenant's rules decide who hears it and how. */
export interface NotifyMessage {
  /** `account.security` goes only to the people named in `directEmails` (no rule lists it). */
  event: NotifyEvent | 'account.security';
  severity: Severity;
  /** In English: webhooks, logs, and the fallback for a message the catalogue does not know. */
  title: string;
  body: string;
  /** The title as a message, for the app and e-mails in each person's language (else the English). */
  titleMessage?: Message;
  /** The body's paragraphs as messages (else the English body). */
  bodyMessages?: Message[];
  /** A hash route in the app, e.g. "#/incidents/<id>". */
  link: string | null;
  /**
   * The e-mail of this notification written with its own template (a hand-off, a missed ticket
   * target) instead of the generic one; the desktop and webhook parts stay as they are.
   */
  mail?: NotifyMail;
}

/** A notification's own e-mail template and its data. */
export type NotifyMail =
  | { template: 'handoff'; data: MailTemplateData['handoff'] }
  | { template: 'sla_breach'; data: MailTemplateData['sla_breach'] };

export interface NotifyOptions {
  /** Also e-mail these people directly, whatever the rules say (escalation). */
  directEmails?: string[];
}

export interface NotifyOutcome {
  desktop: number;
  emails: string[];
  webhooks: string[];
  suppressedByQuietHours: boolean;
  failures: string[];
}

export interface Notifier {
  notify(tenantId: string, message: NotifyMessage, options?: NotifyOptions): Promise<NotifyOutcome>;
}
