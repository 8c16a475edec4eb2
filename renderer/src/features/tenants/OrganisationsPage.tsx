import {
  Building2,
  FileUp,
  MoreHorizontal,
  Pause,
  Pencil,
  Play,
  Plus,
  Trash2,
  TriangleAlert,
} from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { MenuContent, MenuItem, MenuRoot, MenuSeparator, MenuTrigger } from '../../components/Menu';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import { cx } from '../../lib/cx';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { toCallError, transport } from '../../transport';
import { planNameOf } from '../billing/billing-meta';
import { navigate } from '../../router/use-route';
import { useSessionStore } from '../../stores/session-store';
import { useTenantsStore } from '../../stores/tenants-store';
import { useToastStore } from '../../stores/toast-store';
import { CreateTenantDialog } from './CreateTenantDialog';
import { ImportTenantDialog } from './ImportTenantDialog';
import { PublicListenerCard } from './PublicListenerCard';
import { TenantDialogs, type TenantAction } from './TenantDialogs';

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
  const [action, setAction] = useState<TenantAction>(null);
  // plan names from the catalogue (the built-in plans in the user's language)
  const catalogue = useLoad(() => transport.call('billing.plans', {}), 'plans');
  const planLabel = (key: string) =>
    planNameOf(t, key, catalogue.data?.plans.find((plan) => plan.key === key)?.name ?? '');

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
                <Th className="hidden xl:table-cell">{t('organisations.columns.created')}</Th>
                <ActionsTh />
              </tr>
            </thead>
            <tbody>
              {tenants.map((tenant) => (
                <tr
                  key={tenant.id}
                  className={cx(
                    tenant.status === 'suspended'
                      ? 'bg-amber-50/70 hover:bg-amber-50'
                      : 'hover:bg-slate-50/60',
                  )}
                >
                  <Td>
                    <span className="block font-medium text-slate-900">{tenant.name}</span>
                    <span className="block font-mono text-xs text-slate-500">{tenant.slug}</span>
                    {/* below a wide screen the creation date stands under the name, not in a column of its own */}
                    <span className="block text-xs text-slate-500 xl:hidden">
                      {t('organisations.columns.created')}: {date(tenant.createdAt)}
                    </span>
                    {tenant.status === 'suspended' && (
                      <span className="mt-1 flex max-w-md items-start gap-1.5 text-xs text-amber-900">
                        <TriangleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
                        {t('organisations.suspendedBanner')}
                      </span>
                    )}
                  </Td>
                  <Td>
                    <Badge tone={tenant.plan === 'own_use' ? 'neutral' : 'accent'}>
                      {planLabel(tenant.plan)}
                    </Badge>
                  </Td>
                  <Td>
                    <Badge tone={tenant.status === 'active' ? 'success' : 'warning'}>
                      {t(`tenantStatus.${tenant.status}`)}
                    </Badge>
                  </Td>
                  <Td className="text-right text-slate-700 tabular-nums">{number(tenant.memberCount)}</Td>
                  <Td className="hidden whitespace-nowrap text-slate-600 xl:table-cell">
                    {date(tenant.createdAt)}
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    <MenuRoot>
                      <MenuTrigger asChild>
                        <Button
                          size="sm"
                          variant="ghost"
                          className="mr-1"
                          icon={<MoreHorizontal aria-hidden="true" className="size-4" />}
                          aria-label={t('organisations.moreNamed', { name: tenant.name })}
                          title={t('organisations.moreNamed', { name: tenant.name })}
                        />
                      </MenuTrigger>
                      <MenuContent>
                        <MenuItem
                          icon={<Pencil aria-hidden="true" className="size-4" />}
                          onSelect={() => setAction({ kind: 'rename', tenant })}
                        >
                          {t('organisations.rename.menu')}
                        </MenuItem>
                        {tenant.status === 'suspended' ? (
                          <MenuItem
                            icon={<Play aria-hidden="true" className="size-4" />}
                            onSelect={() => setAction({ kind: 'reactivate', tenant })}
                          >
                            {t('organisations.reactivate.menu')}
                          </MenuItem>
                        ) : (
                          <MenuItem
                            icon={<Pause aria-hidden="true" className="size-4" />}
                            disabled={tenant.id === currentTenantId}
                            onSelect={() => setAction({ kind: 'suspend', tenant })}
                          >
                            {t('organisations.suspend.menu')}
                          </MenuItem>
                        )}
                        <MenuSeparator />
                        <MenuItem
                          tone="danger"
                          icon={<Trash2 aria-hidden="true" className="size-4" />}
                          disabled={tenant.id === currentTenantId}
                          onSelect={() => setAction({ kind: 'delete', tenant })}
                        >
                          {t('organisations.delete.menu')}
                        </MenuItem>
                      </MenuContent>
                    </MenuRoot>
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
      <TenantDialogs action={action} onClose={() => setAction(null)} />
    </>
  );
}
