import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { EmailSettings, EmailTransportStatus, Message } from '../../../contract';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { AppError } from '../../lib/errors';
import { message } from '../../lib/message';
import { hostTarget, parseIp, resolveOutbound, type OutboundAllowList } from '../../lib/outbound-guard';
import {
  domainOf,
  replyReferences,
  replySubject,
  skipReason,
  threadKeyOf,
  type OwnIdentity,
} from './headers';
import { readMail } from './mail';
import { imapProblem, logFields } from './problems';
import { sendAnswer } from './smtp';
import type { MailStore } from './store';

/** How a transport paces itself; the tests make it quick. */
export interface TransportTiming {
  /** Between searches of a mailbox whose server has no IDLE. */
  pollMs: number;
  /** Between searches with IDLE (a safety net for a missed notice; IDLE is restarted as often). */
  idleCheckMs: number;
  /** Quiet time after a command before IDLE begins again (mail that comes meanwhile is reported then). */
  idleAfterMs: number;
  /** The first wait before connecting again; doubled per failure (with jitter) up to retryMaxMs. */
  retryMinMs: number;
  retryMaxMs: number;
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
  /** At most this much of a mail is fetched (headers and text come first; attachments are not needed). */
  maxSourceBytes: number;
  /**
   * At most this many answers to one sender per hour: the last guard against a loop with a robot
   * that does not say it is one (later mail of theirs is left unread for a person).
   */
  maxAnswersPerSenderPerHour: number;
}

export const defaultTiming: TransportTiming = {
  pollMs: 60_000,
  idleCheckMs: 5 * 60_000,
  idleAfterMs: 1_000,
  retryMinMs: 2_000,
  retryMaxMs: 5 * 60_000,
  connectionMs: 20_000,
  greetingMs: 20_000,
  socketMs: 10 * 60_000,
  maxSourceBytes: 2 * 1024 * 1024,
  maxAnswersPerSenderPerHour: 20,
};

/** A customer's mail as the conversation entry point takes it (ConversationsService.receive). */
export interface MailReceive {
  (input: {
    tenantId: string;
    channelId: string;
    externalThreadKey: string;
    contact: string;
    text: string;
    meta: Record<string, unknown>;
  }): Promise<{ conversationId: string; language: 'en' | 'nl' | 'nb'; replies: { text: string }[] }>;
}

/** What one transport serves: a channel's mailbox, as it was when the transport started. */
export interface TransportConfig {
  tenantId: string;
  channelId: string;
  publicId: string;
  /** The name answers are sent under ("Pedal & Co" <help@pedal.test>). */
  name: string;
  settings: EmailSettings;
  imapPassword: string | null;
  smtpPassword: string | null;
  /** Mail older than this is left for people when the transport starts on a mailbox afresh. */
  since: number;
}

export interface TransportDeps {
  store: MailStore;
  clock: Clock;
  logger: Logger;
  allowList: OutboundAllowList;
  receive: MailReceive;
  /** The longest customer message the conversation takes. */
  maxText: number;
  timing: TransportTiming;
  /** The channel is gone or switched off (found while reading): the owner stops this transport. */
  onGone(): void;
}

interface Session {
  client: ImapFlow;
  uidValidity: string;
}

type Outcome = 'done' | 'wait';

const dayMs = 24 * 60 * 60 * 1000;

/** The mailbox a state belongs to: another host, user or folder starts afresh. */
export const mailboxKey = (settings: EmailSettings): string =>
  `${settings.imapHost.toLowerCase()}:${settings.imapPort}/${settings.imapUser}/${settings.mailbox}`;

/** The addresses the channel is: its own mail is never answered. */
export function ownAddresses(settings: EmailSettings): Set<string> {
  return new Set(
    [settings.address, settings.imapUser, settings.smtpUser]
      .map((value) => value.trim().toLowerCase())
      .filter((value) => value.includes('@')),
  );
}

