import { CreditCard, ExternalLink, FileText, Gauge, Receipt } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { Table, Td, Th } from '../../components/Table';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import {
  formatMinor,
  goToStripe,
  isDunning,
  planNameOf,
  statusTone,
  type Invoice,
  type Subscription,
  type Usage,
} from './billing-meta';
import { PlansSection } from './PlansSection';
import { useMeterValue } from './use-meter-value';

export function TestModeBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="warning" className="uppercase">
      {t('billing.testMode')}
    </Badge>
  );
}

export function BillingPage() {
  const { t } = useTranslation();
  const { role } = usePermissions();
  const owner = role === 'owner';
  const subscription = useLoad(() => transport.call('billing.subscription', {}), 'subscription');
  const usage = useLoad(() => transport.call('billing.usage', {}), 'usage');
  const { reload: reloadSubscription } = subscription;
  const { reload: reloadUsage } = usage;
  // a Stripe event, the platform admin or a usage level changes what this page shows
  useEffect(
    () =>
      transport.on('billing.changed', () => {
        reloadSubscription();
        reloadUsage();
      }),
    [reloadSubscription, reloadUsage],
  );
  const sub = subscription.data;

  return (
    <>
      <PageHeader
        title={t('billing.title')}
        description={owner ? t('billing.descriptionOwner') : t('billing.descriptionMember')}
        actions={
          sub && (
            <>
              {sub.testMode && <TestModeBadge />}
              {owner && sub.canManage && <PortalButton />}
            </>
          )
        }
      />
      {subscription.error && !sub ? (
        <Card>
          <ErrorState error={subscription.error} onRetry={subscription.reload} />
        </Card>
      ) : !sub ? (
        <Card>
          <LoadingState />
        </Card>
      ) : (
        <div className="flex flex-col gap-6">
          <SubscriptionAlerts sub={sub} owner={owner} onChanged={reloadSubscription} />
          <div className="grid gap-6 xl:grid-cols-3">
            <CurrentPlanCard sub={sub} owner={owner} onChanged={reloadSubscription} />
            <UsageCard
              className="xl:col-span-2"
              usage={usage.data}
              error={usage.error}
              onRetry={usage.reload}
            />
          </div>
          <PlansSection sub={sub} owner={owner} />
          {owner && <InvoicesCard />}
        </div>
      )}
    </>
  );
}

function PortalButton() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const submit = useSubmit(async () => {
    const { url } = await transport.call('billing.portal', {});
    goToStripe(url);
  });
  useEffect(() => {
    if (submit.error) showToast('error', message(submit.error));
  }, [submit.error, message, showToast]);
  return (
    <Button
      busy={submit.busy}
      icon={<CreditCard aria-hidden="true" className="size-4" />}
      onClick={() => void submit.run()}
    >
      {t('billing.portal')}
    </Button>
  );
}

