import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError, serverFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useTenantsStore } from '../../stores/tenants-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { planName, planNameOf } from '../billing/billing-meta';

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
  // '' : the installation's default plan (the core chooses it); else a plan of the catalogue
  const [plan, setPlan] = useState('');
  const catalogue = useLoad(() => transport.call('billing.plans', {}), 'plans');
  const settings = useLoad(() => transport.call('billing.settings', {}), 'settings');
  const defaultPlan = settings.data?.defaultPlan;
  const defaultName = defaultPlan
    ? planNameOf(t, defaultPlan, catalogue.data?.plans.find((p) => p.key === defaultPlan)?.name ?? '')
    : null;
  const [nameError, setNameError] = useState<string | null>(null);
  const submit = useSubmit(async () => {
    const tenant = await create({ name: name.trim(), ...(plan ? { plan } : {}) });
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
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
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
        onChange={(event) => setPlan(event.target.value)}
        options={[
          {
            value: '',
            label: defaultName
              ? t('organisations.create.defaultPlanNamed', { plan: defaultName })
              : t('organisations.create.defaultPlan'),
          },
          ...(catalogue.data?.plans ?? [])
            .filter((p) => !p.archived)
            .sort((a, b) => a.sort - b.sort)
            .map((p) => ({ value: p.key, label: planName(t, p) })),
        ]}
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
