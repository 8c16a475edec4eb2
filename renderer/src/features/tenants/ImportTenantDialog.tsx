import { FileUp, FolderOpen } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import type { EventPayload, MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { navigate } from '../../router/use-route';
import { useSessionStore } from '../../stores/session-store';
import { useTenantsStore } from '../../stores/tenants-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { isTransferFile, transferExtension, uploadFile, type Call } from '../transfer/transfer';
import { TransferCounts } from '../transfer/TransferCounts';

type Imported = MethodOutput<'tenants.import'>;
type TransferPhase = EventPayload<'tenant.transfer'>['phase'];

type Step =
  | { kind: 'form' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'importing'; percent: number | null; phase: TransferPhase | null }
  | { kind: 'done'; imported: Imported };

const call: Call = (method, input) => transport.call(method, input);

export function ImportTenantDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('organisations.import.title')}
      description={t('organisations.import.description')}
      locked={busy}
    >
      {open && <ImportForm onBusy={setBusy} onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function ImportForm({ onBusy, onClose }: { onBusy(busy: boolean): void; onClose(): void }) {
  const { t } = useTranslation();
  const { bytes } = useFormat();
  const message = useErrorMessage();
  const added = useTenantsStore((state) => state.added);
  const switchTenant = useSessionStore((state) => state.switchTenant);
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const abort = useRef<AbortController | null>(null);
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ file?: string; name?: string }>({});
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [error, setError] = useState<CallError | null>(null);
  const [opening, setOpening] = useState(false);
  useEffect(() => () => abort.current?.abort(), []);

  const run = async (chosen: File) => {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    onBusy(true);
    let importing = false;
    const off = transport.on('tenant.transfer', (event) => {
      if (importing && event.direction === 'import')
        setStep({ kind: 'importing', percent: event.percent, phase: event.phase });
    });
    try {
      setStep({ kind: 'uploading', done: 0, total: chosen.size });
      const importId = await uploadFile(
        call,
        chosen,
        (done, total) => {
          if (!controller.signal.aborted) setStep({ kind: 'uploading', done, total });
        },
        controller.signal,
      );
      importing = true;
      setStep({ kind: 'importing', percent: null, phase: null });
      const imported = await call('tenants.import', {
        importId,
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      added(imported.tenant);
      setStep({ kind: 'done', imported });
    } catch (caught) {
      setStep({ kind: 'form' });
      if (!controller.signal.aborted) setError(toCallError(caught));
    } finally {
      importing = false;
      off();
      onBusy(false);
      if (abort.current === controller) abort.current = null;
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!file) found.file = t('organisations.import.fileRequired');
    else if (!isTransferFile(file.name))
      found.file = t('organisations.import.fileType', { extension: transferExtension });
    else if (file.size === 0) found.file = t('organisations.import.fileEmpty');
    const trimmed = name.trim();
    if (trimmed && (trimmed.length < 2 || trimmed.length > 100)) found.name = t('validation.orgName');
    setErrors(found);
    if (Object.keys(found).length > 0 || !file) {
      focusFirstInvalid(form.current);
      return;
    }
    void run(file);
  };

  const open = async (tenantId: string, tenantName: string) => {
    setOpening(true);
    try {
      await switchTenant(tenantId);
      showToast('success', t('tenantSwitcher.switched', { name: tenantName }));
      onClose();
      navigate('#/');
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
      setOpening(false);
    }
  };

  if (step.kind === 'done') {
    const { tenant, counts } = step.imported;
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title={t('organisations.import.doneTitle', { name: tenant.name })}>
          {t('organisations.import.doneBody')}
        </Alert>
        <TransferCounts counts={counts} label={t('organisations.import.countsLabel')} />
        <DialogActions>
          <Button onClick={onClose} disabled={opening}>
            {t('common.done')}
          </Button>
          <Button
            variant="primary"
            autoFocus
            busy={opening}
            onClick={() => void open(tenant.id, tenant.name)}
          >
            {t('organisations.import.open', { name: tenant.name })}
          </Button>
        </DialogActions>
      </div>
    );
  }

  const busy = step.kind !== 'form';
  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {error && (
        <Alert tone="error" title={t('organisations.import.failed')} reason={error?.reason}>
          {message(error)}
        </Alert>
      )}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={fileId} className="text-sm font-medium text-slate-800">
          {t('organisations.import.file')}
        </label>
        {/* the browser's own file button speaks the browser's language; this one speaks the app's */}
        <div className="flex min-w-0 items-center gap-3">
          <input
            id={fileId}
            type="file"
            accept={transferExtension}
            disabled={busy}
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={`${fileId}-${errors.file ? 'error' : 'hint'}`}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setErrors((current) => ({ ...current, file: undefined }));
              setError(null);
            }}
            className="peer sr-only"
          />
          <label
            htmlFor={fileId}
            className={cx(
              'inline-flex h-10 shrink-0 cursor-pointer items-center gap-2 rounded-md bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset hover:bg-slate-50 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600 peer-disabled:cursor-not-allowed peer-disabled:opacity-60',
              errors.file ? 'ring-red-500' : 'ring-slate-300',
            )}
          >
            <FolderOpen aria-hidden="true" className="size-4" />
            {t('organisations.import.choose')}
          </label>
          <span className={cx('min-w-0 truncate text-sm', file ? 'text-slate-800' : 'text-slate-500')}>
            {file?.name ?? t('organisations.import.noFile')}
          </span>
        </div>
        {errors.file ? (
          <p id={`${fileId}-error`} className="text-sm text-red-700">
            {errors.file}
          </p>
        ) : (
          <p id={`${fileId}-hint`} className="text-sm text-slate-500">
            {file
              ? t('organisations.import.fileChosen', { size: bytes(file.size) })
              : t('organisations.import.fileHint', { extension: transferExtension })}
          </p>
        )}
      </div>
      <TextField
        label={t('organisations.import.name')}
        optional={t('common.optional')}
        hint={t('organisations.import.nameHint')}
        autoComplete="off"
        disabled={busy}
        value={name}
        error={
          errors.name ??
          (error?.code === 'VALIDATION' && error.field === 'name' ? t('validation.orgName') : null)
        }
        onChange={(event) => setName(event.target.value)}
      />
      {step.kind === 'uploading' && (
        <ProgressBar
          label={t('organisations.import.uploading')}
          percent={step.total > 0 ? (step.done / step.total) * 100 : null}
          detail={t('dataExport.progress.bytes', { done: bytes(step.done), total: bytes(step.total) })}
        />
      )}
      {step.kind === 'importing' && (
        <ProgressBar
          label={t('organisations.import.importing')}
          percent={step.percent}
          detail={step.phase ? t(`transfer.phases.${step.phase}`) : t('organisations.import.importingHint')}
        />
      )}
      <DialogActions>
        <Button
          onClick={() => {
            if (busy) abort.current?.abort();
            else onClose();
          }}
          disabled={step.kind === 'importing'}
        >
          {t('common.cancel')}
        </Button>
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          icon={<FileUp aria-hidden="true" className="size-4" />}
        >
          {t('organisations.import.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
