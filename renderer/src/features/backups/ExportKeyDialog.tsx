import { Check, Copy } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { useSubmit } from '../../lib/use-submit';
import { transport } from '../../transport';

/** Shows the backup encryption key once, after the password, with advice on keeping it. */
export function ExportKeyDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('backups.key.title')}
      description={t('backups.key.description')}
    >
      {/* unmounted when closed, so the key does not stay in memory or on screen */}
      {open && <ExportKeyForm onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function ExportKeyForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [key, setKey] = useState<{ key: string; keyId: string } | null>(null);
  const submit = useSubmit(async () => {
    setKey(await transport.call('backups.exportKey', { password }));
    setPassword('');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(password.length === 0);
    if (password.length > 0) void submit.run();
  };

  if (key) return <ShownKey value={key.key} keyId={key.keyId} onDone={onClose} />;

  const passwordError = missing
    ? t('validation.required')
    : submit.error && (submit.error.code === 'FORBIDDEN' || submit.error.field === 'password')
      ? t('backups.key.wrongPassword')
      : null;
  const otherError = submit.error && !passwordError ? submit.error : null;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {otherError && (
        <Alert tone="error" reason={otherError?.reason}>
          {message(otherError)}
        </Alert>
      )}
      <TextField
        label={t('backups.key.password')}
        type="password"
        autoComplete="current-password"
        autoFocus
        value={password}
        error={passwordError}
        hint={t('backups.key.passwordHint')}
        onChange={(event) => {
          setPassword(event.target.value);
          setMissing(false);
          if (submit.error) submit.clearError();
        }}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {t('backups.key.show')}
        </Button>
      </DialogActions>
    </form>
  );
}

function ShownKey({ value, keyId, onDone }: { value: string; keyId: string; onDone(): void }) {
  const { t } = useTranslation();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      field.current?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="warning" title={t('backups.key.onceTitle')}>
        {t('backups.key.onceBody')}
      </Alert>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="backup-key" className="text-sm font-medium text-slate-800">
          {t('backups.key.keyLabel')}
        </label>
        <textarea
          ref={field}
          id="backup-key"
          readOnly
          rows={2}
          value={value}
          spellCheck={false}
          onFocus={(event) => event.target.select()}
          className="block w-full resize-none rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs leading-5 break-all text-slate-800"
        />
        <p className="text-xs text-slate-500">{t('backups.key.keyId', { id: keyId })}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="primary"
          autoFocus
          onClick={() => void copy()}
          icon={
            copied === 'yes' ? (
              <Check aria-hidden="true" className="size-4" />
            ) : (
              <Copy aria-hidden="true" className="size-4" />
            )
          }
        >
          {copied === 'yes' ? t('common.copied') : t('backups.key.copy')}
        </Button>
        <p role="status" className="text-sm text-slate-600">
          {copied === 'failed'
            ? t('backups.key.copyFailed')
            : copied === 'yes'
              ? t('backups.key.copiedHint')
              : ''}
        </p>
      </div>
      <DialogActions>
        <Button onClick={onDone}>{t('backups.key.done')}</Button>
      </DialogActions>
    </div>
  );
}
