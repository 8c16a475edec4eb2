import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { pagePaths } from '../../router/routes';
import { useSessionStore } from '../../stores/session-store';
import type { CallError } from '../../transport';
import { AuthLayout } from './AuthLayout';

export type SecondFactor = { code: string } | { recoveryCode: string };

/** The core's answer to a right password of an account with two-factor sign-in: "now the code". */
export function isCodeRequest(error: unknown): boolean {
  const e = error as { code?: string; field?: string } | null;
  return e?.code === 'VALIDATION' && e.field === 'code';
}

/** After sign-in: someone whose organisation requires two-factor sign-in, without it, goes to set it up. */
export function leadToEnrolment(): void {
  const me = useSessionStore.getState().me;
  if (me?.twoFactor.required && !me.twoFactor.enabled) window.location.hash = pagePaths.account;
}

/** Authenticator codes are typed with spaces or pasted with them; the core wants 6 digits. */
export const cleanCode = (value: string) => value.replace(/\s/g, '');

interface SecondStepProps {
  busy: boolean;
  error: CallError | null;
  /** Seconds until another attempt is allowed; 0 when it is. */
  rateLimitedFor: number;
  onSubmit(second: SecondFactor): void;
  onBack(): void;
  /** Forgets the last refusal (when switching between a code and a recovery code). */
  onClearError(): void;
}

/** The second step of signing in: the code from the authenticator app, or a recovery code. */
export function SecondStep({ busy, error, rateLimitedFor, onSubmit, onBack, onClearError }: SecondStepProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = cleanCode(value);
    const problem = useRecovery
      ? cleaned.length < 8
        ? t('twoFactor.login.recoveryInvalid')
        : null
      : /^\d{6}$/.test(cleaned)
        ? null
        : t('twoFactor.login.codeInvalid');
    setInvalid(problem);
    if (problem) return focusFirstInvalid(form.current);
    onSubmit(useRecovery ? { recoveryCode: value.trim() } : { code: cleaned });
  };

  const errorText = () => {
    if (!error || isCodeRequest(error)) return null;
    if (error.code === 'RATE_LIMITED') {
      return rateLimitedFor > 0
        ? t('login.rateLimited', { count: rateLimitedFor })
        : t('login.rateLimitOver');
    }
    if (error.code === 'UNAUTHENTICATED') {
      return error.field === 'recoveryCode'
        ? t('twoFactor.login.badRecoveryCode')
        : t('twoFactor.login.badCode');
    }
    return message(error);
  };
  const alert = errorText();

  return (
    <AuthLayout
      title={t('twoFactor.login.title')}
      description={useRecovery ? t('twoFactor.login.recoveryDescription') : t('twoFactor.login.description')}
    >
      <form ref={form} noValidate onSubmit={submit} className="flex flex-col gap-4">
        {alert && <Alert tone={error?.code === 'RATE_LIMITED' ? 'warning' : 'error'}>{alert}</Alert>}
        {useRecovery ? (
          <TextField
            key="recovery"
            label={t('twoFactor.login.recoveryLabel')}
            autoComplete="off"
            autoFocus
            mono
            spellCheck={false}
            placeholder="xxxx-xxxx-xxxx-xxxx"
            value={value}
            error={invalid}
            onChange={(event) => setValue(event.target.value)}
          />
        ) : (
          <TextField
            key="code"
            label={t('twoFactor.login.codeLabel')}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            mono
            maxLength={7}
            placeholder="123456"
            value={value}
            error={invalid}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={rateLimitedFor > 0}
          className="mt-2 w-full"
        >
          {busy ? t('login.signingIn') : t('twoFactor.login.verify')}
        </Button>
      </form>
      <div className="mt-4 flex flex-col items-start gap-1">
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setValue('');
            setInvalid(null);
            if (error?.code !== 'RATE_LIMITED') onClearError();
          }}
        >
          {useRecovery ? t('twoFactor.login.useApp') : t('twoFactor.login.useRecovery')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onBack}>
          {t('twoFactor.login.back')}
        </Button>
      </div>
    </AuthLayout>
  );
}
