import type * as NodemailerModule from 'nodemailer';
import type { Language, Message } from '../../../contract';
import { hostTarget, parseIp, resolveOutbound, type OutboundAllowList } from '../../lib/outbound-guard';
import { markerHeader } from './headers';
import { smtpProblem } from './problems';

/** Where and as whom a channel sends (the password comes from the SecretStore). */
export interface SmtpAccount {
  host: string;
  port: number;
  /** Implicit TLS (465); off: STARTTLS when the server offers it (587). */
  tls: boolean;
  user: string;
  password: string | null;
}

export interface Answer {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  language: Language;
  /** The channel's public id in the marker header. */
  marker: string;
  /** A person wrote it (a ticket's reply): no `Auto-Submitted`, so the customer's robots treat it as a person's. */
  byPerson?: boolean;
}

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

/** Loaded on first use: most installations send no e-mail. */
function nodemailer(): typeof NodemailerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose
  return require('nodemailer') as typeof NodemailerModule;
}

/**
 * Sends one answer through the channel's SMTP server: the host is checked by the outbound guard
 * and resolved once, and the connection goes to that checked address (TLS still verifies the name
 * the owner wrote). The answer is in the customer's thread (In-Reply-To, References, "Re:"), says
 * it was sent automatically (RFC 3834 `Auto-Submitted: auto-replied`, so other robots do not answer
 * it) and carries the channel's marker. Resolves with null when the server took it, else why not.
 */
export async function sendAnswer(
  account: SmtpAccount,
  answer: Answer,
  allowList: OutboundAllowList,
  timeouts: SmtpTimeouts,
): Promise<Message | null> {
  const where = { host: account.host, port: account.port };
  let transport: NodemailerModule.Transporter | null = null;
  try {
    const target = hostTarget(account.host, account.port);
    const pinned = await resolveOutbound(target, { allowList });
    transport = nodemailer().createTransport({
      host: pinned.address,
      port: account.port,
      secure: account.tls,
      ...(parseIp(target.host) ? {} : { servername: target.host }),
      ...(account.user ? { auth: { user: account.user, pass: account.password ?? '' } } : {}),
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    const info = (await transport.sendMail({
      from: { name: answer.from.name, address: answer.from.address },
      to: answer.to,
      subject: answer.subject,
      text: answer.text,
      messageId: answer.messageId,
      ...(answer.inReplyTo ? { inReplyTo: answer.inReplyTo } : {}),
      ...(answer.references.length > 0 ? { references: answer.references } : {}),
      headers: {
        ...(answer.byPerson ? {} : { 'Auto-Submitted': 'auto-replied' }),
        [markerHeader]: answer.marker,
        'Content-Language': answer.language,
      },
    })) as { rejected?: unknown[] };
    if (Array.isArray(info.rejected) && info.rejected.length > 0)
      return smtpProblem({ code: 'EENVELOPE' }, where);
    return null;
  } catch (error) {
    return smtpProblem(error, where);
  } finally {
    transport?.close();
  }
}
