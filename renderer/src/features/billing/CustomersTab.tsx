import { ArrowRightLeft, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectField } from '../../components/Field';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import {
  formatMinor,
  planName,
  planNameOf,
  statusTone,
  type BillingCustomer,
  type BillingPlan,
} from './billing-meta';

/** Every organisation with its plan, status, next invoice and monthly revenue; a plan assigned by hand. */
export function CustomersTab() {
  const { t } = useTranslation();
  const { locale, date } = useFormat();
  const customers = useLoad(() => transport.call('billing.customers', {}), 'customers');
  const catalogue = useLoad(() => transport.call('billing.plans', {}), 'plans');
  const [assigning, setAssigning] = useState<BillingCustomer | null>(null);
  const { reload } = customers;
  useEffect(() => transport.on('billing.changed', reload), [reload]);
  const data = customers.data;
  const money = (minor: number) => formatMinor(minor, data?.currency ?? 'USD', locale);

  return (
    <Card
      title={t('platformBilling.customers.title')}
      titleId="billing-customers"
      actions={
        data && (
          <p className="text-sm text-slate-600">
            {t('platformBilling.customers.totalMrr')}{' '}
            <strong className="font-semibold text-slate-900 tabular-nums" data-testid="total-mrr">
              {money(data.totalMrr)}
            </strong>
          </p>
        )
      }
    >
      {customers.error && !data ? (
        <ErrorState error={customers.error} onRetry={reload} />
      ) : !data ? (
        <LoadingState />
      ) : data.items.length === 0 ? (
        <EmptyState icon={Users} title={t('platformBilling.customers.empty')} />
      ) : (
        <Table label={t('platformBilling.customers.title')}>
          <thead>
            <tr>
              <Th>{t('platformBilling.customers.columns.organisation')}</Th>
              <Th>{t('platformBilling.customers.columns.planStatus')}</Th>
              <Th className="text-right">{t('platformBilling.customers.columns.mrr')}</Th>
              <Th>{t('platformBilling.customers.columns.nextInvoice')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody>
            {data.items.map((customer) => (
              <tr key={customer.tenantId} className="hover:bg-slate-50/60">
                <Td className="font-medium text-slate-900">{customer.name}</Td>
                <Td>
                  <span className="block text-slate-800">
                    {planNameOf(t, customer.planKey, customer.planName)}
                  </span>
                  {customer.interval && (
                    <span className="block text-xs text-slate-500">
                      {t(`billing.interval.${customer.interval}`)}
                    </span>
                  )}
                  <Badge className="mt-1" tone={statusTone(customer.status)}>
                    {t(`billing.status.${customer.status}`)}
                  </Badge>
                  {customer.cancelAtPeriodEnd && (
                    <span className="mt-1 block text-xs text-slate-500">
                      {t('platformBilling.customers.cancelling')}
                    </span>
                  )}
                </Td>
                <Td className="text-right whitespace-nowrap text-slate-900 tabular-nums">
                  {money(customer.mrr)}
                </Td>
                <Td className="whitespace-nowrap text-slate-700">
                  {customer.nextInvoiceAt ? (
                    <>
                      <span className="block">{date(customer.nextInvoiceAt)}</span>
                      {customer.nextInvoiceAmount !== null && (
                        <span className="block text-xs text-slate-500 tabular-nums">
                          {money(customer.nextInvoiceAmount)}
                        </span>
                      )}
                    </>
                  ) : (
                    '—'
                  )}
                </Td>
                <Td className="text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<ArrowRightLeft aria-hidden="true" className="size-4" />}
                    onClick={() => setAssigning(customer)}
                    aria-label={t('platformBilling.assign.buttonNamed', { name: customer.name })}
                    title={t('platformBilling.assign.buttonNamed', { name: customer.name })}
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {assigning && (
        <AssignPlanDialog
          customer={assigning}
          plans={(catalogue.data?.plans ?? []).filter((plan) => !plan.archived)}
          onClose={() => setAssigning(null)}
          onDone={reload}
        />
      )}
    </Card>
  );
}

function AssignPlanDialog({
  customer,
  plans,
  onClose,
  onDone,
}: {
  customer: BillingCustomer;
  plans: BillingPlan[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [planKey, setPlanKey] = useState(customer.planKey);
  const chosen = plans.find((plan) => plan.key === planKey);
  const chosenName = chosen ? planName(t, chosen) : planKey;
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      tone="primary"
      title={t('platformBilling.assign.title', { name: customer.name })}
      description={t('platformBilling.assign.description', {
        name: customer.name,
        plan: planNameOf(t, customer.planKey, customer.planName),
      })}
      confirmLabel={t('platformBilling.assign.confirm', { plan: chosenName })}
      onConfirm={async () => {
        await transport.call('billing.assignPlan', { tenantId: customer.tenantId, planKey });
        showToast('success', t('platformBilling.assign.done', { name: customer.name, plan: chosenName }));
        onDone();
      }}
    >
      <SelectField
        label={t('platformBilling.assign.plan')}
        value={planKey}
        onChange={(event) => setPlanKey(event.target.value)}
        options={plans.map((plan) => ({ value: plan.key, label: planName(t, plan) }))}
        hint={customer.status !== 'none' ? t('platformBilling.assign.stripeHint') : undefined}
        className="mb-2"
      />
    </ConfirmDialog>
  );
}
