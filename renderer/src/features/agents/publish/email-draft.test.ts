import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../contract';
import { emailDraftOf, emailProblems, emailSaveInput, withTls, type EmailDraft } from './email-draft';

const filled: EmailDraft = {
  ...emailDraftOf(null, { name: 'Pedal & Co' }),
  address: 'help@pedal.test',
  imapHost: 'imap.pedal.test',
  imapUser: 'help@pedal.test',
  imapPassword: 'mailbox secret',
  smtpHost: 'smtp.pedal.test',
  smtpUser: 'help@pedal.test',
  smtpPassword: 'smtp secret',
};

describe('the e-mail channel form', () => {
  it('starts a new channel with the usual ports and INBOX', () => {
    const draft = emailDraftOf(null, { name: 'Pedal & Co' });
    expect(draft).toMatchObject({
      name: 'Pedal & Co',
      imapPort: '993',
      imapTls: true,
      smtpPort: '587',
      smtpTls: false,
      mailbox: 'INBOX',
      enabled: true,
    });
  });

  it('moves a usual port with TLS and leaves a typed one', () => {
    const draft = emailDraftOf(null, { name: 'x' });
    expect(withTls(draft, 'imap', false).imapPort).toBe('143');
    expect(withTls(withTls(draft, 'imap', false), 'imap', true).imapPort).toBe('993');
    expect(withTls(draft, 'smtp', true).smtpPort).toBe('465');
    expect(withTls({ ...draft, smtpPort: '2525' }, 'smtp', true)).toMatchObject({
      smtpPort: '2525',
      smtpTls: true,
    });
  });

  it('finds what the core would refuse', () => {
    expect(emailProblems(filled, { hasImapPassword: false })).toEqual({});
    const empty = emailDraftOf(null, { name: '' });
    expect(emailProblems(empty, { hasImapPassword: false })).toEqual({
      name: 'required',
      address: 'required',
      imapHost: 'required',
      imapUser: 'required',
      imapPassword: 'required',
      smtpHost: 'required',
    });
    expect(
      emailProblems(
        {
          ...filled,
          address: 'help at pedal',
          imapHost: 'imap.pedal.test/x',
          imapPort: '70000',
          smtpUser: '',
          imapPassword: '',
        },
        { hasImapPassword: true },
      ),
    ).toEqual({ address: 'address', imapHost: 'host', imapPort: 'port', smtpUser: 'passwordNeedsUser' });
  });

  it('sends passwords only when typed, and an empty SMTP password to remove it', () => {
    const input = emailSaveInput('agent-1', null, filled);
    expect(input).toMatchObject({
      agentId: 'agent-1',
      kind: 'email',
      emailSettings: {
        imapPort: 993,
        smtpPort: 587,
        imapPassword: 'mailbox secret',
        smtpPassword: 'smtp secret',
      },
    });
    const kept = emailSaveInput('agent-1', 'c1', { ...filled, imapPassword: '', smtpPassword: '' });
    expect(kept.id).toBe('c1');
    expect(kept.emailSettings).not.toHaveProperty('imapPassword');
    expect(kept.emailSettings).not.toHaveProperty('smtpPassword');
    const removed = emailSaveInput('agent-1', 'c1', {
      ...filled,
      smtpPassword: '',
      removeSmtpPassword: true,
    });
    expect(removed.emailSettings).toMatchObject({ smtpPassword: '' });
  });

  it('edits a saved channel without its passwords', () => {
    const channel = {
      name: 'Workshop',
      enabled: false,
      emailSettings: {
        address: 'werkplaats@pedal.test',
        imapHost: 'imap.pedal.test',
        imapPort: 143,
        imapTls: false,
        imapUser: 'werkplaats',
        mailbox: 'Klanten',
        smtpHost: 'smtp.pedal.test',
        smtpPort: 465,
        smtpTls: true,
        smtpUser: '',
        hasImapPassword: true,
        hasSmtpPassword: false,
      },
    } as unknown as Channel;
    expect(emailDraftOf(channel, { name: 'x' })).toMatchObject({
      name: 'Workshop',
      imapPort: '143',
      imapTls: false,
      mailbox: 'Klanten',
      smtpPort: '465',
      imapPassword: '',
      smtpPassword: '',
      enabled: false,
    });
  });
});
