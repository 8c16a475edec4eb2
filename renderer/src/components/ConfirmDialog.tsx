import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage, type ErrorOverrides } from '../i18n/error-message';
import { toCallError, type CallError } from '../transport';
import { Alert } from './Alert';
import { Button } from './Button';
import { Dialog, DialogActions } from './Dialog';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: ReactNode;
  /** Says exactly what will happen. */
  description: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  onConfirm(): Promise<unknown>;
  errorOverrides?: ErrorOverrides;
  /** Choices that shape the action, shown above the buttons. */
  children?: ReactNode;
}

/** Asks before an action; the action runs inside, with progress, and errors stay in the dialog. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  tone = 'danger',
  onConfirm,
  errorOverrides,
  children,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);

  const change = (next: boolean) => {
    if (!next) setError(null);
    onOpenChange(next);
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      change(false);
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={change} title={title} description={description} size="sm" locked={busy}>
      {children}
      {error && (
        <Alert tone="error" reason={error?.reason}>
          {message(error, errorOverrides)}
        </Alert>
      )}
      <DialogActions>
        <Button onClick={() => change(false)} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant={tone} busy={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
