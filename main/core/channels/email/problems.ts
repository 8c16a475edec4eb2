import type { Message } from '../../../contract';
import { message } from '../../lib/message';
import { OutboundBlockedError } from '../../lib/outbound-guard';

/**
 * Why the e-mail channel cannot read or send, in our words: a message key and the host and port at
 * most, never what a server wrote (its text is not ours to show, store or log).
 */

interface NetError {
  code?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  responseCode?: unknown;
  serverResponseCode?: unknown;
  tlsFailed?: unknown;
}

const codeOf = (error: unknown): string =>
  typeof (error as NetError | null)?.code === 'string' ? ((error as NetError).code as string) : '';

const isTlsFailure = (error: NetError, code: string): boolean =>
  error.tlsFailed === true ||
  /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY)_|ETLS$)/.test(code) ||
  /wrong version number|ssl3_get_record|packet length|certificate/i.test(String(error.message ?? ''));

/** The fields a log line may hold about a failure (no server text, no credentials). */
export function logFields(error: unknown): Record<string, unknown> {
  const err = (error ?? {}) as NetError;
  return {
    code: codeOf(error) || undefined,
    responseCode: typeof err.responseCode === 'number' ? err.responseCode : undefined,
    authenticationFailed: err.authenticationFailed === true || undefined,
    name: error instanceof Error ? error.name : typeof error,
  };
}

export function imapProblem(error: unknown, where: { host: string; port: number; mailbox: string }): Message {
  if (error instanceof OutboundBlockedError) return message('outbound.refused', { reason: error.reason });
  const err = (error ?? {}) as NetError;
  const code = codeOf(error);
  const at = `${where.host}:${where.port}`;
  if (code === 'NO_PASSWORD') return message('channels.email.imap.no_password');
  if (err.authenticationFailed === true || code === 'AUTHENTICATIONFAILED')
    return message('channels.email.imap.auth');
  if (code === 'NONEXISTENT' || err.serverResponseCode === 'NONEXISTENT' || code === 'MAILBOX_MISSING')
    return message('channels.email.imap.mailbox', { mailbox: where.mailbox });
  if (code === 'ECONNREFUSED') return message('channels.email.imap.refused', { where: at });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return message('channels.email.imap.unresolvable', { host: where.host });
  if (
    code === 'ETIMEDOUT' ||
    code === 'ETIMEOUT' ||
    code === 'CONNECT_TIMEOUT' ||
    code === 'GREETING_TIMEOUT'
  )
    return message('channels.email.imap.timeout', { where: at });
  if (isTlsFailure(err, code) || code === 'ClosedAfterConnectTLS' || code === 'UPGRADE_TIMEOUT')
    return message('channels.email.imap.tls', { where: at });
  if (['ECONNRESET', 'EPIPE', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText'].includes(code))
    return message('channels.email.imap.dropped', { where: at });
  if (/^E[A-Z]+$/.test(code)) return message('channels.email.imap.unreachable', { where: at });
  return message('channels.email.imap.failed');
}

export function smtpProblem(error: unknown, where: { host: string; port: number }): Message {
  if (error instanceof OutboundBlockedError) return message('outbound.refused', { reason: error.reason });
  const err = (error ?? {}) as NetError;
  const code = codeOf(error);
  const at = `${where.host}:${where.port}`;
  const detail = String(err.message ?? '');
  switch (code) {
    case 'EAUTH':
      return message('channels.email.smtp.auth');
    case 'EDNS':
      return message('channels.email.smtp.unresolvable', { host: where.host });
    case 'ETIMEDOUT':
      return message('channels.email.smtp.timeout', { where: at });
    case 'EENVELOPE':
      return message('channels.email.smtp.rejected');
    case 'ETLS':
      return message('channels.email.smtp.tls', { where: at });
    case 'ECONNECTION':
    case 'ESOCKET':
      if (/ECONNREFUSED/.test(detail)) return message('channels.email.smtp.refused', { where: at });
      if (isTlsFailure(err, code)) return message('channels.email.smtp.tls', { where: at });
      return message('channels.email.smtp.unreachable', { where: at });
    default:
      return message('channels.email.smtp.failed');
  }
}
