import { Receipt } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/StateViews';
import { Tabs } from '../../components/Tabs';
import { usePermissions } from '../../lib/permissions';
import { CustomersTab } from './CustomersTab';
import { PlanEditorTab } from './PlanEditorTab';
import { StripeSettingsTab } from './StripeSettingsTab';

type Tab = 'customers' | 'plans' | 'stripe';

/** The platform admin's billing: who pays what, the plan catalogue, and Stripe with the billing policy. */
export function PlatformBillingPage() {
  const { t } = useTranslation();
  const { platformAdmin } = usePermissions();
  const [tab, setTab] = useState<Tab>('customers');
  if (!platformAdmin) {
    return (
      <>
        <PageHeader title={t('platformBilling.title')} />
        <Card>
          <EmptyState icon={Receipt} title={t('platformBilling.needsPlatformAdmin')} />
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('platformBilling.title')} description={t('platformBilling.description')} />
      <Tabs<Tab>
        label={t('platformBilling.tabsLabel')}
        value={tab}
        onChange={setTab}
        tabs={[
          { id: 'customers', label: t('platformBilling.tabs.customers') },
          { id: 'plans', label: t('platformBilling.tabs.plans') },
          { id: 'stripe', label: t('platformBilling.tabs.stripe') },
        ]}
        panelClassName="min-w-0 pt-6"
        panels={{
          customers: <CustomersTab />,
          plans: <PlanEditorTab />,
          stripe: <StripeSettingsTab />,
        }}
      />
    </>
  );
}
