import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { useSubmit } from '../../lib/use-submit';
import type { ImportError } from './import-flow';
import { shortcutList } from './shortcuts';

export function SaveDialog({
  open,
  onOpenChange,
  nextNumber,
  onSave,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  nextNumber: number;
  onSave(note: string): Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('designer.save.title', { number: nextNumber })}
      description={t('designer.save.description')}
      size="sm"
    >
      {open && <SaveForm onSave={onSave} onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function SaveForm({ onSave, onClose }: { onSave(note: string): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [note, setNote] = useState('');
  const submit = useSubmit(async () => {
    await onSave(note.trim());
    onClose();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextField
        label={t('designer.save.note')}
        optional={t('common.optional')}
        placeholder={t('designer.save.notePlaceholder')}
        autoFocus
        maxLength={500}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {t('designer.save.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}

export function DeployDialog({
  open,
  onOpenChange,
  dirty,
  versionNumber,
  errorCount,
  onDeploy,
  onShowProblems,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  dirty: boolean;
  versionNumber: number;
  errorCount: number;
  onDeploy(): Promise<void>;
  onShowProblems(): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('designer.deploy.title')}
      description={
        dirty
          ? t('designer.deploy.descriptionDirty', { number: versionNumber + 1 })
          : t('designer.deploy.description', { number: versionNumber })
      }
      size="sm"
    >
      {open && (
        <DeployBody
          errorCount={errorCount}
          onDeploy={onDeploy}
          onClose={() => onOpenChange(false)}
          onShowProblems={onShowProblems}
        />
      )}
    </Dialog>
  );
}

function DeployBody({
  errorCount,
  onDeploy,
  onClose,
  onShowProblems,
}: {
  errorCount: number;
  onDeploy(): Promise<void>;
  onClose(): void;
  onShowProblems(): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const submit = useSubmit(async () => {
    await onDeploy();
    onClose();
  });
  const refused = submit.error && (submit.error.code === 'VALIDATION' || submit.error.code === 'CONFLICT');
  return (
    <div className="flex flex-col gap-4">
      {errorCount > 0 && !submit.error && (
        <Alert tone="warning" title={t('designer.deploy.hasErrors', { count: errorCount })}>
          {t('designer.deploy.hasErrorsHint')}
        </Alert>
      )}
      {submit.error &&
        (refused ? (
          <Alert
            tone="error"
            title={t('designer.deploy.refused')}
            action={
              <Button
                size="sm"
                onClick={() => {
                  onClose();
                  onShowProblems();
                }}
              >
                {t('designer.deploy.showProblems')}
              </Button>
            }
          >
            {message(submit.error)}
          </Alert>
        ) : (
          <Alert tone="error" reason={submit.error?.reason}>
            {message(submit.error)}
          </Alert>
        ))}
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" busy={submit.busy} onClick={() => void submit.run()}>
          {submit.busy ? t('designer.deploy.deploying') : t('designer.deploy.submit')}
        </Button>
      </DialogActions>
    </div>
  );
}

export function ImportErrorsDialog({
  errors,
  fileName,
  onClose,
}: {
  errors: ImportError[] | null;
  fileName: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={errors !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t('designer.import.failedTitle')}
      description={t('designer.import.failedDescription', { file: fileName })}
    >
      <ul className="flex max-h-80 flex-col gap-1.5 overflow-y-auto text-sm">
        {(errors ?? []).map((error, index) => (
          <li key={index} className="rounded-md bg-red-50 px-3 py-2 text-red-900">
            {error.path && <code className="mr-1.5 font-mono text-xs font-semibold">{error.path}</code>}
            {t(`designer.import.errors.${error.code}`, { detail: error.detail ?? '' })}
          </li>
        ))}
      </ul>
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation();
  const keyName = (key: string) => {
    if (key === 'Mod') return isMac ? '⌘' : 'Ctrl';
    if (['Shift', 'Delete', 'Backspace', 'Escape', 'Arrows', 'Drag'].includes(key))
      return t(`designer.shortcuts.keys.${key}`);
    return key;
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('designer.shortcuts.title')}
      description={t('designer.shortcuts.description')}
    >
      <table className="w-full text-sm">
        <caption className="sr-only">{t('designer.shortcuts.title')}</caption>
        <tbody>
          {shortcutList.map((shortcut, index) => (
            <tr key={index} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="py-1.5 pr-4 text-left font-normal text-slate-700">
                {t(`designer.shortcuts.actions.${shortcut.action}`)}
              </th>
              <td className="py-1.5 text-right whitespace-nowrap">
                {shortcut.keys.map((key, k) => (
                  <span key={k}>
                    {k > 0 && <span className="px-0.5 text-slate-500">+</span>}
                    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-sans text-xs text-slate-800 shadow-xs">
                      {keyName(key)}
                    </kbd>
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <DialogActions>
        <Button variant="primary" onClick={() => onOpenChange(false)}>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