/**
 * One e-mail channel's transport: reads its IMAP mailbox (IDLE where the server offers it, a
 * search every `pollMs` otherwise), hands each new mail to the conversation entry point and sends
 * the agent's answer over SMTP in the same thread. It only dials out. When the server drops the
 * connection or cannot be reached it connects again with backoff, for as long as it runs; no error
 * leaves it (the process never crashes on a mailbox), and its status says where it stands.
 *
 * A mail is taken in once: its Message-ID is recorded, the last UID handled is kept per channel,
 * and an answered mail is marked \Seen. Mail a person has read already is left to them, and so is
 * mail the agent could not answer (it stays unread). While the agent is not live, new mail waits
 * (the position does not move) and is answered once it is.
 */
export class MailboxTransport {
  private stopped = false;
  private session: Session | null = null;
  private wake: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private busy = false;
  private again = false;
  private done: Promise<void> = Promise.resolve();
  private readonly own: OwnIdentity;
  private readonly problems: { imap: Message | null; agent: Message | null; send: Message | null } = {
    imap: null,
    agent: null,
    send: null,
  };
  private readonly state: Omit<EmailTransportStatus, 'problem'>;
  /** When each sender was answered within the last hour (real time: a loop is a matter of seconds). */
  private readonly answeredTo = new Map<string, number[]>();

  constructor(
    readonly config: TransportConfig,
    private readonly deps: TransportDeps,
  ) {
    const { tenantId, channelId } = config;
    this.own = {
      addresses: ownAddresses(config.settings),
      sent: (messageId) => deps.store.direction(tenantId, channelId, messageId) === 'out',
    };
    this.state = {
      state: 'stopped',
      mode: null,
      since: deps.clock.now(),
      nextAttemptAt: null,
      lastMailAt: null,
      answered: 0,
      skipped: 0,
    };
  }

  status(): EmailTransportStatus {
    return { ...this.state, problem: this.problems.imap ?? this.problems.agent ?? this.problems.send };
  }

  start(): void {
    this.done = this.loop().catch((error: unknown) => {
      // the loop catches everything; this is the last line before the process
      this.deps.logger.error(
        { module: 'channels.email', channelId: this.config.channelId, ...logFields(error) },
        'e-mail transport stopped by an error',
      );
    });
  }

