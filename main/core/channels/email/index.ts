/**
 * The e-mail channel (issue 13, part 4): a transport per enabled `email` channel that reads its
 * IMAP mailbox (IDLE, or polling), hands each customer mail to the conversation entry point
 * (`ConversationsService.receive`, threaded by Message-ID / In-Reply-To / References) and sends the
 * agent's answer over SMTP in the same thread; never answers automatic, bulk, list or its own mail;
 * reconnects with backoff. `EmailChannels` is what the core and `channels.save` / `channels.delete`
 * talk to.
 */
export {
  EmailChannels,
  imapSecretKey,
  smtpSecretKey,
  type EmailChannelsDeps,
  type EmailPasswords,
} from './email-channels';
export { defaultTiming, type MailReceive, type TransportTiming } from './transport';
