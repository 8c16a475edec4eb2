import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import type { Role } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError, serverFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { usePermissions } from '../../lib/permissions';
import { useSubmit } from '../../lib/use-submit';
import { isEmail } from '../../lib/validate';
import { useTeamStore } from '../../stores/team-store';
import { InviteLink } from './InviteLink';
import { invitationIsShareableLink } from '../auth/invitation-token';

interface Invited {
  email: string;
  link: string;
  expiresAt: number;
  emailed: boolean;
}

export function InviteDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('team.invite.title')}
      description={t('team.invite.description')}
    >
      {open && <InviteForm onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function InviteForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const invite = useTeamStore((state) => state.invite);
  const { grantableRoles } = usePermissions();
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [chosenRole, setChosenRole] = useState<Role | null>(null);
  const members = useTeamStore((state) => state.members);
  // someone still invited keeps their role on a new invitation unless it is changed here
  const pending = members.find(
    (member) => member.status === 'invited' && member.email.toLowerCase() === email.trim().toLowerCase(),
  );
  const role: Role = chosenRole ?? pending?.role ?? 'viewer';
  const [errors, setErrors] = useState<{ email?: string; name?: string }>({});
  const [invited, setInvited] = useState<Invited | null>(null);
  const submit = useSubmit(async () => {
    const result = await invite({ email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) });
    setInvited({
      email: result.member.email,
      link: invitationIsShareableLink()
        ? `${location.origin}/#/invite/${encodeURIComponent(result.inviteToken)}`
        : result.inviteToken,
      expiresAt: result.expiresAt,
      emailed: result.emailed,
    });
  });

  if (invited) return <InviteLink {...invited} onDone={onClose} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!isEmail(email)) found.email = t('validation.email');
    if (name.trim().length > 100) found.name = t('validation.name');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void submit.run();
  };

  const alreadyMember = submit.error?.code === 'CONFLICT' ? t('team.invite.alreadyMember') : null;
  const formError =
    submit.error && !alreadyMember && !isFieldError(submit.error, ['email', 'name'])
      ? message(submit.error, { FORBIDDEN: t('team.invite.forbidden') })
      : null;

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      {pending && (
        <Alert tone="info">
          {t('team.invite.alreadyInvited', { email: pending.email, role: t(`roles.${pending.role}`) })}
        </Alert>
      )}
      <TextField
        label={t('fields.email')}
        type="email"
        autoComplete="off"
        autoFocus
        value={email}
        error={errors.email ?? alreadyMember ?? serverFieldError(t, submit.error, 'email')}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        label={t('fields.name')}
        optional={t('common.optional')}
        autoComplete="off"
        value={name}
        error={errors.name ?? serverFieldError(t, submit.error, 'name')}
        onChange={(event) => setName(event.target.value)}
      />
      <SelectField
        label={t('fields.role')}
        hint={t(`roleDescriptions.${role}`)}
        value={role}
        onChange={(event) => setChosenRole(event.target.value as Role)}
        options={grantableRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {submit.busy ? t('team.invite.sending') : t('team.invite.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
