import { Check, Copy } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { useFormat } from '../../i18n/format';
import { invitationIsShareableLink } from '../auth/invitation-token';

interface InviteLinkProps {
  email: string;
  link: string;
  expiresAt: number;
  onDone(): void;
}

/** The invitation link, shown once: the core keeps only its hash. */
export function InviteLink({ email, link, expiresAt, onDone }: InviteLinkProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const isLink = invitationIsShareableLink();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <Alert tone="success" title={t('team.inviteDone.title', { email })}>
        {t('team.inviteDone.body', { date: dateTime(expiresAt) })}
      </Alert>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="invite-link" className="text-sm font-medium text-slate-800">
          {isLink ? t('team.inviteDone.linkLabel') : t('team.inviteDone.codeLabel')}
        </label>
        <div className="flex gap-2">
          <input
            ref={input}
            id="invite-link"
            readOnly
            value={link}
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
          {copied === 'failed'
            ? t('team.inviteDone.copyFailed')
            : isLink
              ? t('team.inviteDone.onlyOnce')
              : t('team.inviteDone.codeHint')}
        </p>
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
