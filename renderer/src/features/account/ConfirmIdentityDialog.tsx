import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';

interface ConfirmIdentityDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description: string;
  confirmLabel: string;
  tone: 'primary' | 'danger';
  onConfirm(input: { password: string; code: string }): Promise<void>;
}

/** Password and a current code (or a recovery code) before a change to two-factor sign-in itself. */
export function ConfirmIdentityDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  tone,
  onConfirm,
}: ConfirmIdentityDialogProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; code?: string }>({});
  const reset = () => {
    setPassword('');
    setCode('');
    setErrors({});
  };
  const submit = useSubmit(async () => {
    await onConfirm({ password, code: code.trim() });
    reset();
    onOpenChange(false);
  });
  const close = (next: boolean) => {
    if (!next) {
      reset();
      submit.clearError();
    }
    onOpenChange(next);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!password) found.password = t('validation.required');
    if (code.trim().length < 6) found.code = t('twoFactor.login.codeInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void submit.run();
  };

  const fieldError = (field: 'password' | 'code') =>
    submit.error?.code === 'VALIDATION' && submit.error.field === field
      ? field === 'password'
        ? t('twoFactor.confirm.badPassword')
        : t('twoFactor.login.badCode')
      : null;
  const formError =
    submit.error && !fieldError('password') && !fieldError('code') ? message(submit.error) : null;

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={title}
      description={description}
      size="sm"
      locked={submit.busy}
    >
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          error={errors.password ?? fieldError('password')}
          onChange={(event) => setPassword(event.target.value)}
        />
        <TextField
          label={t('twoFactor.confirm.codeLabel')}
          hint={t('twoFactor.confirm.codeHint')}
          autoComplete="one-time-code"
          mono
          value={code}
          error={errors.code ?? fieldError('code')}
          onChange={(event) => setCode(event.target.value)}
        />
        <DialogActions>
          <Button onClick={() => close(false)} disabled={submit.busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant={tone} busy={submit.busy}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
