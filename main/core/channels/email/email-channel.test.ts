import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../../testing/harness';
import { allowLocal } from '../../testing/outbound';
import { startSmtp, type ReceivedMail, type SmtpReceiver } from '../../notify/testing/receivers';
import { composeMail, startDovecot, type Dovecot } from './testing/dovecot';

/**
 * The e-mail channel against a real IMAP server (Dovecot on loopback, started by the test) and a
 * real SMTP server (smtp-server): mail in, the agent's answer out in the same thread; automatic,
 * list and its own mail never answered; the IMAP server restarted mid-way and mail after it still
 * answered. Without Dovecot these tests fail (install it: see testing/dovecot.ts).
 */

const smtpUser = 'help@pedal.test';
const smtpPassword = 'smtp secret 42';
const customer = 'kari@customer.test';
/** The sender of the plain questions that follow a mail that must not be answered. */
const sentinelSender = 'sam@customer.test';
/** Answers to one sender per hour, in these tests (the default is 20). */
const senderLimit = 8;

let dovecot: Dovecot;
let smtp: SmtpReceiver;
let h: Harness;
let owner: SignedIn;
let agentId: string;
let channel: Channel;
let sequence = 0;

const nextId = () => `<m${++sequence}.${Date.now()}@customer.test>`;

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined> | T | null | undefined,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}\n--- dovecot log ---\n${dovecot?.log().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function channelNow(id = channel.id): Promise<Channel> {
  const { items } = await expectOk(h.core, 'channels.list', {}, owner.call);
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error('channel gone');
  return found;
}

const emailSettings = (imapPort: number, extra: Record<string, unknown> = {}) => ({
  address: 'help@pedal.test',
  imapHost: '127.0.0.1',
  imapPort,
  imapTls: false,
  imapUser: dovecot.user,
  imapPassword: dovecot.password,
  mailbox: 'INBOX',
  smtpHost: '127.0.0.1',
  smtpPort: smtp.port,
  smtpTls: false,
  smtpUser,
  smtpPassword,
  ...extra,
});

/** Delivers a mail, then a plain question after it, and waits for the answer to the question: mail is taken in in order, so whatever the first mail caused has happened by then. */
async function deliverThenSentinel(raw: string): Promise<{ before: number; sentinel: ReceivedMail }> {
  const before = smtp.mails.length;
  await dovecot.append(raw);
  const sentinelId = nextId();
  await dovecot.append(
    composeMail({
      from: `Sam <${sentinelSender}>`,
      to: 'help@pedal.test',
      subject: 'Opening hours',
      messageId: sentinelId,
      text: 'When are you open?',
    }),
  );
  const sentinel = await waitFor('the answer to the question after it', () =>
    smtp.mails.find((mail) => mail.headers['in-reply-to'] === sentinelId),
  );
  return { before, sentinel };
}

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtp({ user: smtpUser, password: smtpPassword });
  h = createHarness({
    emailTiming: {
      retryMinMs: 100,
      retryMaxMs: 1_000,
      pollMs: 400,
      idleCheckMs: 3_000,
      connectionMs: 3_000,
      greetingMs: 3_000,
      maxAnswersPerSenderPerHour: senderLimit,
    },
  });
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  const agent = await expectOk(
    h.core,
    'agents.create',
    { templateId: 'bike-shop-repairs', language: 'en' },
    owner.call,
  );
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  agentId = agent.id;
  // the platform admin lets this installation reach the local mail servers (the outbound guard)
  await allowLocal(h.core, owner, `127.0.0.1:${dovecot.port}`);
  await allowLocal(h.core, owner, `127.0.0.1:${smtp.port}`);
  h.core.start();
  channel = await expectOk(
    h.core,
    'channels.save',
    {
      agentId,
      kind: 'email',
      name: 'Pedal & Co',
      allowedOrigins: [],
      emailSettings: emailSettings(dovecot.port),
    },
    owner.call,
  );
  await waitFor('the transport to listen', async () =>
    (await channelNow()).transport?.state === 'listening' ? true : null,
  );
}, 60_000);

afterAll(async () => {
  h?.close();
  await dovecot?.close();
  await smtp?.close();
});