  /** Stops reading; resolves when the transport has let go of its connection (or after 5 s). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearPoll();
    this.wake?.();
    try {
      this.session?.client.close();
    } catch {
      // already closed
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.done,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5_000);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  private setState(change: Partial<Omit<EmailTransportStatus, 'problem'>>): void {
    const before = this.state.state;
    Object.assign(this.state, change);
    if (change.state && change.state !== before) {
      this.state.since = this.deps.clock.now();
      this.deps.logger.info(
        {
          module: 'channels.email',
          channelId: this.config.channelId,
          state: change.state,
          mode: this.state.mode,
        },
        'e-mail channel transport',
      );
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let connected = false;
      try {
        connected = await this.connectAndListen();
        if (!this.stopped)
          this.problems.imap = message('channels.email.imap.dropped', { where: this.where() });
      } catch (error) {
        if (this.stopped) break;
        this.problems.imap = imapProblem(error, {
          ...this.whereParts(),
          mailbox: this.config.settings.mailbox,
        });
        this.deps.logger.warn(
          {
            module: 'channels.email',
            channelId: this.config.channelId,
            problem: this.problems.imap.key,
            ...logFields(error),
          },
          'e-mail channel cannot read its mailbox',
        );
      }
      if (this.stopped) break;
      if (connected) failures = 0;
      const { retryMinMs, retryMaxMs } = this.deps.timing;
      const base = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(failures, 20));
      const delay = Math.round(base * (0.75 + Math.random() * 0.5));
      failures += 1;
      this.setState({ state: 'retrying', mode: null, nextAttemptAt: this.deps.clock.now() + delay });
      await this.sleep(delay);
    }
    this.setState({ state: 'stopped', mode: null, nextAttemptAt: null });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private whereParts(): { host: string; port: number } {
    return { host: this.config.settings.imapHost, port: this.config.settings.imapPort };
  }

  private where(): string {
    const { host, port } = this.whereParts();
    return `${host}:${port}`;
  }

  /**
   * One connection: connect (to the address the outbound guard checked), open the folder, take in
   * what arrived, then listen until the connection ends. Answers whether it got as far as listening.
   */
  private async connectAndListen(): Promise<boolean> {
    const { settings, imapPassword } = this.config;
    const { timing } = this.deps;
    this.setState({ state: 'connecting', mode: null, nextAttemptAt: null });
    if (!imapPassword) throw Object.assign(new Error('No IMAP password is stored.'), { code: 'NO_PASSWORD' });
    const target = hostTarget(settings.imapHost, settings.imapPort);
    const pinned = await resolveOutbound(target, { allowList: this.deps.allowList });
    const { ImapFlow } = await import('imapflow');
    if (this.stopped) return false;
    const client = new ImapFlow({
      host: pinned.address,
      port: settings.imapPort,
      secure: settings.imapTls,
      // certificates and SNI are for the name the owner wrote, not the address it resolved to
      ...(parseIp(target.host) ? {} : { servername: target.host }),
      auth: { user: settings.imapUser, pass: imapPassword },
      logger: false,
      connectionTimeout: timing.connectionMs,
      greetingTimeout: timing.greetingMs,
      socketTimeout: timing.socketMs,
      maxIdleTime: timing.idleCheckMs,
      autoIdleDelay: timing.idleAfterMs,
      missingIdleCommand: 'NOOP',
      tls: { minVersion: 'TLSv1.2' },
    });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    // an 'error' without a listener would end the process: every one is logged (no server text)
    client.on('error', (error: unknown) => {
      this.deps.logger.debug(
        { module: 'channels.email', channelId: this.config.channelId, ...logFields(error) },
        'IMAP connection error',
      );
    });
    try {
      await client.connect();
      if (this.stopped) return false;
      let box;
      try {
        box = await client.mailboxOpen(settings.mailbox);
      } catch (error) {
        const code = (error as { serverResponseCode?: unknown }).serverResponseCode;
        throw Object.assign(new Error('The folder cannot be opened.'), {
          code: code === 'NONEXISTENT' ? code : 'MAILBOX_MISSING',
        });
      }
      const session: Session = { client, uidValidity: String(box.uidValidity) };
      this.session = session;
      const idle = client.capabilities.has('IDLE');
      this.problems.imap = null;
      this.setState({ state: 'listening', mode: idle ? 'idle' : 'polling', nextAttemptAt: null });
      client.on('exists', () => this.kick());
      this.clearPoll();
      this.pollTimer = setInterval(() => this.kick(), idle ? timing.idleCheckMs : timing.pollMs);
      this.pollTimer.unref();
      this.kick();
      await closed;
      return true;
    } finally {
      this.clearPoll();
      if (this.session?.client === client) this.session = null;
      try {
        client.close();
      } catch {
        // closed already
      }
    }
  }

