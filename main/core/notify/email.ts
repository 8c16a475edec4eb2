import type * as NodemailerModule from 'nodemailer';
import type { Transporter } from 'nodemailer';
import {
  emptyAllowList,
  hostTarget,
  OutboundBlockedError,
  parseIp,
  refusalSaid,
  resolveOutbound,
  staticRefusal,
  type OutboundAllowList,
} from '../lib/outbound-guard';
import type { Language, Message } from '../../contract';
import { sayIn, translator } from '../lib/catalogue';
import { said, type Said } from '../lib/message';

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

/**
 * The outbound guard's refusal of an SMTP host that can be told without DNS (an address on this
 * machine or a private network the installation does not allow), or null.
 */
export function smtpHostRefusal(
  host: string,
  port: number,
  allowList: OutboundAllowList,
): OutboundBlockedError | null {
  try {
    return staticRefusal(hostTarget(host, port), { allowList });
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error;
    throw error;
  }
}

/** One SMTP transport for the messages of one notification; close it when done. */
export function createMailer(
  connection: SmtpConnection,
  timeouts: MailTimeouts = defaultMailTimeouts,
  allowList: OutboundAllowList = emptyAllowList,
): Mailer {
  return new Mailer(connection, timeouts, allowList);
}

/**
 * Sends through the tenant's SMTP server. The host is checked by the outbound guard and resolved
 * once; the transport connects to that checked address (TLS still verifies the host name), so a
 * second DNS answer cannot move it onto this machine or the private network.
 */
export class Mailer {
  private transport: Promise<Transporter> | null = null;

  constructor(
    private readonly connection: SmtpConnection,
    private readonly timeouts: MailTimeouts,
    private readonly allowList: OutboundAllowList = emptyAllowList,
  ) {}

