import { Check, Copy, MailCheck } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { useFormat } from '../../i18n/format';
import { invitationIsShareableLink } from '../auth/invitation-token';

interface CopyLinkProps {
  id: string;
  label: string;
  value: string;
  /** Said under the field until a copy fails. */
  hint: string;
}

/** A link (or code) shown once, with a copy button that falls back to selecting it. */
export function CopyLink({ id, label, value, hint }: CopyLinkProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
          className="h-10 min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-xs text-slate-800"
        />
        <Button
          variant="secondary"
          onClick={() => void copy()}
          icon={
            copied === 'yes' ? (
              <Check aria-hidden="true" className="size-4 text-emerald-600" />
            ) : (
              <Copy aria-hidden="true" className="size-4" />
            )
          }
        >
          {copied === 'yes' ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
      <p role="status" className="min-h-5 text-sm text-slate-500">
        {copied === 'failed' ? t('team.inviteDone.copyFailed') : hint}
      </p>
    </div>
  );
}

/** Whether the mail went out, said beside a link that is shown for copying either way. */
export function EmailedNote({ emailed, email }: { emailed: boolean; email: string }) {
  const { t } = useTranslation();
  return emailed ? (
    <p className="flex items-start gap-2 text-sm text-slate-700">
      <MailCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-emerald-600" />
      {t('team.emailed.sent', { email })}
    </p>
  ) : (
    <p className="text-sm text-slate-600">{t('team.emailed.notSent')}</p>
  );
}

interface InviteLinkProps {
  email: string;
  link: string;
  expiresAt: number;
  /** Whether the invitation also went out by e-mail (the organisation has SMTP set). */
  emailed: boolean;
  onDone(): void;
}

/** The invitation link, shown once: the core keeps only its hash. */
export function InviteLink({ email, link, expiresAt, emailed, onDone }: InviteLinkProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const isLink = invitationIsShareableLink();

  return (
    <div className="flex flex-col gap-4">
      <Alert tone="success" title={t('team.inviteDone.title', { email })}>
        {t('team.inviteDone.body', { date: dateTime(expiresAt) })}
      </Alert>
      <EmailedNote emailed={emailed} email={email} />
      <div className="flex flex-col gap-1.5">
        <CopyLink
          id="invite-link"
          label={isLink ? t('team.inviteDone.linkLabel') : t('team.inviteDone.codeLabel')}
          value={link}
          hint={isLink ? t('team.inviteDone.onlyOnce') : t('team.inviteDone.codeHint')}
        />
        {isLink && <p className="text-sm text-slate-500">{t('team.inviteDone.pasteHint')}</p>}
      </div>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          {t('common.done')}
        </Button>
      </div>
    </div>
  );
}