  private clearPoll(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  /** Takes in new mail now, or right after the batch that runs (one batch at a time). */
  private kick(): void {
    if (this.stopped) return;
    this.again = true;
    if (this.busy) return;
    this.busy = true;
    void (async () => {
      try {
        while (this.again && !this.stopped) {
          this.again = false;
          const session = this.session;
          if (!session) break;
          try {
            await this.batch(session);
          } catch (error) {
            // the connection went away mid-batch: the next connection picks up where this stopped
            if (!this.stopped)
              this.deps.logger.debug(
                { module: 'channels.email', channelId: this.config.channelId, ...logFields(error) },
                'mailbox batch ended early',
              );
          }
        }
      } finally {
        this.busy = false;
      }
    })();
  }

  /** New mail since the last UID handled (or, on a mailbox seen afresh, unread mail since `since`). */
  private async batch(session: Session): Promise<void> {
    const { store, clock } = this.deps;
    const { tenantId, channelId, settings } = this.config;
    if (!store.channelLive(tenantId, channelId)) {
      this.deps.onGone();
      return;
    }
    const { client } = session;
    const box = client.mailbox;
    if (!box) return;
    const key = mailboxKey(settings);
    let position = store.mailbox(tenantId, channelId);
    if (!position || position.mailboxKey !== key || position.uidValidity !== session.uidValidity) {
      // afresh (a new channel, another mailbox, or the folder was rebuilt): unread mail that came
      // after the baseline is answered; older mail was there before the agent and stays with people
      const notBefore = position && position.mailboxKey === key ? position.updatedAt : this.config.since;
      const highWater = Number(box.uidNext) - 1;
      const found = await client.search({ seen: false, since: new Date(notBefore - dayMs) }, { uid: true });
      const uids = (found || []).filter((uid) => uid <= highWater).sort((a, b) => a - b);
      for (const uid of uids) {
        if (this.stopped) return;
        if ((await this.takeIn(session, uid, notBefore)) === 'wait') return;
      }
      store.saveMailbox(
        tenantId,
        channelId,
        { mailboxKey: key, uidValidity: session.uidValidity, lastUid: highWater },
        clock.now(),
      );
      position = store.mailbox(tenantId, channelId)!;
    }
    const found = await client.search({ uid: `${position.lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > position.lastUid).sort((a, b) => a - b);
    for (const uid of uids) {
      if (this.stopped) return;
      if ((await this.takeIn(session, uid, null)) === 'wait') return;
      store.saveMailbox(
        tenantId,
        channelId,
        { mailboxKey: key, uidValidity: session.uidValidity, lastUid: uid },
        clock.now(),
      );
    }
  }

  private recent(sender: string): number[] {
    const hourAgo = Date.now() - 60 * 60_000;
    const times = (this.answeredTo.get(sender) ?? []).filter((at) => at > hourAgo);
    if (times.length === 0) this.answeredTo.delete(sender);
    else this.answeredTo.set(sender, times);
    return times;
  }

  private mayAnswer(sender: string): boolean {
    return this.recent(sender).length < this.deps.timing.maxAnswersPerSenderPerHour;
  }

  private answered(sender: string): void {
    this.answeredTo.set(sender, [...this.recent(sender), Date.now()]);
    // senders answered more than an hour ago are forgotten
    if (this.answeredTo.size > 1000) for (const known of [...this.answeredTo.keys()]) this.recent(known);
  }

  /** One mail: answered, left alone (with the reason logged), or 'wait' (the agent is not live). */
  private async takeIn(session: Session, uid: number, notBefore: number | null): Promise<Outcome> {
    const { store, clock, logger, timing } = this.deps;
    const { tenantId, channelId, settings } = this.config;
    const { client } = session;
    const fetched = await client.fetchOne(
      String(uid),
      { uid: true, flags: true, internalDate: true, source: { maxLength: timing.maxSourceBytes } },
      { uid: true },
    );
    if (!fetched || !fetched.source) return 'done';
    const arrived = fetched.internalDate ? new Date(fetched.internalDate).getTime() : clock.now();
    if (notBefore !== null && arrived < notBefore) return 'done';
    // a person read it already: theirs to answer
    if (fetched.flags?.has('\\Seen')) return 'done';
    const log = { module: 'channels.email', channelId, uid };
    let mail: Awaited<ReturnType<typeof readMail>>;
    try {
      mail = await readMail(fetched.source);
    } catch (error) {
      // a mail that cannot be read must not hold up the ones after it: it stays unread for a person
      this.state.skipped += 1;
      logger.warn({ ...log, reason: 'unreadable', ...logFields(error) }, 'mail not answered');
      return 'done';
    }
    const skip = skipReason(mail.facts, this.own);
    if (skip) {
      this.state.skipped += 1;
      logger.info({ ...log, reason: skip }, 'mail not answered');
      // the channel's own mail needs no one's attention; automatic mail stays unread for people
      if (skip.startsWith('own_')) await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      return 'done';
    }
    const inKey = mail.facts.messageId ?? `<${session.uidValidity}.${uid}.${channelId}@mailbox.invalid>`;
    if (store.direction(tenantId, channelId, inKey) === 'in') {
      // taken in before (the connection dropped before it was marked, or a second copy)
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      return 'done';
    }
    if (!mail.text) {
      logger.info({ ...log, reason: 'empty' }, 'mail not answered');
      return 'done';
    }
    const sender = mail.facts.replyTo ?? mail.facts.from!;
    if (!this.mayAnswer(sender)) {
      this.state.skipped += 1;
      logger.warn({ ...log, reason: 'sender_limit' }, 'mail not answered');
      return 'done';
    }
    const threadKey = threadKeyOf(
      { messageId: mail.facts.messageId, references: mail.references, inReplyTo: mail.inReplyTo },
      (ids) => store.threadOf(tenantId, channelId, ids),
      inKey,
    );
    let result: Awaited<ReturnType<MailReceive>>;
    try {
      result = await this.deps.receive({
        tenantId,
        channelId,
        externalThreadKey: threadKey,
        contact: sender,
        text: mail.text.slice(0, this.deps.maxText),
        meta: { email: { messageId: mail.facts.messageId, subject: mail.subject } },
      });
    } catch (error) {
      const reason = error instanceof AppError ? error.extra.reason : undefined;
      if (reason === 'agent_unavailable') {
        // the mail waits until the agent is live again (searched again every poll)
        this.problems.agent = message('channels.email.agent_unavailable');
        return 'wait';
      }
      if (reason === 'channel_not_found') {
        this.deps.onGone();
        return 'wait';
      }
      logger.error({ ...log, ...logFields(error) }, 'a mail could not be answered');
      return 'done';
    }
    this.problems.agent = null;
    const { conversationId } = result;
    store.record(
      tenantId,
      channelId,
      { messageId: inKey, direction: 'in', threadKey, conversationId },
      clock.now(),
    );
    this.state.lastMailAt = clock.now();
    if (result.replies.length === 0) return 'done'; // a person answers it: it stays unread
    const ownId = `<${randomUUID()}@${domainOf(settings.address)}>`;
    const problem = await sendAnswer(
      {
        host: settings.smtpHost,
        port: settings.smtpPort,
        tls: settings.smtpTls,
        user: settings.smtpUser,
        password: this.config.smtpPassword,
      },
      {
        from: { name: this.config.name, address: settings.address },
        to: sender,
        subject: replySubject(mail.subject),
        text: result.replies.map((reply) => reply.text).join('\n\n'),
        messageId: ownId,
        inReplyTo: mail.facts.messageId,
        // RFC 5322: without References, the parent's In-Reply-To (one id) starts the chain
        references: replyReferences(
          mail.references.length > 0 ? mail.references : mail.inReplyTo.slice(0, 1),
          mail.facts.messageId,
        ),
        language: result.language,
        marker: this.config.publicId,
      },
      this.deps.allowList,
      timing,
    );
    if (problem) {
      // the answer is in the conversation; the mail stays unread for a person to send it
      this.problems.send = problem;
      logger.warn({ ...log, problem: problem.key }, 'the answer could not be sent');
      return 'done';
    }
    this.problems.send = null;
    this.answered(sender);
    store.record(
      tenantId,
      channelId,
      { messageId: ownId, direction: 'out', threadKey, conversationId },
      clock.now(),
    );
    this.state.answered += 1;
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    return 'done';
  }
}