  /** The checked address to connect to; throws OutboundBlockedError when the guard refuses it. */
  private open(): Promise<Transporter> {
    this.transport ??= (async () => {
      const { connection, timeouts } = this;
      const target = hostTarget(connection.host, connection.port);
      const pinned = await resolveOutbound(target, { allowList: this.allowList });
      return nodemailer().createTransport({
        host: pinned.address,
        port: connection.port,
        secure: connection.secure,
        // certificates and SNI are for the name the admin wrote, not the address it resolved to
        ...(parseIp(target.host) ? {} : { servername: target.host }),
        ...(connection.user ? { auth: { user: connection.user, pass: connection.password ?? '' } } : {}),
        connectionTimeout: timeouts.connectionMs,
        greetingTimeout: timeouts.greetingMs,
        socketTimeout: timeouts.socketMs,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    })();
    return this.transport;
  }

  /** Null when the guard lets this server be reached, else its refusal (nothing is sent then). */
  async refusal(): Promise<OutboundBlockedError | null> {
    try {
      await this.open();
      return null;
    } catch (error) {
      if (error instanceof OutboundBlockedError) return error;
      throw error;
    }
  }

  /** Sends one message; answers null when the server accepted it, else a reason safe to show. */
  async send(mail: OutgoingMail): Promise<Said | null> {
    let transport: Transporter;
    try {
      transport = await this.open();
    } catch (error) {
      if (error instanceof OutboundBlockedError) return refusalSaid(error);
      throw error;
    }
    try {
      const info = (await transport.sendMail({
        from: this.connection.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      })) as { rejected?: unknown[] };
      if (Array.isArray(info.rejected) && info.rejected.length > 0) {
        const recipients = info.rejected.map(String).join(', ');
        return said('notify.smtp.rejected', { recipients }, `The SMTP server refused ${recipients}.`);
      }
      return null;
    } catch (error) {
      const reason = smtpReason(error, this.connection);
      return { ...reason, text: this.scrub(reason.text) };
    }
  }

  close(): void {
    void this.transport?.then(
      (transport) => transport.close(),
      () => undefined,
    );
  }

  /** Belt and braces: a reason never repeats the password, whatever a server echoed back. */
  private scrub(reason: string): string {
    const password = this.connection.password;
    return password && password.length >= 4 ? reason.split(password).join('[redacted]') : reason;
  }
}

/**
 * Why a message did not go out, in our words: the server's reply code at most, never its text
 * (what a server writes is not ours to show, store or log).
 */
function smtpReason(error: unknown, connection: SmtpConnection): Said {
  const err = error as { code?: string; message?: string; responseCode?: number };
  const { host } = connection;
  const where = `${host}:${connection.port}`;
  const reply = typeof err.responseCode === 'number' ? err.responseCode : null;
  const replyCode = reply === null ? '' : ` (${reply})`;
  const detail = err.message ?? '';
  const tls = () =>
    said(
      'notify.smtp.tls',
      { where },
      `TLS with the SMTP server at ${where} failed; check the port and the "secure" setting.`,
    );
  switch (err.code) {
    case 'EAUTH':
      return said(
        'notify.smtp.auth',
        undefined,
        `The SMTP server refused the user name or password${replyCode}.`,
      );
    case 'EDNS':
      return said('notify.smtp.unresolvable', { host }, `The SMTP host ${host} could not be resolved.`);
    case 'ETIMEDOUT':
      return said('notify.smtp.timeout', { where }, `The SMTP server at ${where} did not answer in time.`);
    case 'ETLS':
      return tls();
    case 'EENVELOPE':
      return said(
        'notify.smtp.envelope',
        undefined,
        `The SMTP server refused the sender or recipients${replyCode}.`,
      );
    case 'ECONNECTION':
    case 'ESOCKET':
      if (/ECONNREFUSED/.test(detail))
        return said(
          'notify.smtp.connection_refused',
          { where },
          `The SMTP server at ${where} refused the connection.`,
        );
      if (/wrong version number|ssl3_get_record|packet length/i.test(detail)) return tls();
      return said('notify.smtp.unreachable', { where }, `Could not talk to the SMTP server at ${where}.`);
    default:
      return reply !== null
        ? said('notify.smtp.answered', { reply }, `The SMTP server answered ${reply}.`)
        : typeof err.code === 'string'
          ? said('notify.smtp.failed_code', { code: err.code }, `E-mail could not be sent (${err.code}).`)
          : said('notify.smtp.failed', undefined, 'E-mail could not be sent.');
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
  event: string;
  /** The title and body in English, said when there is no message for them. */
  title: string;
  body: string;
  titleMessage: Message | null;
  bodyMessages: Message[];
  link: string | null;
  organisation: string | null;
  /** Why this person gets the message. */
  reason: Message;
}

/**
 * Subject `[SEV2] <title>`, a plain-text part and a simple HTML part with the same words, in the
 * recipient's language from the app's catalogue.
 */
export function renderMail(content: MailContent, language: Language): Omit<OutgoingMail, 'to'> {
  const t = translator(language);
  const say = (message: Message) => sayIn(language, message);
  const title = (content.titleMessage ? sayIn(language, content.titleMessage, content.title) : content.title)
    .replace(/\s+/g, ' ')
    .trim();
  const body = content.bodyMessages.length > 0 ? content.bodyMessages.map(say).join('\n\n') : content.body;
  const reason = t(`email.${content.reason.key}`, content.reason.params ?? {});
  const subject = `[${content.severity}] ${title}`.slice(0, 250);
  const facts = [
    t('email.severity', { severity: content.severity }),
    t('email.event', { event: t(`email.events.${content.event.replace('.', '_')}`) }),
    ...(content.organisation ? [t('email.organisation', { organisation: content.organisation })] : []),
    ...(content.link ? [t('email.open_in_app', { link: content.link })] : []),
  ];
  const text = [title, '', body, '', ...facts, '', `-- \n${reason}`].join('\n');
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><body style="font-family: system-ui, sans-serif; color: #1f2937; line-height: 1.5">`,
    `<h2 style="margin: 0 0 12px">${escapeHtml(`[${content.severity}] ${title}`)}</h2>`,
    paragraphs,
    `<ul style="padding-left: 18px; color: #4b5563">${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
    `<p style="color: #6b7280; font-size: 12px">${escapeHtml(reason)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
