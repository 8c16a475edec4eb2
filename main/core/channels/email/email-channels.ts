import type Database from 'better-sqlite3';
import type { Channel, EmailSettings, EmailTransportStatus } from '../../../contract';
import type { MethodInputParsed } from '../../context';
import type { Clock } from '../../lib/clock';
import { AppError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { message } from '../../lib/message';
import {
  hostTarget,
  OutboundBlockedError,
  staticRefusal,
  type OutboundAllowList,
} from '../../lib/outbound-guard';
import type { SecretStore } from '../../secrets/secret-store';
import type { ChannelOfTenant } from '../service';
import { randomUUID } from 'node:crypto';
import type { Language } from '../../../contract';
import { domainOf, replyReferences, replySubject } from './headers';
import { sendAnswer } from './smtp';
import { MailStore } from './store';
import { defaultTiming, MailboxTransport, type MailReceive, type TransportTiming } from './transport';

type SaveInput = MethodInputParsed<'channels.save'>;

/** Mail that came this long before a channel was saved (switched on, or pointed at a mailbox) is still answered. */
const sinceMarginMs = 10 * 60_000;

/** The SecretStore keys of a channel's passwords. */
export const imapSecretKey = (tenantId: string, channelId: string): string =>
  `tenant:${tenantId}:channel:${channelId}:imap`;
export const smtpSecretKey = (tenantId: string, channelId: string): string =>
  `tenant:${tenantId}:channel:${channelId}:smtp`;

/** The passwords of a `channels.save` (undefined: keep the stored one; '': remove it). */
export interface EmailPasswords {
  imap: string | undefined;
  smtp: string | undefined;
}

export interface EmailChannelsDeps {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  secrets: SecretStore;
  /** The installation's outbound allow-list (local and private mail servers the platform admin allowed). */
  allowList: OutboundAllowList;
  channels: { find(tenantId: string, channelId: string): ChannelOfTenant | null };
  /** The conversation entry point (ConversationsService.receive). */
  receive: MailReceive;
  /** The longest customer message the conversation takes. */
  maxText: number;
  timing?: Partial<TransportTiming>;
}

const validation = (field: string, text: string, reason: 'required' | 'password_needs_user') =>
  new AppError('VALIDATION', text, { field, reason });

const stoppedStatus = (since: number, problem: EmailTransportStatus['problem']): EmailTransportStatus => ({
  state: 'stopped',
  mode: null,
  problem,
  since,
  nextAttemptAt: null,
  lastMailAt: null,
  answered: 0,
  skipped: 0,
});

/**
 * The e-mail channels of the installation: one transport per enabled `email` channel while the
 * core runs (started by `start()`, and again whenever a channel is saved; stopped when it is
 * switched off or deleted, and by `stop()`). Also the boundary of `channels.save` for e-mail:
 * the servers go through the outbound guard, the passwords into the SecretStore (never the
 * database, an answer or a log).
 */
export class EmailChannels {
  readonly store: MailStore;
  private readonly transports = new Map<string, MailboxTransport>();
  private readonly timing: TransportTiming;
  private running = false;

  constructor(private readonly deps: EmailChannelsDeps) {
    this.store = new MailStore(deps.sqlite);
    this.timing = { ...defaultTiming, ...deps.timing };
  }

  /** Starts a transport for every enabled e-mail channel. */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const { tenantId, channelId } of this.store.emailChannels()) this.open(tenantId, channelId);
  }

  /** Stops every transport (the core stops, or a restore replaces the data). */
  stop(): void {
    this.running = false;
    for (const transport of this.transports.values()) void transport.stop();
    this.transports.clear();
  }

  /**
   * Checks the e-mail part of a `channels.save` before anything is written, and takes the
   * passwords out of it (the channel keeps its settings without them).
   */
  prepare(tenantId: string, input: SaveInput): { input: SaveInput; passwords: EmailPasswords } {
    const settings = input.emailSettings;
    if (!settings) return { input, passwords: { imap: undefined, smtp: undefined } };
    const { imapPassword, smtpPassword, ...stored } = settings;
    for (const [field, host, port] of [
      ['emailSettings.imapHost', stored.imapHost, stored.imapPort],
      ['emailSettings.smtpHost', stored.smtpHost, stored.smtpPort],
    ] as const) {
      let refusal: OutboundBlockedError | null;
      try {
        refusal = staticRefusal(hostTarget(host, port), { allowList: this.deps.allowList });
      } catch (error) {
        if (!(error instanceof OutboundBlockedError)) throw error;
        refusal = error;
      }
      if (refusal) throw new AppError('VALIDATION', refusal.message, { field, reason: refusal.reason });
    }
    const hasImap =
      input.id !== undefined && this.deps.secrets.get(imapSecretKey(tenantId, input.id)) !== null;
    if (imapPassword === undefined && !hasImap)
      throw validation('emailSettings.imapPassword', 'The mailbox password is needed.', 'required');
    if (smtpPassword && !stored.smtpUser)
      throw validation('emailSettings.smtpUser', 'A password needs a user name.', 'password_needs_user');
    return {
      input: { ...input, emailSettings: stored as typeof settings },
      passwords: { imap: imapPassword, smtp: smtpPassword },
    };
  }

  /** After the channel is written: keeps its passwords and (re)starts or stops its transport once committed. */
  saved(tenantId: string, channel: Channel, passwords: EmailPasswords): void {
    const { secrets } = this.deps;
    if (channel.kind !== 'email') {
      secrets.delete(imapSecretKey(tenantId, channel.id));
      secrets.delete(smtpSecretKey(tenantId, channel.id));
    } else {
      if (passwords.imap) secrets.set(imapSecretKey(tenantId, channel.id), passwords.imap);
      if (passwords.smtp === '') secrets.delete(smtpSecretKey(tenantId, channel.id));
      else if (passwords.smtp !== undefined) secrets.set(smtpSecretKey(tenantId, channel.id), passwords.smtp);
    }
    this.later(tenantId, channel.id);
  }

  /** After the channel is deleted: its transport stops and its passwords go. */
  deleted(tenantId: string, channelId: string): void {
    this.close(channelId);
    this.deps.secrets.delete(imapSecretKey(tenantId, channelId));
    this.deps.secrets.delete(smtpSecretKey(tenantId, channelId));
  }

  /**
   * The organisation was suspended or reactivated: its transports stop at once, and start again
   * (once the change is committed) for the channels that are switched on while it is active.
   */
  tenantStatusChanged(tenantId: string): void {
    for (const channelId of this.store.channelsOf(tenantId)) {
      this.close(channelId);
      this.later(tenantId, channelId);
    }
  }

  /** Before the organisation is deleted: its transports stop for good and its channels' passwords go. */
  tenantDeleted(tenantId: string): void {
    for (const channelId of this.store.channelsOf(tenantId)) this.deleted(tenantId, channelId);
  }

  /** The channel as the app shows it: whether its passwords are stored, and where its transport stands. */
  describe(tenantId: string, channel: Channel): Channel {
    if (channel.kind !== 'email') return { ...channel, transport: null };
    const { secrets } = this.deps;
    return {
      ...channel,
      emailSettings: channel.emailSettings
        ? {
            ...channel.emailSettings,
            hasImapPassword: secrets.get(imapSecretKey(tenantId, channel.id)) !== null,
            hasSmtpPassword: secrets.get(smtpSecretKey(tenantId, channel.id)) !== null,
          }
        : null,
      transport: this.status(tenantId, channel),
    };
  }

  status(
    tenantId: string,
    channel: Pick<Channel, 'id' | 'emailSettings' | 'updatedAt'>,
  ): EmailTransportStatus {
    const transport = this.transports.get(channel.id);
    if (transport && transport.config.tenantId === tenantId) return transport.status();
    return stoppedStatus(
      channel.updatedAt,
      channel.emailSettings?.imapHost ? null : message('channels.email.not_configured'),
    );
  }

  /**
   * A person's reply to a customer who wrote by e-mail (a ticket's `tickets.reply`): sent through the
   * channel's SMTP in the customer's thread (In-Reply-To their latest mail, References from the
   * thread's root on), recorded as the channel's own so the customer's answer threads back into the
   * conversation. Never throws for delivery trouble: answers why it did not go out.
   */
  async sendPersonReply(
    tenantId: string,
    reply: {
      channelId: string;
      conversationId: string;
      to: string;
      text: string;
      language: Language;
      inReplyTo: string | null;
      subject: string;
      threadKey: string | null;
    },
  ): Promise<{ ok: true; messageId: string } | { ok: false; reason: 'no_transport' | 'failed' }> {
    const { logger, secrets, clock } = this.deps;
    const channel = this.deps.channels.find(tenantId, reply.channelId);
    const settings = channel?.kind === 'email' ? channel.emailSettings : null;
    if (!channel || !settings || !settings.smtpHost || !settings.address)
      return { ok: false, reason: 'no_transport' };
    const ownId = `<${randomUUID()}@${domainOf(settings.address)}>`;
    const threadKey = reply.threadKey ?? reply.inReplyTo;
    // References: the thread from its root up to the mail answered (RFC 5322: the parent's chain and the parent)
    const known = threadKey ? this.store.threadMessages(tenantId, channel.id, threadKey) : [];
    const parentAt = reply.inReplyTo ? known.indexOf(reply.inReplyTo) : -1;
    const before = parentAt >= 0 ? known.slice(0, parentAt) : known;
    const chain = [...new Set([...(threadKey ? [threadKey] : []), ...before])].filter(
      (id) => id !== reply.inReplyTo,
    );
    const problem = await sendAnswer(
      {
        host: settings.smtpHost,
        port: settings.smtpPort,
        tls: settings.smtpTls,
        user: settings.smtpUser,
        password: secrets.get(smtpSecretKey(tenantId, channel.id)),
      },
      {
        from: { name: channel.name, address: settings.address },
        to: reply.to,
        subject: replySubject(reply.subject),
        text: reply.text,
        messageId: ownId,
        inReplyTo: reply.inReplyTo,
        references: replyReferences(chain, reply.inReplyTo),
        language: reply.language,
        marker: channel.publicId,
        byPerson: true,
      },
      this.deps.allowList,
      this.timing,
    );
    if (problem) {
      logger.warn(
        { module: 'channels.email', channelId: channel.id, problem: problem.key },
        "a person's reply could not be sent",
      );
      return { ok: false, reason: 'failed' };
    }
    if (threadKey)
      this.store.record(
        tenantId,
        channel.id,
        { messageId: ownId, direction: 'out', threadKey, conversationId: reply.conversationId },
        clock.now(),
      );
    return { ok: true, messageId: ownId };
  }

  /** Opens (again) once the saving transaction has committed, so the transport reads what was saved. */
  private later(tenantId: string, channelId: string): void {
    if (!this.running) return;
    setImmediate(() => {
      if (this.running) this.open(tenantId, channelId);
    });
  }

  private close(channelId: string): void {
    const transport = this.transports.get(channelId);
    if (!transport) return;
    this.transports.delete(channelId);
    void transport.stop();
  }

  /** Starts the channel's transport with its current settings (stopping the one before), or none. */
  private open(tenantId: string, channelId: string): void {
    this.close(channelId);
    let channel: ChannelOfTenant | null;
    try {
      channel = this.deps.channels.find(tenantId, channelId);
    } catch (error) {
      this.deps.logger.error(
        { module: 'channels.email', channelId, err: error },
        'e-mail channel could not be read',
      );
      return;
    }
    if (!channel || channel.kind !== 'email') return;
    if (!channel.enabled) {
      // switched off: mail that comes meanwhile is left to people; switched on again, it starts afresh
      // (a suspended organisation's mailbox keeps its place: reactivated, it goes on where it was)
      if (channel.tenantActive) this.store.forgetMailbox(tenantId, channelId);
      return;
    }
    const settings: EmailSettings | null = channel.emailSettings;
    if (!settings || !settings.imapHost || !settings.smtpHost || !settings.address) return;
    const { secrets } = this.deps;
    const transport = new MailboxTransport(
      {
        tenantId,
        channelId,
        publicId: channel.publicId,
        name: channel.name,
        settings,
        imapPassword: secrets.get(imapSecretKey(tenantId, channelId)),
        smtpPassword: secrets.get(smtpSecretKey(tenantId, channelId)),
        // a mail server's clock may be a little behind ours
        since: channel.updatedAt - sinceMarginMs,
      },
      {
        store: this.store,
        clock: this.deps.clock,
        logger: this.deps.logger,
        allowList: this.deps.allowList,
        receive: this.deps.receive,
        maxText: this.deps.maxText,
        timing: this.timing,
        onGone: () => {
          if (this.transports.get(channelId) === transport) this.close(channelId);
        },
      },
    );
    this.transports.set(channelId, transport);
    transport.start();
  }
}
