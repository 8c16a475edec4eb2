import { MailCheck } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { useErrorMessage } from '../../i18n/error-message';
import { serverFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { isEmail } from '../../lib/validate';
import { navigate } from '../../router/use-route';
import { resetPasswordPath } from '../../router/routes';
import { transport } from '../../transport';
import { AuthLayout } from './AuthLayout';
import { resetToken } from './reset-token';

function BackToSignIn() {
  const { t } = useTranslation();
  return (
    <p className="text-center text-sm text-slate-600">
      <a href="#/" className="font-medium text-indigo-700 hover:text-indigo-600 hover:underline">
        {t('invite.backToSignIn')}
      </a>
    </p>
  );
}

/** For a link or code an administrator handed over (the desktop app shows a code, not a link). */
function HaveResetCode() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="min-h-11 self-center rounded text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 md:min-h-0"
      >
        {t('forgot.code.open')}
      </button>
    );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const token = resetToken(pasted);
    if (!token) return setError(t('forgot.code.invalid'));
    navigate(resetPasswordPath(token));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3 border-t border-slate-200 pt-4">
      <TextField
        label={t('forgot.code.label')}
        hint={t('forgot.code.hint')}
        autoFocus
        value={pasted}
        error={error}
        onChange={(event) => {
          setPasted(event.target.value);
          setError(undefined);
        }}
      />
      <Button type="submit" variant="secondary" className="w-full">
        {t('forgot.code.continue')}
      </Button>
    </form>
  );
}

/**
 * "Forgot password": asks for the address and says the same afterwards whoever it belongs to. Where
 * the installation cannot send e-mail at all, it says beforehand to ask an administrator.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const availability = useLoad(() => transport.call('auth.resetAvailable', {}), 'reset');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useSubmit(async () => {
    await transport.call('auth.requestPasswordReset', { email: email.trim() });
    setSentTo(email.trim());
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = isEmail(email) ? undefined : t('validation.email');
    setError(found);
    if (found) return focusFirstInvalid(form.current);
    void request.run();
  };

  if (sentTo)
    return (
      <AuthLayout title={t('forgot.sent.title')}>
        <div className="flex flex-col gap-4">
          <div className="flex items-start gap-3">
            <MailCheck aria-hidden="true" className="mt-0.5 size-6 shrink-0 text-indigo-600" />
            <p className="text-sm text-slate-700" role="status">
              {t('forgot.sent.body', { email: sentTo })}
            </p>
          </div>
          <p className="text-sm text-slate-600">{t('forgot.sent.noMail')}</p>
          <Button variant="primary" className="w-full" onClick={() => navigate('#/')}>
            {t('invite.backToSignIn')}
          </Button>
        </div>
      </AuthLayout>
    );

  let body;
  if (availability.loading) body = <LoadingState />;
  else if (availability.error)
    body = <ErrorState error={availability.error} onRetry={() => availability.reload()} />;
  else if (!availability.data?.available)
    body = (
      <div className="flex flex-col gap-4">
        <Alert tone="info" title={t('forgot.noSmtp.title')}>
          {t('forgot.noSmtp.body')}
        </Alert>
        <HaveResetCode />
        <BackToSignIn />
      </div>
    );
  else
    body = (
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {request.error && !serverFieldError(t, request.error, 'email') && (
          <Alert tone="error" reason={request.error?.reason}>
            {message(request.error)}
          </Alert>
        )}
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          autoFocus
          value={email}
          error={error ?? serverFieldError(t, request.error, 'email')}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={request.busy} className="w-full">
          {request.busy ? t('forgot.sending') : t('forgot.submit')}
        </Button>
        <HaveResetCode />
        <BackToSignIn />
      </form>
    );

  return (
    <AuthLayout title={t('forgot.title')} description={t('forgot.description')}>
      {body}
    </AuthLayout>
  );
}
