import { describe, expect, it } from 'vitest';
import {
  messageIds,
  replyReferences,
  replySubject,
  skipReason,
  threadKeyOf,
  type HeaderLine,
  type MailFacts,
  type OwnIdentity,
} from './headers';
import { customerWords, readMail } from './mail';

const own: OwnIdentity = {
  addresses: new Set(['help@pedal.test']),
  sent: (id) => id === '<sent-1@pedal.test>',
};

const line = (name: string, value: string): HeaderLine => ({
  key: name.toLowerCase(),
  line: `${name}: ${value}`,
});

const mail = (
  headers: HeaderLine[],
  from: string | null = 'kari@customer.test',
  extra: Partial<MailFacts> = {},
): MailFacts => ({
  headers,
  from,
  replyTo: null,
  messageId: '<m1@customer.test>',
  ...extra,
});

describe('which mail the e-mail channel answers', () => {
  it('answers a person', () => {
    expect(skipReason(mail([line('Subject', 'Brakes'), line('Auto-Submitted', 'no')]), own)).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied', [line('Auto-Submitted', 'auto-replied')], 'auto_submitted'],
    [
      'Auto-Submitted: auto-generated; with params',
      [line('Auto-Submitted', 'Auto-Generated; owner-email="x@y"')],
      'auto_submitted',
    ],
    ['X-Autoreply', [line('X-Autoreply', 'yes')], 'auto_reply'],
    ['X-Autorespond', [line('X-Autorespond', 'vacation')], 'auto_reply'],
    ['Exchange out of office', [line('X-Auto-Response-Suppress', 'All')], 'auto_reply'],
    ['Precedence: bulk', [line('Precedence', 'bulk')], 'bulk'],
    ['Precedence: junk', [line('Precedence', 'junk')], 'bulk'],
    ['Precedence: list', [line('Precedence', 'list')], 'bulk'],
    ['List-Id', [line('List-Id', '<news.list.test>')], 'mailing_list'],
    ['List-Unsubscribe alone', [line('List-Unsubscribe', '<mailto:x@list.test>')], 'mailing_list'],
    ['Return-Path: <>', [line('Return-Path', '<>')], 'bounce'],
    ['a delivery report', [line('Content-Type', 'multipart/report; report-type=delivery-status')], 'bounce'],
    ['its own marker', [line('X-Mindframe-Channel', 'abc')], 'own_marker'],
  ])('never answers %s', (_name, headers, reason) => {
    expect(skipReason(mail(headers), own)).toBe(reason);
  });

  it('never answers the mail system, a no-reply address, itself or a mail it sent', () => {
    expect(skipReason(mail([], 'MAILER-DAEMON@mx.customer.test'), own)).toBe('bounce');
    expect(skipReason(mail([], 'postmaster@customer.test'), own)).toBe('bounce');
    expect(skipReason(mail([], 'no-reply@shop.test'), own)).toBe('no_reply_address');
    expect(skipReason(mail([], 'noreply+orders@shop.test'), own)).toBe('no_reply_address');
    expect(skipReason(mail([], 'help@pedal.test'), own)).toBe('own_address');
    expect(skipReason(mail([], 'kari@customer.test', { replyTo: 'help@pedal.test' }), own)).toBe(
      'own_address',
    );
    expect(skipReason(mail([], 'kari@customer.test', { messageId: '<sent-1@pedal.test>' }), own)).toBe(
      'own_message',
    );
    expect(skipReason(mail([], null), own)).toBe('no_sender');
    // "noreplyathome" is a person
    expect(skipReason(mail([], 'noreplyathome@customer.test'), own)).toBeNull();
  });
});

