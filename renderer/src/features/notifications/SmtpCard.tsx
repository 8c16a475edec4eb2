import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { BlockedAddressHelp } from '../../components/BlockedAddressHelp';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { CheckboxField, TextField } from '../../components/Field';
import { hostPortOf } from '../../components/outbound-target';
import { useErrorMessage } from '../../i18n/error-message';
import { useSubmit } from '../../lib/use-submit';
import { useProductShortName } from '../../stores/brand-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import type { SmtpSettings } from './notify-meta';

/** The mail server e-mail notifications go through; its password goes to the secret store. */
export function SmtpCard({
  smtp,
  onSaved,
}: {
  smtp: SmtpSettings | null;
  onSaved(smtp: SmtpSettings): void;
}) {
  const { t } = useTranslation();
  const product = useProductShortName();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const [host, setHost] = useState(smtp?.host ?? '');
  const [port, setPort] = useState(String(smtp?.port ?? 587));
  const [secure, setSecure] = useState(smtp?.secure ?? false);
  const [user, setUser] = useState(smtp?.user ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(smtp?.from ?? '');
  const [errors, setErrors] = useState<{ host?: string; port?: string; from?: string }>({});

  const submit = useSubmit(async () => {
    const saved = await transport.call('notify.saveSmtp', {
      host: host.trim(),
      port: Number(port),
      secure,
      ...(user.trim() ? { user: user.trim() } : {}),
      ...(password ? { password } : {}),
      from: from.trim(),
    });
    setPassword('');
    showToast('success', t('notifications.smtp.saved'));
    onSaved(saved);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!host.trim()) found.host = t('validation.required');
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535)
      found.port = t('notifications.smtp.portInvalid');
    if (from.trim().length < 3) found.from = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length === 0) void submit.run();
  };
  const fieldError = (field: string) =>
    submit.error?.code === 'VALIDATION' && submit.error.field === field
      ? submit.error.reason
        ? message(submit.error)
        : t('validation.invalid')
      : null;

  return (
    <Card title={t('notifications.smtp.title')} titleId="notify-smtp-title">
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4 p-5">
        <p className="text-sm text-slate-600">
          {smtp ? t('notifications.smtp.descriptionSet') : t('notifications.smtp.descriptionUnset')}
        </p>
        {submit.error && !(submit.error.code === 'VALIDATION' && submit.error.field) && (
          <Alert tone="error" reason={submit.error?.reason}>
            {message(submit.error)}
          </Alert>
        )}
        <div className="grid grid-cols-3 gap-4">
          <TextField
            className="col-span-2"
            label={t('notifications.smtp.host')}
            value={host}
            placeholder="smtp.example.com"
            error={errors.host ?? fieldError('host')}
            onChange={(event) => setHost(event.target.value)}
          />
          <TextField
            label={t('notifications.smtp.port')}
            type="number"
            inputMode="numeric"
            value={port}
            error={errors.port ?? fieldError('port')}
            onChange={(event) => setPort(event.target.value)}
          />
        </div>
        <BlockedAddressHelp
          error={submit.error?.field === 'host' ? submit.error : null}
          hostPort={hostPortOf(host, Number(port))}
          onAllowed={() => void submit.run()}
        />
        <CheckboxField
          label={t('notifications.smtp.secure')}
          hint={t('notifications.smtp.secureHint')}
          checked={secure}
          onChange={(event) => {
            setSecure(event.target.checked);
            if (event.target.checked && port === '587') setPort('465');
            if (!event.target.checked && port === '465') setPort('587');
          }}
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField
            label={t('notifications.smtp.user')}
            optional={t('common.optional')}
            autoComplete="off"
            value={user}
            onChange={(event) => setUser(event.target.value)}
          />
          <TextField
            label={t('notifications.smtp.password')}
            optional={t('common.optional')}
            type="password"
            autoComplete="new-password"
            value={password}
            placeholder={smtp?.hasPassword ? t('notifications.smtp.passwordStoredPlaceholder') : ''}
            hint={
              smtp?.hasPassword
                ? t('notifications.smtp.passwordStored')
                : t('notifications.smtp.passwordHint')
            }
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <TextField
          label={t('notifications.smtp.from')}
          value={from}
          placeholder={`${product} <alerts@example.com>`}
          error={errors.from ?? fieldError('from')}
          onChange={(event) => setFrom(event.target.value)}
        />
        <div className="flex justify-end">
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('notifications.smtp.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
