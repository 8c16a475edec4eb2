import { Archive, ArchiveRestore, Package, Pencil, Plus } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../components/Dialog';
import { CheckboxField, TextAreaField, TextField } from '../../components/Field';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { currencyDigits, parseAmount } from '../../i18n/money';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import type { MethodInput } from '../../contract';
import { transport, type CallError } from '../../transport';
import {
  formatMinor,
  limitKeys,
  minorToText,
  planChannelList,
  planDescription,
  planFeatureList,
  planName,
  type BillingPlan,
  type PlanChannel,
  type PlanFeature,
  type PlanLimits,
} from './billing-meta';

/** The plan catalogue: every plan with its prices and organisations; edit, add, archive. */
export function PlanEditorTab() {
  const { t } = useTranslation();
  const { locale, number } = useFormat();
  const catalogue = useLoad(() => transport.call('billing.plans', {}), 'plans');
  const [editing, setEditing] = useState<BillingPlan | 'new' | null>(null);
  const [archiving, setArchiving] = useState<BillingPlan | null>(null);
  const showToast = useToastStore((state) => state.show);
  const data = catalogue.data;
  const plans = data ? [...data.plans].sort((a, b) => a.sort - b.sort) : undefined;
  const currency = data?.currency ?? 'USD';
  const addButton = (
    <Button
      variant="primary"
      size="sm"
      icon={<Plus aria-hidden="true" className="size-4" />}
      onClick={() => setEditing('new')}
    >
      {t('platformBilling.plans.add')}
    </Button>
  );

  return (
    <Card title={t('platformBilling.plans.title')} titleId="billing-plan-list" actions={data && addButton}>
      {catalogue.error && !plans ? (
        <ErrorState error={catalogue.error} onRetry={catalogue.reload} />
      ) : !plans ? (
        <LoadingState />
      ) : plans.length === 0 ? (
        <EmptyState icon={Package} title={t('billing.plans.empty')} action={addButton} />
      ) : (
        <Table label={t('platformBilling.plans.title')}>
          <thead>
            <tr>
              <Th>{t('platformBilling.plans.columns.plan')}</Th>
              <Th className="text-right">{t('platformBilling.plans.columns.monthly')}</Th>
              <Th className="text-right">{t('platformBilling.plans.columns.yearly')}</Th>
              <Th className="text-right">{t('platformBilling.plans.columns.organisations')}</Th>
              <Th>{t('platformBilling.plans.columns.stripe')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => {
              const name = planName(t, plan);
              return (
                <tr
                  key={plan.key}
                  className={plan.archived ? 'bg-slate-50 text-slate-500' : 'hover:bg-slate-50/60'}
                >
                  <Td>
                    <span className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                      {name}
                      {plan.archived && <Badge>{t('platformBilling.plans.archived')}</Badge>}
                    </span>
                    <span className="block font-mono text-xs text-slate-500">{plan.key}</span>
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">
                    {plan.billable ? formatMinor(plan.priceMonthly, currency, locale) : '—'}
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">
                    {plan.billable ? formatMinor(plan.priceYearly, currency, locale) : '—'}
                  </Td>
                  <Td className="text-right tabular-nums">{number(plan.tenantCount)}</Td>
                  <Td>
                    {!plan.billable ? (
                      <span className="text-xs text-slate-500">{t('platformBilling.plans.notBilled')}</span>
                    ) : plan.stripe.productId ? (
                      <Badge tone="success">{t('platformBilling.plans.synced')}</Badge>
                    ) : (
                      <Badge tone="warning">{t('platformBilling.plans.notSynced')}</Badge>
                    )}
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<Pencil aria-hidden="true" className="size-4" />}
                      aria-label={t('platformBilling.plans.editNamed', { plan: name })}
                      title={t('platformBilling.plans.editNamed', { plan: name })}
                      onClick={() => setEditing(plan)}
                    />
                    {plan.key !== 'own_use' && (
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={
                          plan.archived ? (
                            <ArchiveRestore aria-hidden="true" className="size-4" />
                          ) : (
                            <Archive aria-hidden="true" className="size-4" />
                          )
                        }
                        aria-label={
                          plan.archived
                            ? t('platformBilling.plans.unarchiveNamed', { plan: name })
                            : t('platformBilling.plans.archiveNamed', { plan: name })
                        }
                        title={
                          plan.archived
                            ? t('platformBilling.plans.unarchiveNamed', { plan: name })
                            : t('platformBilling.plans.archiveNamed', { plan: name })
                        }
                        onClick={() => setArchiving(plan)}
                      />
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <Dialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        size="lg"
        title={
          editing === 'new' || editing === null
            ? t('platformBilling.editor.newTitle')
            : t('platformBilling.editor.editTitle', { plan: planName(t, editing) })
        }
        description={t('platformBilling.editor.description')}
      >
        {editing !== null && (
          <PlanForm
            plan={editing === 'new' ? null : editing}
            currency={currency}
            onClose={() => setEditing(null)}
            onSaved={(saved) => {
              catalogue.update((current) => ({
                ...current,
                plans: [...current.plans.filter((plan) => plan.key !== saved.key), saved],
              }));
              showToast('success', t('platformBilling.editor.saved', { plan: planName(t, saved) }));
              setEditing(null);
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={archiving !== null}
        onOpenChange={(open) => !open && setArchiving(null)}
        tone={archiving?.archived ? 'primary' : 'danger'}
        title={
          archiving?.archived
            ? t('platformBilling.plans.unarchiveTitle', { plan: archiving ? planName(t, archiving) : '' })
            : t('platformBilling.plans.archiveTitle', { plan: archiving ? planName(t, archiving) : '' })
        }
        description={
          archiving?.archived
            ? t('platformBilling.plans.unarchiveDescription')
            : t('platformBilling.plans.archiveDescription', { count: archiving?.tenantCount ?? 0 })
        }
        confirmLabel={
          archiving?.archived ? t('platformBilling.plans.unarchive') : t('platformBilling.plans.archive')
        }
        onConfirm={async () => {
          if (!archiving) return;
          const saved = await transport.call('billing.archivePlan', {
            key: archiving.key,
            archived: !archiving.archived,
          });
          catalogue.update((current) => ({
            ...current,
            plans: current.plans.map((plan) => (plan.key === saved.key ? saved : plan)),
          }));
        }}
      />
    </Card>
  );
}

interface LimitDraft {
  value: string;
  unlimited: boolean;
}

const keyPattern = /^[a-z][a-z0-9_]{1,39}$/;

function PlanForm({
  plan,
  currency,
  onClose,
  onSaved,
}: {
  plan: BillingPlan | null;
  currency: string;
  onClose(): void;
  onSaved(plan: BillingPlan): void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const [key, setKey] = useState(plan?.key ?? '');
  const [name, setName] = useState(plan ? planName(t, plan) : '');
  const [description, setDescription] = useState(plan ? planDescription(t, plan) : '');
  const [monthly, setMonthly] = useState(plan ? minorToText(plan.priceMonthly, currency, locale) : '');
  const [yearly, setYearly] = useState(plan ? minorToText(plan.priceYearly, currency, locale) : '');
  const [limits, setLimits] = useState<Record<keyof PlanLimits, LimitDraft>>(
    () =>
      Object.fromEntries(
        limitKeys.map((limit) => {
          const value = plan ? plan.entitlements.limits[limit] : null;
          return [limit, { value: value === null ? '' : String(value), unlimited: value === null }];
        }),
      ) as Record<keyof PlanLimits, LimitDraft>,
  );
  const [channels, setChannels] = useState<PlanChannel[]>(plan?.entitlements.channels ?? ['web']);
  const [features, setFeatures] = useState<PlanFeature[]>(plan?.entitlements.features ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const digits = currencyDigits(currency.toUpperCase() as Parameters<typeof currencyDigits>[0], locale);
  const billable = plan?.billable ?? true;

  const submit = useSubmit(async (input: MethodInput<'billing.savePlan'>) => {
    onSaved(await transport.call('billing.savePlan', input));
  });

  /** The server's word on one field, else the form's own check. */
  const fieldError = (field: string): string | null =>
    errors[field] ?? (submit.error?.field === field ? message(submit.error) : null);
  const unplacedError = (error: CallError | null) =>
    error && !(error.field && fieldNames(error.field)) ? message(error) : null;
  const fieldNames = (field: string) =>
    ['key', 'name', 'description', 'priceMonthly', 'priceYearly'].includes(field) ||
    field.startsWith('entitlements.limits.');

  const toMinor = (text: string): number | null => {
    const amount = parseAmount(text.trim() === '' ? '0' : text);
    return amount === null ? null : Math.round(amount * 10 ** digits);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!plan && !keyPattern.test(key.trim())) found.key = t('platformBilling.editor.keyInvalid');
    if (name.trim().length < 1 || name.trim().length > 60)
      found.name = t('platformBilling.editor.nameInvalid');
    const priceMonthly = billable ? toMinor(monthly) : 0;
    const priceYearly = billable ? toMinor(yearly) : 0;
    if (priceMonthly === null) found.priceMonthly = t('platformBilling.editor.priceInvalid');
    if (priceYearly === null) found.priceYearly = t('platformBilling.editor.priceInvalid');
    const limitValues = {} as PlanLimits;
    for (const limit of limitKeys) {
      const draft = limits[limit];
      if (draft.unlimited) {
        limitValues[limit] = null;
        continue;
      }
      const value = Number(draft.value.trim());
      if (draft.value.trim() === '' || !Number.isInteger(value) || value < 0) {
        found[`entitlements.limits.${limit}`] = t('platformBilling.editor.limitInvalid');
      } else limitValues[limit] = value;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void submit.run({
      key: plan?.key ?? key.trim(),
      name: name.trim(),
      description: description.trim(),
      priceMonthly: priceMonthly ?? 0,
      priceYearly: priceYearly ?? 0,
      entitlements: { limits: limitValues, channels, features },
      ...(plan ? { sort: plan.sort } : {}),
    });
  };

  const toggle = <T extends string>(list: T[], item: T, on: boolean) =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {unplacedError(submit.error) && <Alert tone="error">{unplacedError(submit.error)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('platformBilling.editor.name')}
          value={name}
          autoFocus
          onChange={(event) => setName(event.target.value)}
          error={fieldError('name')}
        />
        <TextField
          label={t('platformBilling.editor.key')}
          value={key}
          mono
          disabled={plan !== null}
          hint={t('platformBilling.editor.keyHint')}
          onChange={(event) => setKey(event.target.value)}
          error={fieldError('key')}
        />
        <TextAreaField
          className="sm:col-span-2"
          label={t('platformBilling.editor.descriptionField')}
          value={description}
          rows={2}
          onChange={(event) => setDescription(event.target.value)}
          error={fieldError('description')}
        />
        {billable ? (
          <>
            <TextField
              label={t('platformBilling.editor.priceMonthly', { currency: currency.toUpperCase() })}
              value={monthly}
              inputMode="decimal"
              onChange={(event) => setMonthly(event.target.value)}
              error={fieldError('priceMonthly')}
            />
            <TextField
              label={t('platformBilling.editor.priceYearly', { currency: currency.toUpperCase() })}
              value={yearly}
              inputMode="decimal"
              onChange={(event) => setYearly(event.target.value)}
              error={fieldError('priceYearly')}
            />
          </>
        ) : (
          <p className="text-sm text-slate-600 sm:col-span-2">{t('platformBilling.editor.notBilled')}</p>
        )}
      </div>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">{t('billing.compare.limits')}</legend>
        <div className="mt-2 grid gap-x-4 gap-y-3 sm:grid-cols-2">
          {limitKeys.map((limit) => {
            const draft = limits[limit];
            const set = (next: Partial<LimitDraft>) =>
              setLimits((current) => ({ ...current, [limit]: { ...current[limit], ...next } }));
            // no rate of its own: the installation's standard rate limit applies
            const noneWord =
              limit === 'apiRequestsPerMinute'
                ? t('billing.compare.installationDefault')
                : t('billing.unlimited');
            return (
              <div key={limit} className="flex items-end gap-3">
                <TextField
                  className="min-w-0 flex-1"
                  label={t(`billing.limits.${limit}`)}
                  value={draft.unlimited ? '' : draft.value}
                  placeholder={draft.unlimited ? noneWord : undefined}
                  inputMode="numeric"
                  disabled={draft.unlimited}
                  onChange={(event) => set({ value: event.target.value })}
                  error={fieldError(`entitlements.limits.${limit}`)}
                />
                <CheckboxField
                  className="mb-2.5 shrink-0"
                  label={noneWord}
                  aria-label={`${t(`billing.limits.${limit}`)}: ${noneWord}`}
                  checked={draft.unlimited}
                  onChange={(event) => set({ unlimited: event.target.checked })}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">{t('billing.compare.channels')}</legend>
          <div className="mt-2 flex flex-col gap-2">
            {planChannelList.map((channel) => (
              <CheckboxField
                key={channel}
                label={t(`billing.channels.${channel}`)}
                checked={channels.includes(channel)}
                onChange={(event) => setChannels(toggle(channels, channel, event.target.checked))}
              />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">{t('billing.compare.features')}</legend>
          <div className="mt-2 flex flex-col gap-2">
            {planFeatureList.map((feature) => (
              <CheckboxField
                key={feature}
                label={t(`billing.features.${feature}`)}
                checked={features.includes(feature)}
                onChange={(event) => setFeatures(toggle(features, feature, event.target.checked))}
              />
            ))}
          </div>
        </fieldset>
      </div>
      {plan && plan.tenantCount > 0 && (
        <p className="text-sm text-slate-600">
          {t('platformBilling.editor.appliesAtOnce', { count: plan.tenantCount })}
        </p>
      )}
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {t('platformBilling.editor.save')}
        </Button>
      </DialogActions>
    </form>
  );
}
