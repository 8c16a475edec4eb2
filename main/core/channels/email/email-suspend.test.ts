import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../contract';
import { createHarness, expectOk, type Harness } from '../../testing/harness';
import { allowLocal } from '../../testing/outbound';
import { twoTenants, type TwoTenants } from '../../testing/tenants-fixture';
import { startSmtp, type SmtpReceiver } from '../../notify/testing/receivers';
import { composeMail, startDovecot, type Dovecot } from './testing/dovecot';

/**
 * A suspended organisation's e-mail channel stops reading its mailbox at once (a real IMAP server,
 * Dovecot on loopback, and a real SMTP server), reads it again when the organisation is
 * reactivated, and for good no more once the organisation is deleted.
 */

const smtpUser = 'help@alpha.test';
const smtpPassword = 'smtp secret 42';
const customer = 'kari@customer.test';

let dovecot: Dovecot;
let smtp: SmtpReceiver;
let h: Harness;
let t: TwoTenants;
let channel: Channel;
let sequence = 0;

const nextId = () => `<s${++sequence}.${Date.now()}@customer.test>`;

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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The channel as the platform admin sees it inside organisation A (even while it is suspended). */
async function channelInA(): Promise<Channel> {
  await expectOk(h.core, 'tenants.switch', { tenantId: t.tenantA }, t.platformAdmin.call);
  const { items } = await expectOk(h.core, 'channels.list', {}, t.platformAdmin.call);
  await expectOk(h.core, 'tenants.switch', { tenantId: t.tenantB }, t.platformAdmin.call);
  return items.find((item) => item.id === channel.id)!;
}

/** A customer's mail into the mailbox; answers its Message-ID. */
async function mail(subject: string): Promise<string> {
  const messageId = nextId();
  await dovecot.append(
    composeMail({
      from: `Kari Nordmann <${customer}>`,
      to: 'help@alpha.test',
      subject,
      messageId,
      text: 'When are you open on Saturday?',
    }),
  );
  return messageId;
}

const answerTo = (messageId: string) => smtp.mails.find((m) => m.headers['in-reply-to'] === messageId);
const seen = async (messageId: string) =>
  (await dovecot.messages()).find((m) => m.messageId === messageId)?.seen ?? false;

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtp({ user: smtpUser, password: smtpPassword });
  h = createHarness({
    emailTiming: {
      retryMinMs: 100,
      retryMaxMs: 1_000,
      pollMs: 300,
      idleCheckMs: 3_000,
      connectionMs: 3_000,
      greetingMs: 3_000,
    },
  });
  t = await twoTenants(h.core);
  await allowLocal(h.core, t.platformAdmin, `127.0.0.1:${dovecot.port}`);
  await allowLocal(h.core, t.platformAdmin, `127.0.0.1:${smtp.port}`);
  const agent = await expectOk(
    h.core,
    'agents.create',
    { templateId: 'bike-shop-repairs', language: 'en' },
    t.alice.call,
  );
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, t.alice.call);
  h.core.start();
  channel = await expectOk(
    h.core,
    'channels.save',
    {
      agentId: agent.id,
      kind: 'email',
      name: 'Alpha Bikes',
      allowedOrigins: [],
      emailSettings: {
        address: 'help@alpha.test',
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
    t.alice.call,
  );
  await waitFor('the transport to listen', async () =>
    (await channelInA()).transport?.state === 'listening' ? true : null,
  );
}, 60_000);

afterAll(async () => {
  h?.close();
  await dovecot?.close();
  await smtp?.close();
});

describe("a suspended organisation's e-mail channel", () => {
  it('stops reading the mailbox at once, reads it again on reactivation, and no more once deleted', async () => {
    const before = await mail('Opening hours');
    await waitFor('the answer while active', () => answerTo(before));

    await expectOk(h.core, 'tenants.suspend', { tenantId: t.tenantA }, t.platformAdmin.call);
    // stopped at once, its own setting kept
    const suspended = await channelInA();
    expect(suspended.enabled).toBe(true);
    expect(suspended.transport?.state).toBe('stopped');
    const during = await mail('Anyone there?');
    // many poll intervals later the mail is still unread and unanswered
    await pause(2_500);
    expect(await seen(during)).toBe(false);
    expect(answerTo(during)).toBeUndefined();

    await expectOk(h.core, 'tenants.reactivate', { tenantId: t.tenantA }, t.platformAdmin.call);
    await waitFor('the transport to listen again', async () =>
      (await channelInA()).transport?.state === 'listening' ? true : null,
    );
    const after = await mail('Back again');
    await waitFor('the answer after reactivation', () => answerTo(after));
    // the mailbox kept its place: the mail that waited while suspended is answered now too
    await waitFor('the answer to the mail that waited', () => answerTo(during));

    await expectOk(
      h.core,
      'tenants.delete',
      { tenantId: t.tenantA, confirmName: 'Alpha Bikes' },
      t.platformAdmin.call,
    );
    const gone = await mail('Still there?');
    await pause(2_500);
    expect(await seen(gone)).toBe(false);
    expect(answerTo(gone)).toBeUndefined();
  }, 60_000);
});
