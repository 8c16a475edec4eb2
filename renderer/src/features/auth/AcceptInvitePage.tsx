import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError, serverFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { isLongEnoughPassword, minPasswordLength } from '../../lib/validate';
import { navigate } from '../../router/use-route';
import { useSessionStore } from '../../stores/session-store';
import { AuthLayout } from './AuthLayout';

export function AcceptInvitePage({ token }: { token: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const acceptInvite = useSessionStore((state) => state.acceptInvite);
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});
  const submit = useSubmit(async () => {
    await acceptInvite({ token, password, ...(name.trim() ? { name: name.trim() } : {}) });
    navigate('#/');
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (name.trim().length > 100) found.name = t('validation.name');
    if (!isLongEnoughPassword(password))
      found.password = t('validation.passwordLength', { count: minPasswordLength });
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void submit.run();
  };

  const existingAccount = submit.error?.code === 'UNAUTHENTICATED' && submit.error.field === 'password';
  const formError =
    submit.error && !existingAccount && !isFieldError(submit.error, ['name', 'password'])
      ? message(submit.error, { NOT_FOUND: t('invite.invalid') })
      : null;

  return (
    <AuthLayout title={t('invite.title')} description={t('invite.description')}>
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField
          label={t('invite.name')}
          optional={t('common.optional')}
          hint={t('invite.nameHint')}
          autoComplete="name"
          autoFocus
          value={name}
          error={errors.name ?? serverFieldError(t, submit.error, 'name')}
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          label={t('invite.password')}
          type="password"
          autoComplete="new-password"
          hint={t('invite.passwordHint', { count: minPasswordLength })}
          value={password}
          error={
            errors.password ??
            (existingAccount ? t('invite.existingAccount') : serverFieldError(t, submit.error, 'password'))
          }
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={submit.busy} className="mt-2 w-full">
          {submit.busy ? t('invite.accepting') : t('invite.submit')}
        </Button>
        <p className="text-center text-sm text-slate-600">
          <a href="#/" className="font-medium text-indigo-700 hover:text-indigo-600 hover:underline">
            {t('invite.backToSignIn')}
          </a>
        </p>
      </form>
    </AuthLayout>
  );
}
