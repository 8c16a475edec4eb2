import type { Channel, MethodInput } from '../../../contract';

/** An e-mail channel as its form edits it (ports as typed; passwords only when typed). */
export interface EmailDraft {
  name: string;
  address: string;
  imapHost: string;
  imapPort: string;
  imapTls: boolean;
  imapUser: string;
  /** Empty: keep the stored password. */
  imapPassword: string;
  mailbox: string;
  smtpHost: string;
  smtpPort: string;
  smtpTls: boolean;
  smtpUser: string;
  /** Empty: keep the stored password (or none). */
  smtpPassword: string;
  /** Remove the stored SMTP password (a server that takes mail without signing in). */
  removeSmtpPassword: boolean;
  enabled: boolean;
}

export type EmailField =
  | 'name'
  | 'address'
  | 'imapHost'
  | 'imapPort'
  | 'imapUser'
  | 'imapPassword'
  | 'mailbox'
  | 'smtpHost'
  | 'smtpPort'
  | 'smtpUser';

/** Why a field cannot be saved (a key under agents.publish.mail.problems), as the core checks it. */
export type EmailProblem = 'required' | 'address' | 'host' | 'port' | 'passwordNeedsUser';

/** The usual ports: TLS from the first byte, or STARTTLS. */
const imapPorts = { tls: '993', starttls: '143' } as const;
const smtpPorts = { tls: '465', starttls: '587' } as const;

export function emailDraftOf(channel: Channel | null, defaults: { name: string }): EmailDraft {
  const settings = channel?.emailSettings ?? null;
  return {
    name: channel?.name ?? defaults.name,
    address: settings?.address ?? '',
    imapHost: settings?.imapHost ?? '',
    imapPort: String(settings?.imapPort ?? imapPorts.tls),
    imapTls: settings?.imapTls ?? true,
    imapUser: settings?.imapUser ?? '',
    imapPassword: '',
    mailbox: settings?.mailbox || 'INBOX',
    smtpHost: settings?.smtpHost ?? '',
    smtpPort: String(settings?.smtpPort ?? smtpPorts.starttls),
    smtpTls: settings?.smtpTls ?? false,
    smtpUser: settings?.smtpUser ?? '',
    smtpPassword: '',
    removeSmtpPassword: false,
    enabled: channel?.enabled ?? true,
  };
}

/**
 * Switching TLS moves a port that is the other mode's usual one to this mode's (993 ↔ 143,
 * 465 ↔ 587); a port the owner typed stays.
 */
export function withTls(draft: EmailDraft, server: 'imap' | 'smtp', tls: boolean): EmailDraft {
  const ports = server === 'imap' ? imapPorts : smtpPorts;
  const portKey = server === 'imap' ? 'imapPort' : 'smtpPort';
  const current = draft[portKey].trim();
  const usual = tls ? ports.starttls : ports.tls;
  return {
    ...draft,
    [server === 'imap' ? 'imapTls' : 'smtpTls']: tls,
    [portKey]: current === usual ? (tls ? ports.tls : ports.starttls) : draft[portKey],
  };
}

const isAddress = (value: string) =>
  /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/.test(value);
const isHost = (value: string) => /^[A-Za-z0-9.:[\]-]+$/.test(value) && value.length <= 253;
const isPort = (value: string) => /^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535;

/** What is wrong with the draft before it goes to the core (the core checks again, and the servers). */
export function emailProblems(
  draft: EmailDraft,
  stored: { hasImapPassword: boolean },
): Partial<Record<EmailField, EmailProblem>> {
  const problems: Partial<Record<EmailField, EmailProblem>> = {};
  const name = draft.name.trim();
  if (!name || name.length > 100) problems.name = 'required';
  const address = draft.address.trim();
  if (!address) problems.address = 'required';
  else if (!isAddress(address)) problems.address = 'address';
  for (const [field, value] of [
    ['imapHost', draft.imapHost.trim()],
    ['smtpHost', draft.smtpHost.trim()],
  ] as const) {
    if (!value) problems[field] = 'required';
    else if (!isHost(value)) problems[field] = 'host';
  }
  if (!isPort(draft.imapPort.trim())) problems.imapPort = 'port';
  if (!isPort(draft.smtpPort.trim())) problems.smtpPort = 'port';
  if (!draft.imapUser.trim()) problems.imapUser = 'required';
  if (!draft.imapPassword && !stored.hasImapPassword) problems.imapPassword = 'required';
  if (!draft.mailbox.trim()) problems.mailbox = 'required';
  if (draft.smtpPassword && !draft.smtpUser.trim()) problems.smtpUser = 'passwordNeedsUser';
  return problems;
}

/** What channels.save gets for an e-mail channel of the agent (passwords only when typed). */
export function emailSaveInput(
  agentId: string,
  id: string | null,
  draft: EmailDraft,
): MethodInput<'channels.save'> {
  const smtpPassword = draft.smtpPassword ? draft.smtpPassword : draft.removeSmtpPassword ? '' : undefined;
  return {
    ...(id ? { id } : {}),
    agentId,
    kind: 'email',
    name: draft.name.trim(),
    allowedOrigins: [],
    enabled: draft.enabled,
    emailSettings: {
      address: draft.address.trim(),
      imapHost: draft.imapHost.trim(),
      imapPort: Number(draft.imapPort.trim()),
      imapTls: draft.imapTls,
      imapUser: draft.imapUser.trim(),
      ...(draft.imapPassword ? { imapPassword: draft.imapPassword } : {}),
      mailbox: draft.mailbox.trim(),
      smtpHost: draft.smtpHost.trim(),
      smtpPort: Number(draft.smtpPort.trim()),
      smtpTls: draft.smtpTls,
      smtpUser: draft.smtpUser.trim(),
      ...(smtpPassword !== undefined ? { smtpPassword } : {}),
    },
  };
}
