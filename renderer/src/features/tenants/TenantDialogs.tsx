import { Download, Trash2 } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import type { MethodInput, MethodName, TenantAdminRow } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { serverFieldError } from '../../i18n/field-errors';
import { useSubmit } from '../../lib/use-submit';
import { useSessionStore } from '../../stores/session-store';
import { useTenantsStore } from '../../stores/tenants-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { downloadExport, saveFile, type Call } from '../transfer/transfer';

export type TenantAction =
  | { kind: 'rename'; tenant: TenantAdminRow }
  | { kind: 'suspend'; tenant: TenantAdminRow }
  | { kind: 'reactivate'; tenant: TenantAdminRow }
  | { kind: 'delete'; tenant: TenantAdminRow }
  | null;

/** After a change to an organisation: the list and the switcher (its names) read again. */
function useChanged() {
  const load = useTenantsStore((state) => state.load);
  const refresh = useSessionStore((state) => state.refresh);
  return async () => {
    await Promise.all([load(), refresh()]);
  };
}

export function TenantDialogs({ action, onClose }: { action: TenantAction; onClose(): void }) {
  const { t } = useTranslation();
  const changed = useChanged();
  const showToast = useToastStore((state) => state.show);
  const onOpenChange = (open: boolean) => {
    if (!open) onClose();
  };
  if (action?.kind === 'rename') return <RenameDialog tenant={action.tenant} onClose={onClose} />;
  if (action?.kind === 'delete') return <DeleteDialog tenant={action.tenant} onClose={onClose} />;
  if (action?.kind === 'suspend' || action?.kind === 'reactivate') {
    const { tenant } = action;
    const suspending = action.kind === 'suspend';
    const values = { name: tenant.name };
    return (
      <ConfirmDialog
        open
        onOpenChange={onOpenChange}
        tone={suspending ? 'danger' : 'primary'}
        title={t(`organisations.${action.kind}.title`, values)}
        description={t(`organisations.${action.kind}.description`, values)}
        confirmLabel={t(`organisations.${action.kind}.confirm`)}
        onConfirm={async () => {
          await transport.call(suspending ? 'tenants.suspend' : 'tenants.reactivate', {
            tenantId: tenant.id,
          });
          await changed();
          showToast('success', t(`organisations.${action.kind}.done`, values));
        }}
      />
    );
  }
  return null;
}

function RenameDialog({ tenant, onClose }: { tenant: TenantAdminRow; onClose(): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const changed = useChanged();
  const showToast = useToastStore((state) => state.show);
  const [name, setName] = useState(tenant.name);
  const [error, setError] = useState<string | undefined>();
  const save = useSubmit(async () => {
    const renamed = await transport.call('tenants.rename', { tenantId: tenant.id, name: name.trim() });
    await changed();
    showToast('success', t('organisations.rename.done', { from: tenant.name, name: renamed.name }));
    onClose();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const found = trimmed.length < 2 || trimmed.length > 100 ? t('validation.orgName') : undefined;
    setError(found);
    if (!found) void save.run();
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !save.busy && onClose()}
      title={t('organisations.rename.title', { name: tenant.name })}
      description={t('organisations.rename.description')}
      size="sm"
      locked={save.busy}
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {save.error && !serverFieldError(t, save.error, 'name') && (
          <Alert tone="error" reason={save.error?.reason}>
            {message(save.error)}
          </Alert>
        )}
        <TextField
          label={t('organisations.create.name')}
          autoFocus
          value={name}
          error={error ?? serverFieldError(t, save.error, 'name')}
          onChange={(event) => setName(event.target.value)}
        />
        <DialogActions>
          <Button onClick={onClose} disabled={save.busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={save.busy} disabled={name.trim() === tenant.name}>
            {t('organisations.rename.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

type DeleteStep =
  | { kind: 'confirm' }
  | { kind: 'exporting'; done: number; total: number | null }
  | { kind: 'deleting' }
  | { kind: 'error'; error: CallError; exported: boolean };

/**
 * Deleting an organisation: its name typed exactly, then its export file made and downloaded, then
 * the deletion. Nothing is deleted when the export fails.
 */
function DeleteDialog({ tenant, onClose }: { tenant: TenantAdminRow; onClose(): void }) {
  const { t } = useTranslation();
  const { bytes } = useFormat();
  const message = useErrorMessage();
  const changed = useChanged();
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | undefined>();
  const [step, setStep] = useState<DeleteStep>({ kind: 'confirm' });
  const [exported, setExported] = useState(false);
  const busy = step.kind === 'exporting' || step.kind === 'deleting';

  // the export and its chunks are of this organisation, not the one the platform admin works in
  const call: Call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
    transport.call(method, { ...input, tenantId: tenant.id } as MethodInput<M>);

  const run = async () => {
    let haveFile = exported;
    try {
      if (!haveFile) {
        setStep({ kind: 'exporting', done: 0, total: null });
        const made = await call('tenants.export', {});
        setStep({ kind: 'exporting', done: 0, total: made.bytes });
        const blob = await downloadExport(call, made.exportId, made.bytes, (done, total) =>
          setStep({ kind: 'exporting', done, total }),
        );
        saveFile(blob, made.fileName);
        haveFile = true;
        setExported(true);
      }
      setStep({ kind: 'deleting' });
      await transport.call('tenants.delete', { tenantId: tenant.id, confirmName: typed });
      await changed();
      showToast('success', t('organisations.delete.done', { name: tenant.name }));
      onClose();
    } catch (caught) {
      setStep({ kind: 'error', error: toCallError(caught), exported: haveFile });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (typed !== tenant.name) {
      setTypedError(t('organisations.delete.mismatch'));
      form.current?.querySelector('input')?.focus();
      return;
    }
    setTypedError(undefined);
    void run();
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !busy && onClose()}
      title={t('organisations.delete.title', { name: tenant.name })}
      description={t('organisations.delete.description', { name: tenant.name, count: tenant.memberCount })}
      locked={busy}
    >
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
          <li>{t('organisations.delete.stepExport')}</li>
          <li>{t('organisations.delete.stepDelete')}</li>
        </ol>
        {step.kind === 'error' && (
          <Alert
            tone="error"
            title={step.exported ? t('organisations.delete.failed') : t('organisations.delete.exportFailed')}
          >
            {message(step.error)}
          </Alert>
        )}
        <TextField
          label={t('organisations.delete.typeName', { name: tenant.name })}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          disabled={busy}
          value={typed}
          error={
            typedError ?? (step.kind === 'error' ? serverFieldError(t, step.error, 'confirmName') : null)
          }
          onChange={(event) => {
            setTyped(event.target.value);
            setTypedError(undefined);
          }}
        />
        {step.kind === 'exporting' && (
          <ProgressBar
            label={t('organisations.delete.exporting')}
            percent={step.total ? (step.done / step.total) * 100 : null}
            detail={step.total ? `${bytes(step.done)} / ${bytes(step.total)}` : undefined}
          />
        )}
        {step.kind === 'deleting' && (
          <ProgressBar label={t('organisations.delete.deleting')} percent={null} />
        )}
        {exported && step.kind !== 'exporting' && (
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <Download aria-hidden="true" className="size-4 text-emerald-600" />
            {t('organisations.delete.exported')}
          </p>
        )}
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            variant="danger"
            busy={busy}
            icon={<Trash2 aria-hidden="true" className="size-4" />}
          >
            {exported ? t('organisations.delete.submitDeleteOnly') : t('organisations.delete.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
