import type * as NodemailerModule from 'nodemailer';
import type { Transporter } from 'nodemailer';

/** The tenant's SMTP server as stored (the password lives in the SecretStore, never here). */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  from: string;
  hasPassword: boolean;
}

export interface SmtpConnection extends SmtpSettings {
  password: string | null;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface MailTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const defaultMailTimeouts: MailTimeouts = {
  connectionMs: 10_000,
  greetingMs: 10_000,
  socketMs: 20_000,
};

const emailPattern = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** A plain address (the contract already lower-cases and checks rule recipients). */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && emailPattern.test(value);
}

/** `ops@acme.test` or `Acme Ops <ops@acme.test>`. */
export function isFromAddress(value: string): boolean {
  const named = /^[^<>\r\n]*<([^<>\s]+)>$/.exec(value.trim());
  return isEmailAddress(named ? named[1]! : value.trim());
}

/** Loaded on first use: most installations send no e-mail, and start-up stays fast. */
function nodemailer(): typeof NodemailerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose
  return require('nodemailer') as typeof NodemailerModule;
}

/** One SMTP transport for the messages of one notification; close it when done. */
export function createMailer(
  connection: SmtpConnection,
  timeouts: MailTimeouts = defaultMailTimeouts,
): Mailer {
  return new Mailer(connection, timeouts);
}

export class Mailer {
  private readonly transport: Transporter;

  constructor(
    private readonly connection: SmtpConnection,
    timeouts: MailTimeouts,
  ) {
    this.transport = nodemailer().createTransport({
      host: connection.host,
      port: connection.port,
      secure: connection.secure,
      ...(connection.user ? { auth: { user: connection.user, pass: connection.password ?? '' } } : {}),
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  /** Sends one message; answers null when the server accepted it, else a reason safe to show. */
  async send(mail: OutgoingMail): Promise<string | null> {
    try {
      const info = (await this.transport.sendMail({
        from: this.connection.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      })) as { rejected?: unknown[] };
      if (Array.isArray(info.rejected) && info.rejected.length > 0)
        return `The SMTP server refused ${info.rejected.map(String).join(', ')}.`;
      return null;
    } catch (error) {
      return this.scrub(smtpReason(error, this.connection));
    }
  }

  close(): void {
    this.transport.close();
  }

  /** Belt and braces: a reason never repeats the password, whatever a server echoed back. */
  private scrub(reason: string): string {
    const password = this.connection.password;
    return password && password.length >= 4 ? reason.split(password).join('[redacted]') : reason;
  }
}

function smtpReason(error: unknown, connection: SmtpConnection): string {
  const err = error as { code?: string; response?: string; message?: string; responseCode?: number };
  const where = `${connection.host}:${connection.port}`;
  const answer = err.response ? `: ${err.response.slice(0, 200)}` : '';
  const detail = (err.message ?? '').slice(0, 200);
  switch (err.code) {
    case 'EAUTH':
      return `The SMTP server refused the user name or password${answer}.`;
    case 'EDNS':
      return `The SMTP host ${connection.host} could not be resolved.`;
    case 'ETIMEDOUT':
      return `The SMTP server at ${where} did not answer in time.`;
    case 'ETLS':
      return `TLS with the SMTP server at ${where} failed: ${detail}`;
    case 'EENVELOPE':
      return `The SMTP server refused the sender or recipients${answer || `: ${detail}`}.`;
    case 'ECONNECTION':
    case 'ESOCKET':
      if (/ECONNREFUSED/.test(detail)) return `The SMTP server at ${where} refused the connection.`;
      if (/wrong version number|ssl3_get_record|packet length/i.test(detail))
        return `TLS with the SMTP server at ${where} failed; check the port and the "secure" setting.`;
      return `Could not talk to the SMTP server at ${where}: ${detail}`;
    default:
      return err.response ? `The SMTP server answered${answer}.` : `E-mail could not be sent: ${detail}`;
  }
}

const escapeHtml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export interface MailContent {
  severity: string;
  eventLabel: string;
  title: string;
  body: string;
  link: string | null;
  organisation: string | null;
  /** Why this person gets the message. */
  reason: string;
}

/** Subject `[SEV2] <title>`, a plain-text part and a simple HTML part with the same words. */
export function renderMail(content: MailContent): Omit<OutgoingMail, 'to'> {
  const title = content.title.replace(/\s+/g, ' ').trim();
  const subject = `[${content.severity}] ${title}`.slice(0, 250);
  const facts = [
    `Severity: ${content.severity}`,
    `Event: ${content.eventLabel}`,
    ...(content.organisation ? [`Organisation: ${content.organisation}`] : []),
    ...(content.link ? [`In Mindframe Control Center: ${content.link}`] : []),
  ];
  const text = [title, '', content.body, '', ...facts, '', `-- \n${content.reason}`].join('\n');
  const paragraphs = content.body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: system-ui, sans-serif; color: #1f2937; line-height: 1.5">',
    `<h2 style="margin: 0 0 12px">${escapeHtml(`[${content.severity}] ${title}`)}</h2>`,
    paragraphs,
    `<ul style="padding-left: 18px; color: #4b5563">${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
    `<p style="color: #6b7280; font-size: 12px">${escapeHtml(content.reason)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
