import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { BlockedAddressHelp } from '../../../components/BlockedAddressHelp';
import { ChannelFormActions } from './ChannelFormActions';
import { CheckboxField, TextField } from '../../../components/Field';
import { SwitchField } from '../../../components/Switch';
import { hostPortOf } from '../../../components/outbound-target';
import type { Channel } from '../../../contract';
import { useErrorMessage } from '../../../i18n/error-message';
import { serverFieldError } from '../../../i18n/field-errors';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import { useSubmit } from '../../../lib/use-submit';
import { emailProblems, withTls, type EmailDraft, type EmailField } from './email-draft';

/** The core's field names of an e-mail channel's settings. */
const serverFields: Record<EmailField, string> = {
  name: 'name',
  address: 'emailSettings.address',
  imapHost: 'emailSettings.imapHost',
  imapPort: 'emailSettings.imapPort',
  imapUser: 'emailSettings.imapUser',
  imapPassword: 'emailSettings.imapPassword',
  mailbox: 'emailSettings.mailbox',
  smtpHost: 'emailSettings.smtpHost',
  smtpPort: 'emailSettings.smtpPort',
  smtpUser: 'emailSettings.smtpUser',
};

/**
 * The settings of an e-mail channel: its name and address, the mailbox it reads (IMAP) and the
 * server it answers through (SMTP). Passwords are write-only: a stored one is kept unless a new
 * one is typed. Checked here as the core checks them; a refusal of the core is said with its reason
 * at its field (a mail server on this computer or the local network: the platform admin allows it).
 */
