import { CheckCircle2 } from 'lucide-react';
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
import { forgotPasswordPath } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useSessionStore } from '../../stores/session-store';
import { transport } from '../../transport';
import { PasswordStrengthHint } from '../account/PasswordStrengthHint';
import { AuthLayout } from './AuthLayout';

type Errors = { newPassword?: string; repeat?: string };

/** The page a reset link opens: choose a new password (every session of the account ends). */
export function ResetPasswordPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const sessionEnded = useSessionStore((state) => state.sessionEnded);
  const form = useRef<HTMLFormElement>(null);
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const reset = useSubmit(async () => {
    await transport.call('auth.resetPassword', { token, newPassword });
    setDone(true);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!isLongEnoughPassword(newPassword))
      found.newPassword = t('validation.passwordLength', { count: minPasswordLength });
    else if (repeat !== newPassword) found.repeat = t('account.password.mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void reset.run();
  };

  if (done)
    return (
      <AuthLayout title={t('reset.done.title')}>
        <div className="flex flex-col gap-4">
          <div className="flex items-start gap-3">
            <CheckCircle2 aria-hidden="true" className="mt-0.5 size-6 shrink-0 text-emerald-600" />
            <p role="status" className="text-sm text-slate-700">
              {t('reset.done.body')}
            </p>
          </div>
          <Button
            variant="primary"
            className="w-full"
            onClick={() => {
              // every session of the account ended, this browser's too
              sessionEnded(null);
              navigate('#/');
            }}
          >
            {t('reset.done.signIn')}
          </Button>
        </div>
      </AuthLayout>
    );

  const linkProblem =
    reset.error?.reason === 'reset_link_expired' ||
    reset.error?.reason === 'reset_link_used' ||
    reset.error?.reason === 'reset_link_invalid';
  const formError = reset.error && !isFieldError(reset.error, ['newPassword']) ? message(reset.error) : null;

  return (
    <AuthLayout title={t('reset.title')} description={t('reset.description')}>
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {formError && (
          <Alert
            tone="error"
            action={
              linkProblem ? (
                <a
                  href={forgotPasswordPath}
                  className="font-medium text-red-800 underline hover:text-red-700"
                >
                  {t('reset.askAgain')}
                </a>
              ) : undefined
            }
          >
            {formError}
          </Alert>
        )}
        <TextField
          label={t('account.password.new')}
          type="password"
          autoComplete="new-password"
          autoFocus
          value={newPassword}
          hint={<PasswordStrengthHint password={newPassword} />}
          error={errors.newPassword ?? serverFieldError(t, reset.error, 'newPassword')}
          onChange={(event) => setNewPassword(event.target.value)}
        />
        <TextField
          label={t('account.password.repeat')}
          type="password"
          autoComplete="new-password"
          value={repeat}
          error={errors.repeat}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <p className="text-sm text-slate-600">{t('reset.endsSessions')}</p>
        <Button type="submit" variant="primary" busy={reset.busy} className="w-full">
          {reset.busy ? t('reset.saving') : t('reset.submit')}
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
