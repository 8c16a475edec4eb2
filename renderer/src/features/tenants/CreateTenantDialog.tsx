import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { plans, type Plan } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError, serverFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { useTenantsStore } from '../../stores/tenants-store';
import { useToastStore } from '../../stores/toast-store';

export function CreateTenantDialog({
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
      title={t('organisations.create.title')}
      description={t('organisations.create.description')}
    >
      {open && <CreateTenantForm onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function CreateTenantForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const create = useTenantsStore((state) => state.create);
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [plan, setPlan] = useState<Plan>('starter');
  const [nameError, setNameError] = useState<string | null>(null);
  const submit = useSubmit(async () => {
    const tenant = await create({ name: name.trim(), plan });
    showToast('success', t('organisations.create.done', { name: tenant.name }));
    onClose();
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const error = trimmed.length < 2 || trimmed.length > 100 ? t('validation.orgName') : null;
    setNameError(error);
    if (error) return focusFirstInvalid(form.current);
    void submit.run();
  };

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && !isFieldError(submit.error, ['name']) && (
        <Alert tone="error">{message(submit.error)}</Alert>
      )}
      <TextField
        label={t('organisations.create.name')}
        autoComplete="off"
        autoFocus
        value={name}
        error={
          nameError ??
          serverFieldError(t, submit.error, 'orgName') ??
          (submit.error?.field === 'name' ? t('validation.orgName') : null)
        }
        onChange={(event) => setName(event.target.value)}
      />
      <SelectField
        label={t('organisations.columns.plan')}
        value={plan}
        onChange={(event) => setPlan(event.target.value as Plan)}
        options={plans.map((p) => ({ value: p, label: t(`plans.${p}`) }))}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {t('organisations.create.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
