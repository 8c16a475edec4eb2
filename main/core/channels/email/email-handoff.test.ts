import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../../testing/harness';
import { allowLocal } from '../../testing/outbound';
import { startSmtp, type SmtpReceiver } from '../../notify/testing/receivers';
import { composeMail, startDovecot, type Dovecot } from './testing/dovecot';

/**
 * Issue 14 over the e-mail channel, against a real IMAP server (Dovecot) and a real SMTP server
 * (smtp-server): a customer's mail the bike-shop agent cannot answer is handed to a person (a
 * ticket opens, the run ends handed over); the person's reply goes out in the customer's mail
 * thread (In-Reply-To, References, "Re:"), as a person's mail (no Auto-Submitted); the customer's
 * answer to it comes back into the same conversation and ticket while the agent stays quiet.
 */

const smtpUser = 'help@pedal.test';
const smtpPassword = 'smtp secret 42';
const customer = 'kari@customer.test';

let dovecot: Dovecot;
let smtp: SmtpReceiver;
let h: Harness;
let owner: SignedIn;
let channel: Channel;
let sequence = 0;

const nextId = () => `<h${++sequence}.${Date.now()}@customer.test>`;

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
  await allowLocal(h.core, owner, `127.0.0.1:${dovecot.port}`);
  await allowLocal(h.core, owner, `127.0.0.1:${smtp.port}`);
  h.core.start();
  channel = await expectOk(
    h.core,
    'channels.save',
    {
      agentId: agent.id,
      kind: 'email',
      name: 'Pedal & Co',
      allowedOrigins: [],
      emailSettings: {
        address: 'help@pedal.test',
        imapHost: '127.0.0.1',
        imapPort: dovecot.port,
        imapTls: false,
        imapUser: dovecot.user,
        imapPassword: dovecot.password,
        mailbox: 'INBOX',
        smtpHost: '127.0.0.1',
        smtpPort: smtp.port,
        smtpTls: false,
        smtpUser,
        smtpPassword,
      },
    },
    owner.call,
  );
  await waitFor('the transport to listen', async () => {
    const { items } = await expectOk(h.core, 'channels.list', {}, owner.call);
    return items.find((item) => item.id === channel.id)?.transport?.state === 'listening' ? true : null;
  });
}, 60_000);

afterAll(async () => {
  h?.close();
  await dovecot?.close();
  await smtp?.close();
});

describe('a hand-off over e-mail', () => {
  it("hands the customer's mail to a person, whose reply goes out in the customer's thread", async () => {
    const first = nextId();
    await dovecot.append(
      composeMail({
        from: `Kari Nordmann <${customer}>`,
        to: 'Pedal & Co <help@pedal.test>',
        subject: 'Pizza',
        messageId: first,
        text: 'Do you sell pizza?',
      }),
    );
    // the agent says a colleague will answer, in the thread
    const agentAnswer = await waitFor('the agent’s answer', () =>
      smtp.mails.find((mail) => mail.headers['in-reply-to'] === first),
    );
    const ticket = await waitFor('the ticket', async () => {
      const { items } = await expectOk(h.core, 'tickets.list', {}, owner.call);
      return items[0];
    });
    expect(ticket).toMatchObject({
      source: 'handoff',
      status: 'new',
      channelKind: 'email',
      requester: customer,
      handler: 'person',
      queue: 'support',
    });
    expect(ticket.customerMessage).toContain('Do you sell pizza?');
    const run = await expectOk(h.core, 'runs.get', { runId: ticket.runId! }, owner.call);
    expect(run.run.status).toBe('handed_over');

    // the person answers from the Inbox: a mail in the customer's thread
    const before = smtp.mails.length;
    const replied = await expectOk(
      h.core,
      'tickets.reply',
      { ticketId: ticket.id, text: 'Hi Kari, no pizza here, sorry! We do fix bikes while you wait.' },
      owner.call,
    );
    expect(replied.ticket.status).toBe('waiting_on_customer');
    const personMail = await waitFor('the person’s reply', () => smtp.mails.slice(before)[0]);
    expect(personMail.recipients).toEqual([customer]);
    expect(personMail.from).toBe('help@pedal.test');
    expect(personMail.subject).toBe('Re: Pizza');
    expect(personMail.headers['in-reply-to']).toBe(first);
    expect(personMail.headers.references).toBe(first);
    expect(personMail.text).toContain('no pizza here, sorry! We do fix bikes while you wait.');
    // written by a person: the customer's robots treat it as such; still the channel's own mail
    expect(personMail.headers['auto-submitted']).toBeUndefined();
    expect(personMail.headers['x-mindframe-channel']).toBe(channel.publicId);
    expect(replied.message?.meta).toEqual({ email: { messageId: personMail.headers['message-id'] } });

    // the customer answers the person's mail: the same conversation and ticket; the agent stays quiet
    const second = nextId();
    const sentBefore = smtp.mails.length;
    await dovecot.append(
      composeMail({
        from: `Kari Nordmann <${customer}>`,
        to: 'help@pedal.test',
        subject: 'Re: Pizza',
        messageId: second,
        inReplyTo: personMail.headers['message-id'],
        references: [first, personMail.headers['message-id']!],
        text: 'Ha, fair enough. Can you true my wheel on Saturday?',
      }),
    );
    const reopened = await waitFor('the customer’s answer on the ticket', async () => {
      const detail = await expectOk(h.core, 'tickets.get', { ticketId: ticket.id }, owner.call);
      return detail.ticket.status === 'open' ? detail : null;
    });
    expect(reopened.messages.at(-1)).toMatchObject({
      role: 'customer',
      text: expect.stringContaining('true my wheel on Saturday') as unknown as string,
    });
    expect(reopened.events.map((e) => e.kind)).toContain('customer_replied');
    const { items } = await expectOk(h.core, 'conversations.list', { channelId: channel.id }, owner.call);
    expect(items).toHaveLength(1);
    // no answer from the agent went out
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.mails.length).toBe(sentBefore);

    // the second reply answers the customer's latest mail, with the thread's chain
    await expectOk(
      h.core,
      'tickets.reply',
      { ticketId: ticket.id, text: 'Saturday at 10:00 works. See you then!', status: 'solved' },
      owner.call,
    );
    const again = await waitFor('the second reply', () => smtp.mails.slice(sentBefore)[0]);
    expect(again.headers['in-reply-to']).toBe(second);
    expect(again.headers.references).toBe(
      `${first} ${agentAnswer.headers['message-id']} ${personMail.headers['message-id']} ${second}`,
    );
    expect(again.subject).toBe('Re: Pizza');
    const solved = await expectOk(h.core, 'tickets.get', { ticketId: ticket.id }, owner.call);
    expect(solved.ticket.status).toBe('solved');
  });
});
