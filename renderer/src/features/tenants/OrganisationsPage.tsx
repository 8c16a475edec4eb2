import { Building2, FileUp, Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { usePermissions } from '../../lib/permissions';
import { toCallError } from '../../transport';
import { navigate } from '../../router/use-route';
import { useSessionStore } from '../../stores/session-store';
import { useTenantsStore } from '../../stores/tenants-store';
import { useToastStore } from '../../stores/toast-store';
import { CreateTenantDialog } from './CreateTenantDialog';
import { ImportTenantDialog } from './ImportTenantDialog';
import { PublicListenerCard } from './PublicListenerCard';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { platformAdmin } = usePermissions();
  if (!platformAdmin) {
    return (
      <>
        <PageHeader title={t('organisations.title')} />
        <Card>
          <EmptyState icon={Building2} title={t('organisations.needsPlatformAdmin')} />
        </Card>
      </>
    );
  }
  return <OrganisationList />;
}

function OrganisationList() {
  const { t } = useTranslation();
  const { date, number } = useFormat();
  const message = useErrorMessage();
  const { tenants, status, error, load } = useTenantsStore();
  const currentTenantId = useSessionStore((state) => state.me?.tenant.id);
  const switchTenant = useSessionStore((state) => state.switchTenant);
  const showToast = useToastStore((state) => state.show);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async (tenantId: string, name: string) => {
    setOpening(tenantId);
    try {
      await switchTenant(tenantId);
      showToast('success', t('tenantSwitcher.switched', { name }));
      navigate('#/');
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
    } finally {
      setOpening(null);
    }
  };

  const createButton = (
    <Button
      variant="primary"
      icon={<Plus aria-hidden="true" className="size-4" />}
      onClick={() => setCreating(true)}
    >
      {t('organisations.createButton')}
    </Button>
  );

  const importButton = (
    <Button icon={<FileUp aria-hidden="true" className="size-4" />} onClick={() => setImporting(true)}>
      {t('organisations.import.button')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        description={t('organisations.description')}
        actions={
          <>
            {importButton}
            {createButton}
          </>
        }
      />
      <Card>
        {status === 'error' ? (
          <ErrorState error={error} onRetry={() => void load()} />
        ) : status !== 'ready' ? (
          <LoadingState />
        ) : tenants.length === 0 ? (
          <EmptyState icon={Building2} title={t('organisations.empty')} action={createButton} />
        ) : (
          <Table label={t('organisations.tableLabel')}>
            <thead>
              <tr>
                <Th>{t('fields.name')}</Th>
                <Th>{t('organisations.columns.plan')}</Th>
                <Th>{t('fields.status')}</Th>
                <Th className="text-right">{t('organisations.columns.members')}</Th>
                <Th>{t('organisations.columns.created')}</Th>
                <ActionsTh />
              </tr>
            </thead>
            <tbody>
              {tenants.map((tenant) => (
                <tr key={tenant.id} className="hover:bg-slate-50/60">
                  <Td>
                    <span className="block font-medium text-slate-900">{tenant.name}</span>
                    <span className="block font-mono text-xs text-slate-500">{tenant.slug}</span>
                  </Td>
                  <Td>
                    <Badge tone={tenant.plan === 'starter' ? 'neutral' : 'accent'}>
                      {t(`plans.${tenant.plan}`)}
                    </Badge>
                  </Td>
                  <Td>
                    <Badge tone={tenant.status === 'active' ? 'success' : 'warning'}>
                      {t(`tenantStatus.${tenant.status}`)}
                    </Badge>
                  </Td>
                  <Td className="text-right text-slate-700 tabular-nums">{number(tenant.memberCount)}</Td>
                  <Td className="whitespace-nowrap text-slate-600">{date(tenant.createdAt)}</Td>
                  <Td className="text-right">
                    {tenant.id === currentTenantId ? (
                      <Badge tone="accent">{t('organisations.current')}</Badge>
                    ) : (
                      <Button
                        size="sm"
                        busy={opening === tenant.id}
                        disabled={opening !== null && opening !== tenant.id}
                        aria-label={t('organisations.openNamed', { name: tenant.name })}
                        onClick={() => void open(tenant.id, tenant.name)}
                      >
                        {t('organisations.open')}
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {/* every organisation's website chat answers at the installation's one public door */}
      <PublicListenerCard />
      <CreateTenantDialog open={creating} onOpenChange={setCreating} />
      <ImportTenantDialog open={importing} onOpenChange={setImporting} />
    </>
  );
}