describe('threads', () => {
  it('finds Message-IDs in References and In-Reply-To', () => {
    expect(messageIds('<a@x> <b@x>\r\n <c@x>')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(messageIds(['<a@x>', '<a@x>', '<b@x>'])).toEqual(['<a@x>', '<b@x>']);
    expect(messageIds('a@x')).toEqual(['<a@x>']);
    expect(messageIds(undefined)).toEqual([]);
  });

  it('keys a thread by a message it has seen, else the root of References, else what it answers, else itself', () => {
    const none = () => null;
    expect(threadKeyOf({ messageId: '<m@x>', references: [], inReplyTo: [] }, none, '<f>')).toBe('<m@x>');
    expect(
      threadKeyOf(
        { messageId: '<m@x>', references: ['<root@x>', '<b@x>'], inReplyTo: ['<b@x>'] },
        none,
        '<f>',
      ),
    ).toBe('<root@x>');
    expect(threadKeyOf({ messageId: '<m@x>', references: [], inReplyTo: ['<b@x>'] }, none, '<f>')).toBe(
      '<b@x>',
    );
    const known = (ids: string[]) => (ids.includes('<ours@pedal.test>') ? '<root@x>' : null);
    expect(
      threadKeyOf({ messageId: '<m@x>', references: [], inReplyTo: ['<ours@pedal.test>'] }, known, '<f>'),
    ).toBe('<root@x>');
    expect(threadKeyOf({ messageId: null, references: [], inReplyTo: [] }, none, '<f>')).toBe('<f>');
  });

  it('says "Re:" once, whatever the client wrote', () => {
    expect(replySubject('Brake repair')).toBe('Re: Brake repair');
    expect(replySubject('RE: Brake repair')).toBe('RE: Brake repair');
    expect(replySubject('SV: Bremser')).toBe('SV: Bremser');
    expect(replySubject('Antw: Remmen')).toBe('Antw: Remmen');
    expect(replySubject('Reparatie')).toBe('Re: Reparatie');
    expect(replySubject('  ')).toBe('Re:');
  });

  it('keeps the root and the latest references when a thread grows long', () => {
    const long = Array.from({ length: 30 }, (_, i) => `<r${i}@x>`);
    const refs = replyReferences(long, '<m@x>');
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<r0@x>');
    expect(refs[19]).toBe('<m@x>');
    expect(replyReferences(['<a@x>'], '<a@x>')).toEqual(['<a@x>']);
  });
});

describe("the customer's words", () => {
  it('drops quoted text under English, Dutch and Norwegian quote headers, and the signature', async () => {
    expect(
      await customerWords(
        'Thanks! And on Saturday?\n\nOn Mon, 7 Dec 2026 at 10:00, Pedal <help@pedal.test> wrote:\n> We are open 9-17.\n',
      ),
    ).toBe('Thanks! And on Saturday?');
    expect(
      await customerWords(
        'Zijn jullie zaterdag open?\n\nGroet,\nJan\n-- \nJan Jansen\n06 1234 5678\n\nOp ma 7 dec. 2026 om 10:00 schreef Pedal <help@pedal.test>:\n> Hallo',
      ),
    ).toBe('Zijn jullie zaterdag open?\n\nGroet,\nJan');
    expect(
      await customerWords(
        'Har dere åpent lørdag?\n\nman. 7. des. 2026 kl. 10:00 skrev Pedal <help@pedal.test>:\n> Hei\n',
      ),
    ).toBe('Har dere åpent lørdag?');
    expect(await customerWords('Can you fix it today?\n\nSent from my iPhone')).toBe('Can you fix it today?');
  });

  it('reads a mail: headers, addresses, thread ids, and the subject leading a new thread', async () => {
    const raw = [
      'From: "Kari Nordmann" <Kari@Customer.test>',
      'Reply-To: kari.private@customer.test',
      'To: help@pedal.test',
      'Subject: =?utf-8?Q?Bremse_p=C3=A5_sykkelen?=',
      'Message-ID: <new@customer.test>',
      'Auto-Submitted: no',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hei, bremsen <b>hviner</b>.</p>',
      '',
    ].join('\r\n');
    const read = await readMail(Buffer.from(raw));
    expect(read.facts.from).toBe('kari@customer.test');
    expect(read.facts.replyTo).toBe('kari.private@customer.test');
    expect(read.facts.messageId).toBe('<new@customer.test>');
    expect(read.subject).toBe('Bremse på sykkelen');
    expect(read.text).toBe('Bremse på sykkelen\n\nHei, bremsen hviner.');
    expect(read.facts.headers.find((h) => h.key === 'auto-submitted')).toBeTruthy();
    expect(skipReason(read.facts, own)).toBeNull();
  });
});