export function EmailChannelForm({
  initial,
  channel,
  readOnly,
  onSave,
  onCancel,
  onDelete,
}: {
  initial: EmailDraft;
  channel: Channel | null;
  readOnly: boolean;
  onSave(draft: EmailDraft): Promise<void>;
  onCancel?: () => void;
  onDelete?: () => void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const stored = {
    hasImapPassword: channel?.emailSettings?.hasImapPassword ?? false,
    hasSmtpPassword: channel?.emailSettings?.hasSmtpPassword ?? false,
  };
  const set = <K extends keyof EmailDraft>(key: K, value: EmailDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const problems = emailProblems(draft, stored);
  const submit = useSubmit(async (next: EmailDraft) => {
    await onSave(next);
  });
  const errorOf = (field: EmailField): string | null => {
    const problem = checked ? problems[field] : undefined;
    if (problem) return t(`agents.publish.mail.problems.${problem}`);
    const serverField = serverFields[field];
    return submit.error?.field === serverField ? serverFieldError(t, submit.error, serverField) : null;
  };
  const shownAtField = Object.values(serverFields).includes(submit.error?.field ?? '');
  // a refusal of the core at a field (a blocked mail server): that field gets the focus, in view
  useEffect(() => {
    if (submit.error && shownAtField) focusFirstInvalid(form.current);
  }, [submit.error, shownAtField]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    void submit.run(draft);
  };
  const disabled = readOnly || submit.busy;
  const blocked = (server: 'imap' | 'smtp') =>
    submit.error?.field === `emailSettings.${server}Host` ? submit.error : null;

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {submit.error && !shownAtField && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <p className="text-sm text-slate-600">{t('agents.publish.mail.intro')}</p>
      <TextField
        label={t('agents.publish.name.label')}
        maxLength={100}
        value={draft.name}
        disabled={disabled}
        error={errorOf('name')}
        onChange={(event) => set('name', event.target.value)}
      />
      <TextField
        label={t('agents.publish.mail.address.label')}
        hint={t('agents.publish.mail.address.hint')}
        type="email"
        inputMode="email"
        autoComplete="off"
        maxLength={254}
        placeholder="help@example.com"
        value={draft.address}
        disabled={disabled}
        error={errorOf('address')}
        onChange={(event) => set('address', event.target.value)}
      />

      <Server legend={t('agents.publish.mail.imap.legend')} hint={t('agents.publish.mail.imap.hint')}>
        <HostPort
          host={draft.imapHost}
          port={draft.imapPort}
          placeholder="imap.example.com"
          disabled={disabled}
          hostError={errorOf('imapHost')}
          portError={errorOf('imapPort')}
          onHost={(value) => set('imapHost', value)}
          onPort={(value) => set('imapPort', value)}
        />
        <BlockedAddressHelp
          error={blocked('imap')}
          hostPort={hostPortOf(draft.imapHost, Number(draft.imapPort))}
          onAllowed={() => void submit.run(draft)}
        />
        <CheckboxField
          label={t('agents.publish.mail.tls.label')}
          hint={t('agents.publish.mail.tls.imapHint')}
          checked={draft.imapTls}
          disabled={disabled}
          onChange={(event) => setDraft((current) => withTls(current, 'imap', event.target.checked))}
        />
        <TextField
          label={t('agents.publish.mail.user.label')}
          autoComplete="off"
          maxLength={254}
          value={draft.imapUser}
          disabled={disabled}
          error={errorOf('imapUser')}
          onChange={(event) => set('imapUser', event.target.value)}
        />
        <TextField
          label={t('agents.publish.mail.password.label')}
          hint={
            stored.hasImapPassword
              ? t('agents.publish.mail.password.stored')
              : t('agents.publish.mail.password.hint')
          }
          type="password"
          autoComplete="new-password"
          maxLength={500}
          value={draft.imapPassword}
          disabled={disabled}
          error={errorOf('imapPassword')}
          onChange={(event) => set('imapPassword', event.target.value)}
        />
        <TextField
          label={t('agents.publish.mail.mailbox.label')}
          hint={t('agents.publish.mail.mailbox.hint')}
          maxLength={200}
          value={draft.mailbox}
          disabled={disabled}
          error={errorOf('mailbox')}
          onChange={(event) => set('mailbox', event.target.value)}
        />
      </Server>

      <Server legend={t('agents.publish.mail.smtp.legend')} hint={t('agents.publish.mail.smtp.hint')}>
        <HostPort
          host={draft.smtpHost}
          port={draft.smtpPort}
          placeholder="smtp.example.com"
          disabled={disabled}
          hostError={errorOf('smtpHost')}
          portError={errorOf('smtpPort')}
          onHost={(value) => set('smtpHost', value)}
          onPort={(value) => set('smtpPort', value)}
        />
        <BlockedAddressHelp
          error={blocked('smtp')}
          hostPort={hostPortOf(draft.smtpHost, Number(draft.smtpPort))}
          onAllowed={() => void submit.run(draft)}
        />
        <CheckboxField
          label={t('agents.publish.mail.tls.label')}
          hint={t('agents.publish.mail.tls.smtpHint')}
          checked={draft.smtpTls}
          disabled={disabled}
          onChange={(event) => setDraft((current) => withTls(current, 'smtp', event.target.checked))}
        />
        <TextField
          label={t('agents.publish.mail.user.label')}
          optional={t('common.optional')}
          autoComplete="off"
          maxLength={254}
          value={draft.smtpUser}
          disabled={disabled}
          error={errorOf('smtpUser')}
          onChange={(event) => set('smtpUser', event.target.value)}
        />
        <TextField
          label={t('agents.publish.mail.password.label')}
          optional={t('common.optional')}
          hint={stored.hasSmtpPassword ? t('agents.publish.mail.password.stored') : undefined}
          type="password"
          autoComplete="new-password"
          maxLength={500}
          value={draft.smtpPassword}
          disabled={disabled || draft.removeSmtpPassword}
          onChange={(event) => set('smtpPassword', event.target.value)}
        />
        {stored.hasSmtpPassword && (
          <CheckboxField
            label={t('agents.publish.mail.password.remove')}
            checked={draft.removeSmtpPassword}
            disabled={disabled}
            onChange={(event) => set('removeSmtpPassword', event.target.checked)}
          />
        )}
      </Server>

      <SwitchField
        label={t('agents.publish.mail.enabled.label')}
        hint={t('agents.publish.mail.enabled.hint')}
        checked={draft.enabled}
        disabled={disabled}
        onChange={(enabled) => set('enabled', enabled)}
      />
      {!readOnly && (
        <ChannelFormActions
          saved={channel !== null}
          busy={submit.busy}
          createLabel={t('agents.publish.mail.create')}
          onDelete={onDelete}
          onCancel={onCancel}
        />
      )}
    </form>
  );
}

function Server({ legend, hint, children }: { legend: string; hint: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      <p className="-mt-2 text-sm text-slate-500">{hint}</p>
      {children}
    </fieldset>
  );
}

function HostPort({
  host,
  port,
  placeholder,
  disabled,
  hostError,
  portError,
  onHost,
  onPort,
}: {
  host: string;
  port: string;
  placeholder: string;
  disabled: boolean;
  hostError: string | null;
  portError: string | null;
  onHost(value: string): void;
  onPort(value: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
      <TextField
        label={t('agents.publish.mail.host.label')}
        mono
        autoComplete="off"
        spellCheck={false}
        maxLength={253}
        placeholder={placeholder}
        value={host}
        disabled={disabled}
        error={hostError}
        onChange={(event) => onHost(event.target.value)}
      />
      <TextField
        label={t('agents.publish.mail.port.label')}
        mono
        inputMode="numeric"
        maxLength={5}
        value={port}
        disabled={disabled}
        error={portError}
        onChange={(event) => onPort(event.target.value)}
      />
    </div>
  );
}
