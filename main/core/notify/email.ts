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
  /** Images the HTML shows inline (the brand's logo). */
  attachments?: { filename: string; contentType: string; content: Buffer; cid?: string }[];
}

/** The sender the brand sets, if any: its name and/or address. */
export interface BrandSender {
  mailFromName: string | null;
  mailFromAddress: string | null;
}

/**
 * The connection with the brand's sender (white label): the brand's address and name when it sets
 * an address; its name before the organisation's own address when it sets only a name; else as is.
 */
export function withBrandSender(connection: SmtpConnection, brand: BrandSender | null): SmtpConnection {
  if (!brand || (!brand.mailFromAddress && !brand.mailFromName)) return connection;
  const own = connection.from.trim();
  const ownAddress = /<([^<>\s]+)>$/.exec(own)?.[1] ?? own;
  const address = brand.mailFromAddress ?? ownAddress;
  const name = brand.mailFromName?.replace(/[\r\n"\\<>]/g, '').trim();
  return { ...connection, from: name ? `"${name}" <${address}>` : address };
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
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
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

export type { MailContent } from '../lib/mail-templates';
