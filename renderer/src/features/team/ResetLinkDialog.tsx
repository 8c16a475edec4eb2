import { KeyRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import type { Member, MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useSubmit } from '../../lib/use-submit';
import { transport } from '../../transport';
import { invitationIsShareableLink } from '../auth/invitation-token';
import { CopyLink, EmailedNote } from './InviteLink';
import { useState } from 'react';

type Issued = MethodOutput<'users.issueResetLink'>;

/**
 * A single-use password reset link for a member (30 minutes), for an admin to hand over: shown for
 * copying, and e-mailed too where the organisation has SMTP set.
 */
export function ResetLinkDialog({ member, onClose }: { member: Member | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={member !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={t('team.resetLink.title', { name: member?.name ?? '' })}
      description={t('team.resetLink.description', { name: member?.name ?? '' })}
    >
      {member && <ResetLinkBody key={member.userId} member={member} onClose={onClose} />}
    </Dialog>
  );
}

function ResetLinkBody({ member, onClose }: { member: Member; onClose(): void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const message = useErrorMessage();
  const [issued, setIssued] = useState<Issued | null>(null);
  const create = useSubmit(async () => {
    setIssued(await transport.call('users.issueResetLink', { userId: member.userId }));
  });
  const isLink = invitationIsShareableLink();

  if (issued)
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title={t('team.resetLink.doneTitle', { name: member.name })}>
          {t('team.resetLink.doneBody', { date: dateTime(issued.expiresAt) })}
        </Alert>
        <EmailedNote emailed={issued.emailed} email={member.email} />
        <CopyLink
          id="reset-link"
          label={isLink ? t('team.resetLink.linkLabel') : t('team.resetLink.codeLabel')}
          value={isLink ? `${location.origin}/${issued.link}` : issued.token}
          hint={isLink ? t('team.resetLink.onlyOnce') : t('team.resetLink.codeHint')}
        />
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose}>
            {t('common.done')}
          </Button>
        </div>
      </div>
    );

  return (
    <div className="flex flex-col gap-4">
      {create.error && (
        <Alert tone="error" reason={create.error?.reason}>
          {message(create.error)}
        </Alert>
      )}
      <p className="text-sm text-slate-700">{t('team.resetLink.explain', { email: member.email })}</p>
      <DialogActions>
        <Button onClick={onClose} disabled={create.busy}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="primary"
          busy={create.busy}
          icon={<KeyRound aria-hidden="true" className="size-4" />}
          onClick={() => void create.run()}
        >
          {t('team.resetLink.create')}
        </Button>
      </DialogActions>
    </div>
  );
}
