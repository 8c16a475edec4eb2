import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { serverFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { isEmail } from '../../lib/validate';
import { forgotPasswordPath } from '../../router/routes';
import { useSessionStore } from '../../stores/session-store';
import { AuthLayout } from './AuthLayout';
import { HaveInvitation } from './HaveInvitation';
import { SignedOutNotice } from './SignedOutNotice';
import { useCountdown } from './use-countdown';
import { leadToEnrolment, SecondStep, type SecondFactor } from './SecondStep';

export function LoginPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const signIn = useSessionStore((state) => state.signIn);
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const secondsLeft = useCountdown(retryAt);
  const [step, setStep] = useState<'password' | 'code'>('password');
  const submit = useSubmit(async (second?: SecondFactor) => {
    try {
      if ((await signIn({ email, password, ...second })) === 'two_factor') {
        // the password was right and the account has two-factor sign-in: ask for the code
        setStep('code');
        return;
      }
    } catch (error) {
      const seconds = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      setRetryAt(seconds ? Date.now() + seconds * 1000 : null);
      throw error;
    }
    leadToEnrolment();
  });
  const rateLimited = submit.error?.code === 'RATE_LIMITED' && secondsLeft > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!isEmail(email)) found.email = t('validation.email');
    if (!password) found.password = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void submit.run(undefined);
  };

  const errorText = () => {
    if (!submit.error || serverFieldError(t, submit.error, 'email')) return null;
    if (submit.error.code === 'RATE_LIMITED') {
      return secondsLeft > 0 ? t('login.rateLimited', { count: secondsLeft }) : t('login.rateLimitOver');
    }
    return message(submit.error, {
      UNAUTHENTICATED: t('login.badCredentials'),
      FORBIDDEN: t('login.noOrganisation'),
    });
  };
  const alert = errorText();

  if (step === 'code') {
    return (
      <SecondStep
        busy={submit.busy}
        error={submit.error}
        rateLimitedFor={rateLimited ? secondsLeft : 0}
        onSubmit={(second) => void submit.run(second)}
        onClearError={submit.clearError}
        onBack={() => {
          setStep('password');
          setPassword('');
          submit.clearError();
        }}
      />
    );
  }

  return (
    <AuthLayout title={t('login.title')} description={t('login.description')}>
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <SignedOutNotice />
        {alert &&
          (rateLimited ? (
            <Alert tone="warning">
              <span aria-hidden="true">{alert}</span>
              <span className="sr-only">
                {t('login.rateLimited', { count: submit.error?.retryAfterSeconds ?? 0 })}
              </span>
            </Alert>
          ) : (
            <Alert tone="error">{alert}</Alert>
          ))}
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          autoFocus
          value={email}
          error={errors.email ?? serverFieldError(t, submit.error, 'email')}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          error={errors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <a
          href={forgotPasswordPath}
          className="-mt-2 self-end rounded text-sm font-medium text-indigo-700 hover:text-indigo-600 hover:underline"
        >
          {t('login.forgot')}
        </a>
        <Button
          type="submit"
          variant="primary"
          busy={submit.busy}
          disabled={rateLimited}
          className="mt-2 w-full"
        >
          {submit.busy ? t('login.signingIn') : t('login.submit')}
        </Button>
      </form>
      <div className="mt-4 flex flex-col">
        <HaveInvitation />
      </div>
    </AuthLayout>
  );
}
