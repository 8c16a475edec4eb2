import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { CheckboxField, TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError, serverFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { isLongEnoughPassword, minPasswordLength } from '../../lib/validate';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { PasswordStrengthHint } from './PasswordStrengthHint';

type Errors = { currentPassword?: string; newPassword?: string; repeat?: string };

/** Change one's own password: the current one first, and optionally sign out everywhere else. */
export function ChangePasswordCard() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [endOtherSessions, setEndOtherSessions] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const change = useSubmit(async () => {
    const { endedSessions } = await transport.call('auth.changePassword', {
      currentPassword,
      newPassword,
      endOtherSessions,
    });
    setCurrentPassword('');
    setNewPassword('');
    setRepeat('');
    showToast(
      'success',
      endOtherSessions
        ? t('account.password.changedEnded', { count: endedSessions })
        : t('account.password.changed'),
    );
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!currentPassword) found.currentPassword = t('validation.required');
    if (!isLongEnoughPassword(newPassword))
      found.newPassword = t('validation.passwordLength', { count: minPasswordLength });
    else if (repeat !== newPassword) found.repeat = t('account.password.mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void change.run();
  };

  const formError =
    change.error && !isFieldError(change.error, ['currentPassword', 'newPassword'])
      ? message(change.error)
      : null;

  return (
    <Card title={t('account.password.title')} titleId="password-title" bodyClassName="p-6" className="mb-6">
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4 md:max-w-md">
        {formError && <Alert tone="error">{formError}</Alert>}
        {/* for password managers: whose password this is */}
        <TextField
          label={t('account.password.current')}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          error={errors.currentPassword ?? serverFieldError(t, change.error, 'currentPassword')}
          onChange={(event) => setCurrentPassword(event.target.value)}
        />
        <TextField
          label={t('account.password.new')}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          hint={<PasswordStrengthHint password={newPassword} />}
          error={errors.newPassword ?? serverFieldError(t, change.error, 'newPassword')}
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
        <CheckboxField
          label={t('account.password.endOthers')}
          hint={t('account.password.endOthersHint')}
          checked={endOtherSessions}
          onChange={(event) => setEndOtherSessions(event.target.checked)}
        />
        <div>
          <Button type="submit" variant="primary" busy={change.busy}>
            {change.busy ? t('account.password.changing') : t('account.password.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
