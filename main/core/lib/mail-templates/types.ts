import type { Language, MailTemplateName, Message } from '../../../contract';

/** What a notification e-mail (incident alert or any other notification) is made of. */
export interface MailContent {
  severity: string;
  event: string;
  /** The title and body in English, said when there is no message for them. */
  title: string;
  body: string;
  titleMessage: Message | null;
  bodyMessages: Message[];
  /** A hash route in the app ("#/incidents/<id>") or an absolute URL; null: none. */
  link: string | null;
  organisation: string | null;
  /** Why this person gets the message. */
  reason: Message;
}

/** The data each template is rendered from (strings unless said). */
export interface MailTemplateData {
  welcome: { name: string; organisation: string; link: string };
  invitation: { name: string; inviter: string; organisation: string; link: string; expiresDays: number };
  password_reset: { name: string; link: string; expiresMinutes: number; requestedByAdmin: boolean };
  handoff: {
    ticketNumber: number;
    subject: string;
    customerMessage: string;
    queue: string;
    channel: string;
    link: string;
  };
  sla_breach: {
    ticketNumber: number;
    subject: string;
    target: 'first_response' | 'resolution';
    /** When the target was due (ms since the epoch). */
    dueAt: number;
    link: string;
  };
  incident_alert: MailContent;
  notification: MailContent;
  weekly_report: {
    organisation: string;
    periodStart: number;
    periodEnd: number;
    conversations: number;
    answeredWithoutPerson: number;
    handoffs: number;
    runs: number;
    costMicros: number;
    topIntents: { name: string; count: number }[];
    link: string;
  };
  /** A scheduled Insight report (the dashboard's PDF attached); the texts are in the recipient's language. */
  insight_report: {
    organisation: string;
    /** The dashboard's title. */
    title: string;
    frequency: 'weekly' | 'monthly';
    /** The period, as printed on the PDF. */
    period: string;
    /** The dashboard's headline figures. */
    facts: { label: string; value: string }[];
    link: string;
  };
}

/** An image the HTML part shows inline (`cid:` in its src): the brand's logo. */
export interface InlineImage {
  filename: string;
  contentType: string;
  content: Buffer;
  cid: string;
}

/** One rendered e-mail: its subject, HTML part and plain-text part (and the images it shows inline). */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  attachments?: InlineImage[];
}

/**
 * The installation's brand as the e-mails use it (white label): the product's name, the colour of
 * buttons and links, the logo at the top, the support address in the footer, and the sender.
 */
export interface MailBranding {
  productName: string;
  primaryColor: string;
  logo: { type: string; bytes: Buffer } | null;
  supportEmail: string | null;
  mailFromName: string | null;
  mailFromAddress: string | null;
}

/** What the renderer knows besides the template's data. */
export interface MailContext {
  language: Language;
  /** The organisation's name for the header (null: the product's name alone). */
  organisation: string | null;
  /** The app's address ("https://mindframe.example.com"), to make hash routes absolute; null: unknown. */
  appOrigin: string | null;
  /** Why this person gets the mail, when the sender knows better than the template (notification rules). */
  reason?: Message | null;
  /** The IANA time zone dates are written in (default UTC). */
  timeZone?: string;
  /** The installation's brand; null or absent: the product's own name and colour. */
  brand?: MailBranding | null;
}

export type { MailTemplateName };
