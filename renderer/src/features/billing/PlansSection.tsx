import { Check, Minus, Package } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Dialog, DialogActions } from '../../components/Dialog';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { Table, Td, Th } from '../../components/Table';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { transport } from '../../transport';
import {
  checkoutFromKey,
  formatMinor,
  goToStripe,
  limitKeys,
  meterOfLimit,
  missingLabel,
  planChannelList,
  planDescription,
  planFeatureList,
  planName,
  planNameOf,
  type BillingInterval,
  type BillingPlan,
  type Subscription,
} from './billing-meta';
import { useMeterValue } from './use-meter-value';

/** The plan cards with a monthly/yearly choice, and the comparison of what each plan includes. */
export function PlansSection({ sub, owner }: { sub: Subscription; owner: boolean }) {
  const { t } = useTranslation();
  const catalogue = useLoad(() => transport.call('billing.plans', {}), 'plans');
  const [interval, setInterval] = useState<BillingInterval>(sub.interval ?? 'month');
  const [choosing, setChoosing] = useState<BillingPlan | null>(null);
  const plans = catalogue.data?.plans.filter((plan) => !plan.archived).sort((a, b) => a.sort - b.sort);
  const currency = catalogue.data?.currency ?? sub.currency;

  return (
    <Card
      title={t('billing.plans.title')}
      titleId="billing-plans"
      actions={<IntervalChoice value={interval} onChange={setInterval} />}
    >
      {catalogue.error && !plans ? (
        <ErrorState error={catalogue.error} onRetry={catalogue.reload} />
      ) : !plans ? (
        <LoadingState />
      ) : plans.length === 0 ? (
        <EmptyState icon={Package} title={t('billing.plans.empty')} />
      ) : (
        <>
          {!owner ? (
            <p className="px-5 pt-4 text-sm text-slate-600">{t('billing.plans.ownersOnly')}</p>
          ) : (
            !sub.canManage && (
              <p className="px-5 pt-4 text-sm text-slate-600">{t('billing.plans.cannotBuy')}</p>
            )
          )}
          <ul className="grid gap-4 px-5 py-4 sm:grid-cols-2 xl:grid-cols-4">
            {plans.map((plan) => (
              <PlanCard
                key={plan.key}
                plan={plan}
                currency={currency}
                interval={interval}
                sub={sub}
                canBuy={owner && sub.canManage}
                onChoose={() => setChoosing(plan)}
              />
            ))}
          </ul>
          <Comparison plans={plans} currentKey={sub.planKey} />
        </>
      )}
      <ChangePlanDialog
        plan={choosing}
        interval={interval}
        currency={currency}
        sub={sub}
        onClose={() => setChoosing(null)}
      />
    </Card>
  );
}

