import type * as Mailparser from 'mailparser';
import type { AddressObject, ParsedMail } from 'mailparser';
import { messageIds, normalizeMessageId, type HeaderLine, type MailFacts } from './headers';

/**
 * A mail as the e-mail channel reads it: parsed by `mailparser`, with the customer's own words
 * taken out by `email-reply-parser` (Crisp's maintained port of GitHub's email_reply_parser: it
 * drops quoted text under "On … wrote:" / "Op … schreef …:" / "… skrev …:" and other clients'
 * quote headers, "> " lines, signatures after "-- ", "Sent from my iPhone" and the like).
 */
export interface IncomingMail {
  facts: MailFacts;
  references: string[];
  inReplyTo: string[];
  subject: string;
  /** The customer's words: quotes and signature stripped; the subject leads a thread's first mail. */
  text: string;
}

/** At most this much of a mail's text is read (quote stripping is regular expressions: bounded input). */
const maxTextRead = 64 * 1024;

type ReplyParser = { parseReply(text: string): string };
let replyParser: Promise<ReplyParser> | null = null;

/** Loaded on first use (an ES module, and most installations have no e-mail channel). */
function parser(): Promise<ReplyParser> {
  replyParser ??= import('email-reply-parser').then((module) => {
    const EmailReplyParser = (module as { default: new () => ReplyParser }).default;
    return new EmailReplyParser();
  });
  return replyParser;
}

type SimpleParser = typeof Mailparser.simpleParser;
let simpleParser: Promise<SimpleParser> | null = null;

function mailparser(): Promise<SimpleParser> {
  simpleParser ??= import('mailparser').then((module) => module.simpleParser);
  return simpleParser;
}

const firstAddress = (value: AddressObject | AddressObject[] | undefined): string | null => {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const object of objects)
    for (const entry of object.value) {
      const address = entry.address?.trim().toLowerCase();
      if (address && /^[^\s@<>]+@[^\s@<>]+$/.test(address)) return address;
    }
  return null;
};

/** The customer's words of a mail's plain text (or the text mailparser made of its HTML). */
export async function customerWords(text: string): Promise<string> {
  const bounded = text.replace(/\r\n?/g, '\n').slice(0, maxTextRead);
  let visible: string;
  try {
    visible = (await parser()).parseReply(bounded);
  } catch {
    visible = bounded;
  }
  return visible
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Parses a mail's source (attachments are not kept). */
export async function readMail(source: Buffer): Promise<IncomingMail> {
  const parse = await mailparser();
  const parsed: ParsedMail = await parse(source, {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    keepCidLinks: true,
    checksumAlgo: false,
    maxHtmlLengthToParse: 1_000_000,
  });
  const headers: HeaderLine[] = parsed.headerLines.map((line) => ({
    key: line.key.toLowerCase(),
    line: line.line,
  }));
  const messageId = normalizeMessageId(parsed.messageId);
  const references = messageIds(parsed.references);
  const inReplyTo = messageIds(parsed.inReplyTo);
  const subject = (parsed.subject ?? '').replace(/\s+/g, ' ').trim();
  const words = await customerWords(parsed.text ?? '');
  // the first mail of a thread often says half of it in the subject ("Brake repair: price?")
  const startsThread = references.length === 0 && inReplyTo.length === 0;
  const text = startsThread && subject && !words.includes(subject) ? `${subject}\n\n${words}`.trim() : words;
  return {
    facts: { headers, from: firstAddress(parsed.from), replyTo: firstAddress(parsed.replyTo), messageId },
    references,
    inReplyTo,
    subject,
    text,
  };
}
