import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { navigate } from '../../router/use-route';
import { invitationToken } from './invitation-token';

/** For someone who was given an invitation link or code rather than a password. */
export function HaveInvitation() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | undefined>();

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="min-h-11 self-center rounded text-sm font-medium text-indigo-700 hover:underline md:min-h-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {t('login.invitation.open')}
      </button>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const token = invitationToken(pasted);
    if (!token) return setError(t('login.invitation.invalid'));
    navigate(`#/invite/${encodeURIComponent(token)}`);
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3 border-t border-slate-200 pt-4">
      <TextField
        label={t('login.invitation.label')}
        hint={t('login.invitation.hint')}
        autoFocus
        value={pasted}
        error={error}
        onChange={(event) => {
          setPasted(event.target.value);
          setError(undefined);
        }}
      />
      <Button type="submit" variant="secondary" className="w-full">
        {t('login.invitation.continue')}
      </Button>
    </form>
  );
}
