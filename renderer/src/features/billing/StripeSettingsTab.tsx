import { RefreshCw, Upload } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectField, TextField } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { SwitchField } from '../../components/Switch';
import { currencies, type MethodInput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { currencyName } from '../../i18n/money';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { TestModeBadge } from './BillingPage';
import {
  downgradeTimingList,
  planName,
  prorationList,
  type BillingPlan,
  type BillingSettings,
} from './billing-meta';

/** Stripe's connection (keys never shown back), plan sync, reading events, and the billing policy. */
export function StripeSettingsTab() {
  const settings = useLoad(() => transport.call('billing.settings', {}), 'settings');
  const catalogue = useLoad(() => transport.call('billing.plans', {}), 'plans');
  if (settings.error && !settings.data) {
    return (
      <Card>
        <ErrorState error={settings.error} onRetry={settings.reload} />
      </Card>
    );
  }
  if (!settings.data) {
    return (
      <Card>
        <LoadingState />
      </Card>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <ConnectionCard settings={settings.data} onSaved={(next) => settings.update(() => next)} />
      <PolicyCard
        key={JSON.stringify(settings.data)}
        settings={settings.data}
        plans={(catalogue.data?.plans ?? []).filter((plan) => !plan.archived)}
        onSaved={(next) => settings.update(() => next)}
      />
    </div>
  );
}

function ConnectionCard({
  settings,
  onSaved,
}: {
  settings: BillingSettings;
  onSaved(settings: BillingSettings): void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const stripe = settings.stripe;
  const [secretKey, setSecretKey] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const [apiUrl, setApiUrl] = useState(stripe.apiUrl ?? '');
  const [disconnecting, setDisconnecting] = useState(false);
  const [syncResult, setSyncResult] = useState<string | null>(null);
  const [readResult, setReadResult] = useState<string | null>(null);

  const save = useSubmit(async () => {
    const next = await transport.call('billing.saveSettings', {
      ...(secretKey.trim() ? { secretKey: secretKey.trim() } : {}),
      ...(webhookSecret.trim() ? { webhookSecret: webhookSecret.trim() } : {}),
      ...(apiUrl.trim() !== (stripe.apiUrl ?? '') ? { apiUrl: apiUrl.trim() } : {}),
    });
    setSecretKey('');
    setWebhookSecret('');
    onSaved(next);
    showToast('success', t('platformBilling.stripe.saved'));
  });
  const sync = useSubmit(async () => {
    setSyncResult(null);
    const result = await transport.call('billing.syncPlans', {});
    setSyncResult(t('platformBilling.stripe.syncResult', result));
  });
  const read = useSubmit(async () => {
    setReadResult(null);
    const result = await transport.call('billing.syncNow', {});
    setReadResult(t('platformBilling.stripe.readResult', result));
  });
  const fieldError = (field: string) => (save.error?.field === field ? message(save.error) : null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const lastError = stripe.lastErrorReason
    ? t(`errors.reasons.${stripe.lastErrorReason}`, { defaultValue: stripe.lastErrorReason })
    : null;

  return (
    <Card
      title={t('platformBilling.stripe.connectionTitle')}
      titleId="billing-stripe"
      actions={
        <span className="flex items-center gap-2">
          {stripe.connected && stripe.testMode && <TestModeBadge />}
          <Badge tone={stripe.connected ? 'success' : 'neutral'}>
            {stripe.connected
              ? t('platformBilling.stripe.connected')
              : t('platformBilling.stripe.notConnected')}
          </Badge>
        </span>
      }
    >
      <div className="flex flex-col gap-5 px-5 py-4">
        <dl className="grid gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">{t('platformBilling.stripe.key')}</dt>
          <dd className="font-mono text-[13px] text-slate-800">{stripe.keyHint ?? '—'}</dd>
          {stripe.accountName && (
            <>
              <dt className="text-slate-500">{t('platformBilling.stripe.account')}</dt>
              <dd className="text-slate-800">{stripe.accountName}</dd>
            </>
          )}
          <dt className="text-slate-500">{t('platformBilling.stripe.webhookSecret')}</dt>
          <dd className="text-slate-800">
            {stripe.webhookSecretSet
              ? t('platformBilling.stripe.secretSet')
              : t('platformBilling.stripe.secretNotSet')}
          </dd>
          <dt className="text-slate-500">{t('platformBilling.stripe.lastEvent')}</dt>
          <dd className="text-slate-800">
            {stripe.lastEventAt ? dateTime(stripe.lastEventAt) : t('platformBilling.stripe.noEvents')}
          </dd>
        </dl>
        {lastError && (
          <Alert tone="error" title={t('platformBilling.stripe.lastError')}>
            {lastError}
          </Alert>
        )}
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          {save.error && !['secretKey', 'webhookSecret', 'apiUrl'].includes(save.error.field ?? '') && (
            <Alert tone="error" reason={save.error?.reason}>
              {message(save.error)}
            </Alert>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              type="password"
              autoComplete="off"
              mono
              label={t('platformBilling.stripe.secretKey')}
              placeholder={stripe.keyHint ? t('platformBilling.stripe.keepSaved') : 'rk_live_…'}
              hint={t('platformBilling.stripe.secretKeyHint')}
              value={secretKey}
              onChange={(event) => setSecretKey(event.target.value)}
              error={fieldError('secretKey')}
            />
            <TextField
              type="password"
              autoComplete="off"
              mono
              label={t('platformBilling.stripe.webhookSecretField')}
              placeholder={stripe.webhookSecretSet ? t('platformBilling.stripe.keepSaved') : 'whsec_…'}
              hint={t('platformBilling.stripe.webhookSecretHint')}
              value={webhookSecret}
              onChange={(event) => setWebhookSecret(event.target.value)}
              error={fieldError('webhookSecret')}
            />
            <TextField
              className="sm:col-span-2"
              mono
              label={t('platformBilling.stripe.apiUrl')}
              optional={t('common.optional')}
              hint={t('platformBilling.stripe.apiUrlHint')}
              value={apiUrl}
              onChange={(event) => setApiUrl(event.target.value)}
              error={fieldError('apiUrl')}
            />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="primary" busy={save.busy}>
              {stripe.connected ? t('platformBilling.stripe.saveKeys') : t('platformBilling.stripe.connect')}
            </Button>
            {stripe.connected && (
              <Button variant="ghostDanger" onClick={() => setDisconnecting(true)}>
                {t('platformBilling.stripe.disconnect')}
              </Button>
            )}
          </div>
        </form>
        <div className="flex flex-col gap-3 border-t border-slate-200 pt-4">
          <div className="flex flex-wrap items-center gap-3">
            <Button
              disabled={!stripe.connected}
              busy={sync.busy}
              icon={<Upload aria-hidden="true" className="size-4" />}
              onClick={() => void sync.run()}
            >
              {t('platformBilling.stripe.syncPlans')}
            </Button>
            <Button
              disabled={!stripe.connected}
              busy={read.busy}
              icon={<RefreshCw aria-hidden="true" className="size-4" />}
              onClick={() => void read.run()}
            >
              {t('platformBilling.stripe.readNow')}
            </Button>
          </div>
          <div aria-live="polite" className="flex flex-col gap-2">
            {sync.busy && <p className="text-sm text-slate-600">{t('platformBilling.stripe.syncing')}</p>}
            {read.busy && <p className="text-sm text-slate-600">{t('platformBilling.stripe.reading')}</p>}
            {syncResult && <Alert tone="success">{syncResult}</Alert>}
            {readResult && <Alert tone="success">{readResult}</Alert>}
            {sync.error && (
              <Alert tone="error" reason={sync.error?.reason}>
                {message(sync.error)}
              </Alert>
            )}
            {read.error && (
              <Alert tone="error" reason={read.error?.reason}>
                {message(read.error)}
              </Alert>
            )}
          </div>
        </div>
      </div>
      <ConfirmDialog
        open={disconnecting}
        onOpenChange={setDisconnecting}
        title={t('platformBilling.stripe.disconnectTitle')}
        description={t('platformBilling.stripe.disconnectDescription')}
        confirmLabel={t('platformBilling.stripe.disconnect')}
        onConfirm={async () => onSaved(await transport.call('billing.saveSettings', { secretKey: '' }))}
      />
    </Card>
  );
}

function PolicyCard({
  settings,
  plans,
  onSaved,
}: {
  settings: BillingSettings;
  plans: BillingPlan[];
  onSaved(settings: BillingSettings): void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const [enabled, setEnabled] = useState(settings.enabled);
  const [currency, setCurrency] = useState(settings.currency);
  const [defaultPlan, setDefaultPlan] = useState(settings.defaultPlan);
  const [fallbackPlan, setFallbackPlan] = useState(settings.fallbackPlan);
  const [graceDays, setGraceDays] = useState(String(settings.graceDays));
  const [proration, setProration] = useState(settings.proration);
  const [downgradeTiming, setDowngradeTiming] = useState(settings.downgradeTiming);
  const [pollMinutes, setPollMinutes] = useState(String(Math.round(settings.pollSeconds / 60)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async (input: MethodInput<'billing.saveSettings'>) => {
    onSaved(await transport.call('billing.saveSettings', input));
    showToast('success', t('platformBilling.policy.saved'));
  });
  const fieldError = (field: string) =>
    errors[field] ?? (save.error?.field === field ? message(save.error) : null);
  const planOptions = plans.map((plan) => ({ value: plan.key, label: planName(t, plan) }));
  // a plan no longer sold still shows as chosen
  const withCurrent = (key: string) =>
    planOptions.some((option) => option.value === key)
      ? planOptions
      : [...planOptions, { value: key, label: key }];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const grace = Number(graceDays);
    if (!Number.isInteger(grace) || grace < 0 || grace > 90)
      found.graceDays = t('platformBilling.policy.graceInvalid');
    const poll = Number(pollMinutes);
    if (!Number.isInteger(poll) || poll < 1 || poll > 1440)
      found.pollSeconds = t('platformBilling.policy.pollInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void save.run({
      enabled,
      currency,
      defaultPlan,
      fallbackPlan,
      graceDays: grace,
      proration,
      downgradeTiming,
      pollSeconds: poll * 60,
    });
  };

  return (
    <Card title={t('platformBilling.policy.title')} titleId="billing-policy">
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5 px-5 py-4">
        {save.error && !save.error.field && (
          <Alert tone="error" reason={save.error?.reason}>
            {message(save.error)}
          </Alert>
        )}
        <SwitchField
          label={t('platformBilling.policy.enabled')}
          hint={t('platformBilling.policy.enabledHint')}
          checked={enabled}
          onChange={setEnabled}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('platformBilling.policy.currency')}
            value={currency}
            onChange={(event) => setCurrency(event.target.value as typeof currency)}
            options={currencies.map((code) => ({
              value: code,
              label: `${code} · ${currencyName(code, locale)}`,
            }))}
            error={fieldError('currency')}
          />
          <TextField
            label={t('platformBilling.policy.graceDays')}
            hint={t('platformBilling.policy.graceHint')}
            inputMode="numeric"
            value={graceDays}
            onChange={(event) => setGraceDays(event.target.value)}
            error={fieldError('graceDays')}
          />
          <SelectField
            label={t('platformBilling.policy.defaultPlan')}
            hint={t('platformBilling.policy.defaultPlanHint')}
            value={defaultPlan}
            onChange={(event) => setDefaultPlan(event.target.value)}
            options={withCurrent(defaultPlan)}
            error={fieldError('defaultPlan')}
          />
          <SelectField
            label={t('platformBilling.policy.fallbackPlan')}
            hint={t('platformBilling.policy.fallbackPlanHint')}
            value={fallbackPlan}
            onChange={(event) => setFallbackPlan(event.target.value)}
            options={withCurrent(fallbackPlan)}
            error={fieldError('fallbackPlan')}
          />
          <SelectField
            className="sm:col-span-2"
            label={t('platformBilling.policy.proration')}
            value={proration}
            onChange={(event) => setProration(event.target.value as typeof proration)}
            options={prorationList.map((value) => ({
              value,
              label: t(`platformBilling.policy.prorations.${value}`),
            }))}
            error={fieldError('proration')}
          />
          <SelectField
            className="sm:col-span-2"
            label={t('platformBilling.policy.downgradeTiming')}
            value={downgradeTiming}
            onChange={(event) => setDowngradeTiming(event.target.value as typeof downgradeTiming)}
            options={downgradeTimingList.map((value) => ({
              value,
              label: t(`platformBilling.policy.downgradeTimings.${value}`),
            }))}
            error={fieldError('downgradeTiming')}
          />
          <TextField
            label={t('platformBilling.policy.pollMinutes')}
            hint={t('platformBilling.policy.pollHint')}
            inputMode="numeric"
            value={pollMinutes}
            onChange={(event) => setPollMinutes(event.target.value)}
            error={fieldError('pollSeconds')}
          />
        </div>
        <div>
          <Button type="submit" variant="primary" busy={save.busy}>
            {t('platformBilling.policy.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