function IntervalChoice({
  value,
  onChange,
}: {
  value: BillingInterval;
  onChange(value: BillingInterval): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">{t('billing.plans.intervalLabel')}</legend>
      <div className="inline-flex rounded-md bg-slate-100 p-0.5">
        {(['month', 'year'] as const).map((option) => (
          <label
            key={option}
            className={cx(
              'cursor-pointer rounded px-3 py-1 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
              value === option ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600 hover:text-slate-900',
            )}
          >
            <input
              type="radio"
              name="billing-interval"
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
              className="sr-only"
            />
            {t(`billing.plans.interval.${option}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** "kr 490 / month", or "No charge" for a plan that is never billed. */
function usePrice() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return (plan: BillingPlan, interval: BillingInterval, currency: string) => {
    if (!plan.billable) return { main: t('billing.plans.noCharge'), sub: null };
    const amount = interval === 'month' ? plan.priceMonthly : plan.priceYearly;
    const main = t(`billing.plans.per.${interval}`, { price: formatMinor(amount, currency, locale) });
    const sub =
      interval === 'year' && plan.priceYearly > 0
        ? t('billing.plans.perMonthEquivalent', {
            price: formatMinor(Math.round(plan.priceYearly / 12), currency, locale),
          })
        : null;
    return { main, sub };
  };
}

function PlanCard({
  plan,
  currency,
  interval,
  sub,
  canBuy,
  onChoose,
}: {
  plan: BillingPlan;
  currency: string;
  interval: BillingInterval;
  sub: Subscription;
  canBuy: boolean;
  onChoose(): void;
}) {
  const { t } = useTranslation();
  const price = usePrice()(plan, interval, currency);
  const name = planName(t, plan);
  const current = plan.key === sub.planKey;
  const sameInterval = !plan.billable || sub.interval === null || sub.interval === interval;
  const headingId = `plan-${plan.key}`;
  return (
    <li
      aria-labelledby={headingId}
      className={cx(
        'flex flex-col rounded-lg p-4 ring-1',
        current ? 'bg-indigo-50/50 ring-2 ring-indigo-500' : 'ring-slate-200',
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">
          {name}
        </h3>
        {current && <Badge tone="accent">{t('billing.plans.current')}</Badge>}
      </div>
      <p className="mt-1 min-h-10 text-sm text-slate-600">{planDescription(t, plan)}</p>
      <p className="mt-3 text-lg font-semibold text-slate-900 tabular-nums">{price.main}</p>
      {price.sub && <p className="text-xs text-slate-500">{price.sub}</p>}
      <div className="mt-auto pt-4">
        {canBuy && plan.billable && !(current && sameInterval) && (
          <Button
            variant={current ? 'secondary' : 'primary'}
            size="sm"
            className="w-full"
            onClick={onChoose}
            aria-label={
              current
                ? t(`billing.plans.switchNamed.${interval}`, { plan: name })
                : t('billing.plans.chooseNamed', { plan: name })
            }
          >
            {current ? t(`billing.plans.switch.${interval}`) : t('billing.plans.choose')}
          </Button>
        )}
      </div>
    </li>
  );
}

function Included({ yes }: { yes: boolean }) {
  const { t } = useTranslation();
  return yes ? (
    <span className="inline-flex text-emerald-700">
      <Check aria-hidden="true" className="size-4" />
      <span className="sr-only">{t('billing.compare.included')}</span>
    </span>
  ) : (
    <span className="inline-flex text-slate-400">
      <Minus aria-hidden="true" className="size-4" />
      <span className="sr-only">{t('billing.compare.notIncluded')}</span>
    </span>
  );
}

function Comparison({ plans, currentKey }: { plans: BillingPlan[]; currentKey: string }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const value = useMeterValue();
  const limitText = (plan: BillingPlan, key: (typeof limitKeys)[number]) => {
    const limit = plan.entitlements.limits[key];
    if (limit === null)
      return key === 'apiRequestsPerMinute'
        ? t('billing.compare.installationDefault')
        : t('billing.unlimited');
    const meter = meterOfLimit[key];
    return meter ? value(meter, limit) : number(limit);
  };
  return (
    <div className="border-t border-slate-200">
      <h3 className="px-5 pt-4 pb-2 text-sm font-semibold text-slate-900">{t('billing.compare.title')}</h3>
      <Table label={t('billing.compare.title')}>
        <thead>
          <tr>
            <Th>
              <span className="sr-only">{t('billing.compare.what')}</span>
            </Th>
            {plans.map((plan) => (
              <Th key={plan.key} className={cx(plan.key === currentKey && 'text-indigo-700')}>
                {planName(t, plan)}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          <GroupRow label={t('billing.compare.limits')} span={plans.length + 1} />
          {limitKeys.map((key) => (
            <tr key={key}>
              <RowHeader>{t(`billing.limits.${key}`)}</RowHeader>
              {plans.map((plan) => (
                <Td key={plan.key} className="text-slate-800 tabular-nums">
                  {limitText(plan, key)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
        <tbody>
          <GroupRow label={t('billing.compare.channels')} span={plans.length + 1} />
          {planChannelList.map((channel) => (
            <tr key={channel}>
              <RowHeader>{t(`billing.channels.${channel}`)}</RowHeader>
              {plans.map((plan) => (
                <Td key={plan.key}>
                  <Included yes={plan.entitlements.channels.includes(channel)} />
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
        <tbody>
          <GroupRow label={t('billing.compare.features')} span={plans.length + 1} />
          {planFeatureList.map((feature) => (
            <tr key={feature}>
              <RowHeader>{t(`billing.features.${feature}`)}</RowHeader>
              {plans.map((plan) => (
                <Td key={plan.key}>
                  <Included yes={plan.entitlements.features.includes(feature)} />
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function RowHeader({ children }: { children: ReactNode }) {
  return (
    <th
      scope="row"
      className="border-b border-slate-100 py-3 pr-3 pl-5 text-left text-sm font-normal text-slate-700"
    >
      {children}
    </th>
  );
}

function GroupRow({ label, span }: { label: string; span: number }) {
  return (
    <tr>
      <Th
        colSpan={span}
        scope="rowgroup"
        className="bg-slate-50/80 pt-3 text-xs font-semibold tracking-wide text-slate-500 uppercase"
      >
        {label}
      </Th>
    </tr>
  );
}

/** Before Checkout: what would not fit the plan (a downgrade explains and never deletes), then Stripe. */
function ChangePlanDialog({
  plan,
  interval,
  currency,
  sub,
  onClose,
}: {
  plan: BillingPlan | null;
  interval: BillingInterval;
  currency: string;
  sub: Subscription;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const price = usePrice();
  const name = plan ? planName(t, plan) : '';
  return (
    <Dialog
      open={plan !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t('billing.change.title', { plan: name })}
      description={
        plan
          ? t('billing.change.description', {
              from: planNameOf(t, sub.planKey, sub.planName),
              plan: name,
              price: price(plan, interval, currency).main,
            })
          : undefined
      }
    >
      {plan && <ChangePlanBody plan={plan} interval={interval} sub={sub} onClose={onClose} />}
    </Dialog>
  );
}

function ChangePlanBody({
  plan,
  interval,
  sub,
  onClose,
}: {
  plan: BillingPlan;
  interval: BillingInterval;
  sub: Subscription;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const value = useMeterValue();
  const fit = useLoad(() => transport.call('billing.planFit', { planKey: plan.key }), plan.key);
  const name = planName(t, plan);
  const checkout = useSubmit(async () => {
    const { url } = await transport.call('billing.checkout', { planKey: plan.key, interval });
    try {
      sessionStorage.setItem(
        checkoutFromKey,
        JSON.stringify({ planKey: sub.planKey, interval: sub.interval }),
      );
    } catch {
      // a browser without session storage: the success page then waits for any answer
    }
    goToStripe(url);
  });
  const data = fit.data;
  return (
    <div className="flex flex-col gap-4">
      {fit.error && !data ? (
        <Alert tone="error" reason={fit.error?.reason}>
          {message(fit.error)}
        </Alert>
      ) : !data ? (
        <LoadingState label={t('billing.change.checking')} />
      ) : data.fits ? (
        <Alert tone="success">{t('billing.change.fits', { plan: name })}</Alert>
      ) : (
        <Alert tone="warning" title={t('billing.change.notFit', { plan: name })}>
          <ul className="mt-1 list-disc space-y-1 pl-4">
            {data.over.map((item) => (
              <li key={item.kind}>
                {t('billing.change.over', {
                  what: t(`billing.meters.${item.kind}`),
                  used: value(item.kind, item.used),
                  limit: value(item.kind, item.limit),
                })}
              </li>
            ))}
            {data.agentsToPause.length > 0 && (
              <li>
                {t('billing.change.pause', {
                  count: data.agentsToPause.length,
                  agents: data.agentsToPause.map((agent) => agent.name).join(', '),
                })}
              </li>
            )}
            {data.missing.length > 0 && (
              <li>
                {t('billing.change.missing', {
                  plan: name,
                  what: data.missing.map((what) => missingLabel(t, what)).join(', '),
                })}
              </li>
            )}
          </ul>
          <p className="mt-2">{t('billing.change.neverDeletes')}</p>
        </Alert>
      )}
      <p className="text-sm text-slate-600">{t('billing.change.stripe')}</p>
      {checkout.error && (
        <Alert tone="error" reason={checkout.error?.reason}>
          {message(checkout.error)}
        </Alert>
      )}
      <DialogActions>
        <Button onClick={onClose} disabled={checkout.busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" busy={checkout.busy} disabled={!data} onClick={() => void checkout.run()}>
          {t('billing.change.continue')}
        </Button>
      </DialogActions>
    </div>
  );
}