function SubscriptionAlerts({
  sub,
  owner,
  onChanged,
}: {
  sub: Subscription;
  owner: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const message = useErrorMessage();
  const keep = useSubmit(async () => {
    await transport.call('billing.cancel', { atPeriodEnd: false });
    onChanged();
  });
  const plan = planNameOf(t, sub.planKey, sub.planName);
  return (
    <>
      {!sub.billingEnabled && <Alert tone="info">{t('billing.billingOff')}</Alert>}
      {isDunning(sub.status) && (
        <Alert tone="warning" title={t('billing.dunning.title')}>
          {sub.graceUntil
            ? t('billing.dunning.until', { plan, date: date(sub.graceUntil) })
            : t('billing.dunning.noDate', { plan })}{' '}
          {owner && sub.canManage && t('billing.dunning.fix')}
        </Alert>
      )}
      {sub.cancelAtPeriodEnd && (
        <Alert
          tone="info"
          title={t('billing.cancel.pending', {
            plan,
            date: sub.currentPeriodEnd ? date(sub.currentPeriodEnd) : '—',
          })}
          action={
            owner && sub.canManage ? (
              <Button size="sm" busy={keep.busy} onClick={() => void keep.run()}>
                {t('billing.cancel.keep')}
              </Button>
            ) : undefined
          }
        >
          {t('billing.cancel.nothingDeleted')}
          {keep.error && <span className="mt-1 block text-red-700">{message(keep.error)}</span>}
        </Alert>
      )}
    </>
  );
}

function CurrentPlanCard({
  sub,
  owner,
  onChanged,
}: {
  sub: Subscription;
  owner: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const [cancelling, setCancelling] = useState(false);
  const plan = planNameOf(t, sub.planKey, sub.planName);
  const canCancel =
    owner &&
    sub.canManage &&
    !sub.cancelAtPeriodEnd &&
    ['active', 'trialing', 'past_due'].includes(sub.status);
  return (
    <Card title={t('billing.current.title')} titleId="billing-current">
      <div className="flex flex-col gap-4 px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-xl font-semibold text-slate-900">{plan}</p>
          <Badge tone={statusTone(sub.status)}>{t(`billing.status.${sub.status}`)}</Badge>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {sub.interval && (
            <>
              <dt className="text-slate-500">{t('billing.current.interval')}</dt>
              <dd className="text-slate-800">{t(`billing.interval.${sub.interval}`)}</dd>
            </>
          )}
          {sub.currentPeriodEnd && (
            <>
              <dt className="text-slate-500">
                {sub.cancelAtPeriodEnd ? t('billing.current.ends') : t('billing.current.renews')}
              </dt>
              <dd className="text-slate-800">{date(sub.currentPeriodEnd)}</dd>
            </>
          )}
          {sub.paidThrough && (
            <>
              <dt className="text-slate-500">{t('billing.current.paidThrough')}</dt>
              <dd className="text-slate-800">{date(sub.paidThrough)}</dd>
            </>
          )}
          {sub.effectivePlanKey !== sub.planKey && (
            <>
              <dt className="text-slate-500">{t('billing.current.effective')}</dt>
              <dd className="text-slate-800">{planNameOf(t, sub.effectivePlanKey, '')}</dd>
            </>
          )}
        </dl>
        {sub.status === 'none' && (
          <p className="text-sm text-slate-600">{t('billing.current.noSubscription')}</p>
        )}
        {canCancel && (
          <div>
            <Button variant="ghostDanger" size="sm" onClick={() => setCancelling(true)}>
              {t('billing.cancel.button')}
            </Button>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={cancelling}
        onOpenChange={setCancelling}
        title={t('billing.cancel.title')}
        description={t('billing.cancel.description', {
          plan,
          date: sub.currentPeriodEnd ? date(sub.currentPeriodEnd) : '—',
        })}
        confirmLabel={t('billing.cancel.confirm')}
        onConfirm={async () => {
          await transport.call('billing.cancel', { atPeriodEnd: true });
          onChanged();
        }}
      />
    </Card>
  );
}

function UsageCard({
  usage,
  error,
  onRetry,
  className,
}: {
  usage: Usage | undefined;
  error: ReturnType<typeof useLoad>['error'];
  onRetry(): void;
  className?: string;
}) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const value = useMeterValue();
  return (
    <Card
      title={t('billing.usage.title')}
      titleId="billing-usage"
      className={className}
      actions={
        usage && (
          <span className="text-xs text-slate-500">
            {t('billing.usage.period', { start: date(usage.periodStart), end: date(usage.periodEnd) })}
          </span>
        )
      }
    >
      {error && !usage ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : !usage ? (
        <LoadingState />
      ) : usage.meters.length === 0 ? (
        <EmptyState icon={Gauge} title={t('billing.usage.empty')} />
      ) : (
        <ul className="grid gap-x-6 gap-y-5 px-5 py-4 sm:grid-cols-2">
          {usage.meters.map((meter) => (
            <li key={meter.kind}>
              {meter.limit === null || meter.percent === null ? (
                <div className="flex flex-col gap-1.5">
                  <div className="flex items-baseline justify-between gap-3 text-sm">
                    <span className="font-medium text-slate-800">{t(`billing.meters.${meter.kind}`)}</span>
                    <span className="shrink-0 text-slate-600">{t('billing.unlimited')}</span>
                  </div>
                  <p className="text-xs text-slate-500">
                    {t('billing.usage.usedNoLimit', { used: value(meter.kind, meter.used) })}
                  </p>
                </div>
              ) : (
                <ProgressBar
                  label={t(`billing.meters.${meter.kind}`)}
                  percent={meter.percent}
                  detail={
                    <>
                      {t('billing.usage.usedOf', {
                        used: value(meter.kind, meter.used),
                        limit: value(meter.kind, meter.limit),
                      })}
                      {meter.percent >= 100 ? (
                        <span className="ml-1 font-medium text-red-700">{t('billing.usage.reached')}</span>
                      ) : meter.percent >= 80 ? (
                        <span className="ml-1 font-medium text-amber-800">{t('billing.usage.near')}</span>
                      ) : null}
                    </>
                  }
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function InvoicesCard() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const { locale } = useFormat();
  const invoices = useLoad(() => transport.call('billing.invoices', { limit: 24 }), 'invoices');
  const { reload } = invoices;
  useEffect(() => transport.on('billing.changed', reload), [reload]);
  const items = invoices.data?.items;
  return (
    <Card title={t('billing.invoices.title')} titleId="billing-invoices">
      {invoices.error && !items ? (
        <ErrorState error={invoices.error} onRetry={reload} />
      ) : !items ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState icon={Receipt} title={t('billing.invoices.empty')} />
      ) : (
        <Table label={t('billing.invoices.title')}>
          <thead>
            <tr>
              <Th>{t('billing.invoices.columns.invoice')}</Th>
              <Th>{t('billing.invoices.columns.period')}</Th>
              <Th>{t('billing.invoices.columns.status')}</Th>
              <Th className="text-right">{t('billing.invoices.columns.amount')}</Th>
              <Th className="text-right">
                <span className="sr-only">{t('billing.invoices.columns.links')}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {items.map((invoice) => (
              <InvoiceRow key={invoice.id} invoice={invoice} date={date} locale={locale} />
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

const invoiceTone = (status: Invoice['status']) =>
  status === 'paid'
    ? 'success'
    : status === 'open'
      ? 'warning'
      : status === 'uncollectible'
        ? 'danger'
        : 'neutral';

function InvoiceRow({
  invoice,
  date,
  locale,
}: {
  invoice: Invoice;
  date: (ms: number) => string;
  locale: string;
}) {
  const { t } = useTranslation();
  const name = invoice.number ?? date(invoice.createdAt);
  return (
    <tr className="hover:bg-slate-50/60">
      <Td>
        <span className="block font-medium text-slate-900">{invoice.number ?? '—'}</span>
        <span className="block text-xs text-slate-500">{date(invoice.createdAt)}</span>
      </Td>
      <Td className="whitespace-nowrap text-slate-700">
        {invoice.periodStart && invoice.periodEnd
          ? t('billing.invoices.periodRange', {
              start: date(invoice.periodStart),
              end: date(invoice.periodEnd),
            })
          : '—'}
      </Td>
      <Td>
        <Badge tone={invoiceTone(invoice.status)}>{t(`billing.invoices.status.${invoice.status}`)}</Badge>
      </Td>
      <Td className="text-right whitespace-nowrap text-slate-900 tabular-nums">
        {formatMinor(invoice.total, invoice.currency, locale)}
        {invoice.status === 'open' && invoice.amountDue > 0 && (
          <span className="block text-xs text-amber-800">
            {t('billing.invoices.due', { amount: formatMinor(invoice.amountDue, invoice.currency, locale) })}
          </span>
        )}
      </Td>
      <Td className="text-right whitespace-nowrap">
        {invoice.hostedInvoiceUrl && (
          <InvoiceLink
            href={invoice.hostedInvoiceUrl}
            icon={ExternalLink}
            label={t('billing.invoices.open')}
            name={t('billing.invoices.openNamed', { name })}
          />
        )}
        {invoice.invoicePdf && (
          <InvoiceLink
            href={invoice.invoicePdf}
            icon={FileText}
            label={t('billing.invoices.pdf')}
            name={t('billing.invoices.pdfNamed', { name })}
          />
        )}
      </Td>
    </tr>
  );
}

/** A link to an invoice at Stripe (its hosted page or its PDF), in a new tab, named with the invoice. */
function InvoiceLink({
  href,
  icon: Icon,
  label,
  name,
}: {
  href: string;
  icon: typeof ExternalLink;
  label: string;
  /** The accessible name, saying which invoice. */
  name: string;
}) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="inline-flex items-center gap-1 rounded px-1.5 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50 hover:underline"
      aria-label={name}
    >
      <Icon aria-hidden="true" className="size-3.5" />
      {label}
    </a>
  );
}
