import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage, type ErrorOverrides } from '../i18n/error-message';
import { toCallError, type CallError } from '../transport';
import { Alert } from './Alert';
import { Button } from './Button';
import { Dialog, DialogActions } from './Dialog';
import { TextField } from './Field';

/** "Type this word to confirm": the action waits until the word is typed (then Enter confirms too). */
export interface TypeToConfirm {
  /** The word, in the user's language (e.g. RESET). */
  word: string;
  /** The field's label, naming the word. */
  label: string;
  hint?: ReactNode;
}

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
  /** The error's title, when it has one. */
  errorTitle?: string;
  /** Choices that shape the action, shown above the buttons. */
  children?: ReactNode;
  /** For what cannot be undone: the user types a word before the action may run. */
  typeToConfirm?: TypeToConfirm;
  /** Shown in place of the typed word while the action runs (a progress bar). */
  busyContent?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
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
  errorTitle,
  children,
  typeToConfirm,
  busyContent,
  size = 'sm',
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [typed, setTyped] = useState('');
  // each opening starts with an empty word
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    setTyped('');
  }
  const confirmed = !typeToConfirm || typed.trim() === typeToConfirm.word;

  const change = (next: boolean) => {
    if (!next) setError(null);
    onOpenChange(next);
  };

  const confirm = async () => {
    if (busy || !confirmed) return;
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

  const content = (
    <>
      {children}
      {typeToConfirm &&
        (busy && busyContent ? (
          busyContent
        ) : (
          <TextField
            label={typeToConfirm.label}
            hint={typeToConfirm.hint}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        ))}
      {error && (
        <Alert tone="error" title={errorTitle} reason={error?.reason}>
          {message(error, errorOverrides)}
        </Alert>
      )}
      <DialogActions>
        <Button onClick={() => change(false)} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          type={typeToConfirm ? 'submit' : 'button'}
          variant={tone}
          busy={busy}
          disabled={!confirmed}
          onClick={typeToConfirm ? undefined : () => void confirm()}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={title}
      description={description}
      size={size}
      locked={busy}
    >
      {typeToConfirm ? (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void confirm();
          }}
        >
          {content}
        </form>
      ) : (
        content
      )}
    </Dialog>
  );
}