describe('e-mail channel over IMAP (Dovecot) and SMTP', () => {
  it('answers a mail in the same thread, from the channel address, and keeps the conversation', async () => {
    const listening = await channelNow();
    expect(listening.transport).toMatchObject({ state: 'listening', mode: 'idle', problem: null });
    const first = nextId();
    await dovecot.append(
      composeMail({
        from: `Kari Nordmann <${customer}>`,
        to: 'Pedal & Co <help@pedal.test>',
        subject: 'Brake repair',
        messageId: first,
        text: 'Hello, my rear brake squeaks. How much is a brake service?\n\n-- \nKari Nordmann\nNordmann Consulting',
      }),
    );
    const answer = await waitFor('the answer', () =>
      smtp.mails.find((mail) => mail.headers['in-reply-to'] === first),
    );
    expect(answer.recipients).toEqual([customer]);
    expect(answer.from).toBe('help@pedal.test');
    expect(answer.headers.from).toContain('help@pedal.test');
    expect(answer.headers.from).toContain('Pedal & Co');
    expect(answer.subject).toBe('Re: Brake repair');
    expect(answer.headers.references).toBe(first);
    expect(answer.headers['auto-submitted']).toBe('auto-replied');
    expect(answer.headers['x-mindframe-channel']).toBe(channel.publicId);
    expect(answer.headers['message-id']).toMatch(/^<[0-9a-f-]+@pedal\.test>$/);
    expect(answer.text.trim().length).toBeGreaterThan(0);
    // signed in with the stored SMTP password
    expect(smtp.logins).toContainEqual({ user: smtpUser, password: smtpPassword });

    // the mail is marked read in the mailbox
    await waitFor(
      'the mail marked \\Seen',
      async () => (await dovecot.messages()).find((m) => m.messageId === first)?.seen,
    );

    // the conversation: the customer's words without the signature, the agent's answer with its run
    const { items } = await expectOk(h.core, 'conversations.list', { channelId: channel.id }, owner.call);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ channelKind: 'email', contact: customer });
    const thread = await expectOk(h.core, 'conversations.get', { conversationId: items[0]!.id }, owner.call);
    const customerTurn = thread.messages.find((message) => message.role === 'customer')!;
    expect(customerTurn.text).toContain('rear brake squeaks');
    expect(customerTurn.text).not.toContain('Nordmann Consulting');
    const agentTurn = thread.messages.find((message) => message.role === 'agent')!;
    expect(agentTurn.runId).toBeTruthy();
    expect(answer.text).toContain(agentTurn.text.split('\n')[0]!.slice(0, 40));

    // the customer answers the answer (quoting it, naming only the answer in In-Reply-To): same conversation
    const second = nextId();
    await dovecot.append(
      composeMail({
        from: `Kari Nordmann <${customer}>`,
        to: 'help@pedal.test',
        subject: 'Re: Brake repair',
        messageId: second,
        inReplyTo: answer.headers['message-id'],
        text: `And on Saturday?\n\nOn Mon, 7 Dec 2026 at 10:00, Pedal & Co <help@pedal.test> wrote:\n> ${agentTurn.text.split('\n')[0]}\n> More of the quote`,
      }),
    );
    const again = await waitFor('the second answer', () =>
      smtp.mails.find((mail) => mail.headers['in-reply-to'] === second),
    );
    expect(again.subject).toBe('Re: Brake repair');
    // References keeps the thread's root and the mail answered
    expect(again.headers.references).toBe(`${answer.headers['message-id']} ${second}`);
    const after = await expectOk(h.core, 'conversations.list', { channelId: channel.id }, owner.call);
    expect(after.items).toHaveLength(1);
    const whole = await expectOk(h.core, 'conversations.get', { conversationId: items[0]!.id }, owner.call);
    const customerTurns = whole.messages
      .filter((message) => message.role === 'customer')
      .map((message) => message.text);
    expect(customerTurns).toEqual([expect.stringContaining('rear brake squeaks'), 'And on Saturday?']);
  });

  it('never answers an auto-reply or a bounce', async () => {
    const outOfOffice = nextId();
    const { before, sentinel } = await deliverThenSentinel(
      composeMail({
        from: `Ola <ola@customer.test>`,
        to: 'help@pedal.test',
        subject: 'Out of office: Brake repair',
        messageId: outOfOffice,
        text: 'I am away until Monday.',
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
      }),
    );
    expect(smtp.mails.slice(before)).toEqual([sentinel]);
    const bounce = nextId();
    const next = await deliverThenSentinel(
      composeMail({
        from: 'Mail Delivery System <MAILER-DAEMON@customer.test>',
        to: 'help@pedal.test',
        subject: 'Undelivered Mail Returned to Sender',
        messageId: bounce,
        text: 'This is the mail system at host customer.test. I am sorry to have to inform you...',
        headers: { 'Return-Path': '<>' },
      }),
    );
    expect(smtp.mails.slice(next.before)).toEqual([next.sentinel]);
    // left unread for a person
    const stored = await dovecot.messages();
    expect(stored.find((m) => m.messageId === outOfOffice)?.seen).toBe(false);
    expect(stored.find((m) => m.messageId === bounce)?.seen).toBe(false);
    expect((await channelNow()).transport?.skipped).toBeGreaterThanOrEqual(2);
  });

  it('never answers mailing-list or bulk mail', async () => {
    const { before, sentinel } = await deliverThenSentinel(
      composeMail({
        from: 'Cycling News <news@list.test>',
        to: 'help@pedal.test',
        subject: 'This week in cycling',
        messageId: nextId(),
        text: 'Any questions? Reply to this mail!',
        headers: {
          'List-Id': 'Cycling News <news.list.test>',
          'List-Unsubscribe': '<mailto:leave@list.test>',
          Precedence: 'list',
        },
      }),
    );
    expect(smtp.mails.slice(before)).toEqual([sentinel]);
    const bulk = await deliverThenSentinel(
      composeMail({
        from: 'Deals <deals@shop.test>',
        to: 'help@pedal.test',
        subject: 'Big sale',
        messageId: nextId(),
        text: 'Reply to get a coupon.',
        headers: { Precedence: 'bulk' },
      }),
    );
    expect(smtp.mails.slice(bulk.before)).toEqual([bulk.sentinel]);
  });

  it('never answers its own answer coming back into the mailbox', async () => {
    const own = smtp.mails[0]!;
    const { before, sentinel } = await deliverThenSentinel(own.raw);
    expect(smtp.mails.slice(before)).toEqual([sentinel]);
    // and not a copy without its marker either: its Message-ID is one it sent
    const stripped = own.raw
      .replace(/^X-Mindframe-Channel:.*\r\n/im, '')
      .replace(/^From:.*\r\n/im, `From: Someone <other@elsewhere.test>\r\n`);
    expect(stripped).not.toMatch(/X-Mindframe-Channel/i);
    const next = await deliverThenSentinel(stripped.replace(/^Auto-Submitted:.*\r\n/im, ''));
    expect(smtp.mails.slice(next.before)).toEqual([next.sentinel]);
    // its own mail needs no one: marked read
    const stored = await dovecot.messages();
    expect(stored.filter((m) => m.messageId === own.headers['message-id']).every((m) => m.seen)).toBe(true);
  });

  it('answers one sender at most so often, so a robot that does not say it is one cannot keep it in a loop', async () => {
    const robot = 'tickets@helpdesk.test';
    const ids = Array.from({ length: senderLimit + 1 }, () => nextId());
    const before = smtp.mails.length;
    for (const [n, id] of ids.entries())
      await dovecot.append(
        composeMail({
          from: `Helpdesk <${robot}>`,
          to: 'help@pedal.test',
          subject: `Ticket ${n}`,
          messageId: id,
          text: `We got your message (ticket ${n}).`,
        }),
      );
    const { sentinel } = await deliverThenSentinel(
      composeMail({
        from: `Helpdesk <${robot}>`,
        to: 'help@pedal.test',
        subject: 'One more',
        messageId: nextId(),
        text: 'And another.',
      }),
    );
    const toRobot = smtp.mails.slice(before).filter((mail) => mail.recipients.includes(robot));
    expect(toRobot.map((mail) => mail.headers['in-reply-to'])).toEqual(ids.slice(0, senderLimit));
    expect(smtp.mails.slice(before)).toContain(sentinel);
    // the ones not answered stay unread for a person
    const stored = await dovecot.messages();
    expect(stored.find((m) => m.messageId === ids[senderLimit])?.seen).toBe(false);
  });

  it('keeps answering after the IMAP server restarts, and says so while it is away', async () => {
    await dovecot.stop();
    const away = await waitFor('the transport to notice', async () => {
      const transport = (await channelNow()).transport;
      return transport?.state === 'retrying' && transport.problem?.key.startsWith('channels.email.imap.')
        ? transport
        : null;
    });
    expect(['channels.email.imap.dropped', 'channels.email.imap.refused']).toContain(away.problem?.key);
    await dovecot.start();
    // mail that arrives right after the restart, before the transport is back, is answered too
    const afterRestart = nextId();
    await dovecot.append(
      composeMail({
        from: `Kari <${customer}>`,
        to: 'help@pedal.test',
        subject: 'Pick-up',
        messageId: afterRestart,
        text: 'Can I pick up my bike at 5?',
      }),
    );
    const answer = await waitFor('the answer after the restart', () =>
      smtp.mails.find((mail) => mail.headers['in-reply-to'] === afterRestart),
    );
    expect(answer.subject).toBe('Re: Pick-up');
    expect(smtp.mails.filter((mail) => mail.headers['in-reply-to'] === afterRestart)).toHaveLength(1);
    await waitFor('listening again', async () =>
      (await channelNow()).transport?.state === 'listening' ? true : null,
    );
    expect((await channelNow()).transport?.problem).toBeNull();
  });

  it('keeps the passwords out of the database and the answers, and the mail servers behind the outbound guard', async () => {
    const shown = await channelNow();
    expect(shown.emailSettings).toMatchObject({
      hasImapPassword: true,
      hasSmtpPassword: true,
      imapUser: dovecot.user,
    });
    expect(JSON.stringify(shown)).not.toContain(dovecot.password);
    expect(JSON.stringify(shown)).not.toContain(smtpPassword);
    // every file of the data folder (the database, its write-ahead log, the sealed secrets, logs)
    const dataFiles = readdirSync(h.dataDir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
    expect(dataFiles.length).toBeGreaterThan(0);
    for (const file of dataFiles) {
      const bytes = readFileSync(join(h.dataDir, file)).toString('latin1');
      expect(bytes).not.toContain(dovecot.password);
      expect(bytes).not.toContain(smtpPassword);
    }
    // a mail server on this machine that the platform admin did not allow is refused when saved
    const refused = await h.core.dispatch(
      'channels.save',
      {
        agentId,
        kind: 'email',
        name: 'Other',
        allowedOrigins: [],
        emailSettings: emailSettings(dovecot.port + 1),
      },
      owner.call,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'emailSettings.imapHost', reason: 'blocked_address' },
    });
    // the settings are checked at the boundary: an address, hosts, a user for a password, e-mail only
    const badAddress = await h.core.dispatch(
      'channels.save',
      {
        agentId,
        kind: 'email',
        name: 'Other',
        allowedOrigins: [],
        emailSettings: emailSettings(dovecot.port, { address: 'help at pedal' }),
      },
      owner.call,
    );
    expect(badAddress).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'emailSettings.address' },
    });
    const badHost = await h.core.dispatch(
      'channels.save',
      {
        agentId,
        kind: 'email',
        name: 'Other',
        allowedOrigins: [],
        emailSettings: emailSettings(dovecot.port, { smtpHost: 'smtp.pedal.test/x' }),
      },
      owner.call,
    );
    expect(badHost).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'emailSettings.smtpHost' },
    });
    const noUser = await h.core.dispatch(
      'channels.save',
      {
        agentId,
        kind: 'email',
        name: 'Other',
        allowedOrigins: [],
        emailSettings: emailSettings(dovecot.port, { smtpUser: '' }),
      },
      owner.call,
    );
    expect(noUser).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'emailSettings.smtpUser', reason: 'password_needs_user' },
    });
    const onWeb = await h.core.dispatch(
      'channels.save',
      { agentId, kind: 'web', name: 'Other', allowedOrigins: [], emailSettings: emailSettings(dovecot.port) },
      owner.call,
    );
    expect(onWeb).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'emailSettings' } });
    const { items } = await expectOk(h.core, 'channels.list', {}, owner.call);
    expect(items.map((item) => item.name)).not.toContain('Other');
    // a new channel needs its mailbox password
    const { imapPassword: _left, ...withoutPassword } = emailSettings(dovecot.port);
    const noPassword = await h.core.dispatch(
      'channels.save',
      { agentId, kind: 'email', name: 'Other', allowedOrigins: [], emailSettings: withoutPassword },
      owner.call,
    );
    expect(noPassword).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'emailSettings.imapPassword', reason: 'required' },
    });
  });

  it('reads a server without IDLE by polling', async () => {
    const plain = await startDovecot({ idle: false, user: 'werkplaats@pedal.test' });
    try {
      await allowLocal(h.core, owner, `127.0.0.1:${plain.port}`);
      const polled = await expectOk(
        h.core,
        'channels.save',
        {
          agentId,
          kind: 'email',
          name: 'Werkplaats',
          allowedOrigins: [],
          emailSettings: {
            ...emailSettings(plain.port),
            address: 'werkplaats@pedal.test',
            imapUser: plain.user,
            imapPassword: plain.password,
          },
        },
        owner.call,
      );
      const listening = await waitFor('the polling transport', async () => {
        const transport = (await channelNow(polled.id)).transport;
        return transport?.state === 'listening' ? transport : null;
      });
      expect(listening.mode).toBe('polling');
      const id = nextId();
      await plain.append(
        composeMail({
          from: `Kari <${customer}>`,
          to: 'werkplaats@pedal.test',
          subject: 'Tyres',
          messageId: id,
          text: 'Do you have 28 inch tyres?',
        }),
      );
      const answer = await waitFor('the polled answer', () =>
        smtp.mails.find((mail) => mail.headers['in-reply-to'] === id),
      );
      expect(answer.from).toBe('werkplaats@pedal.test');
      // deleting the channel stops its transport
      await expectOk(h.core, 'channels.delete', { channelId: polled.id }, owner.call);
      const later = nextId();
      await plain.append(
        composeMail({
          from: `Kari <${customer}>`,
          to: 'werkplaats@pedal.test',
          subject: 'Still there?',
          messageId: later,
          text: 'Hello?',
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(smtp.mails.some((mail) => mail.headers['in-reply-to'] === later)).toBe(false);
      expect((await plain.messages()).find((m) => m.messageId === later)?.seen).toBe(false);
    } finally {
      await plain.close();
    }
  });
});
