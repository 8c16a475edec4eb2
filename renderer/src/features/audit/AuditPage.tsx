import { ScrollText, ShieldCheck, ShieldOff } from 'lucide-react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { usePermissions } from '../../lib/permissions';
import { useAuditStore, type AuditFilters as Filters } from '../../stores/audit-store';
import { useSessionStore } from '../../stores/session-store';
import { useTeamStore } from '../../stores/team-store';
import { useTenantsStore } from '../../stores/tenants-store';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { VerifyResult } from './VerifyResult';

export function AuditPage() {
  const { t } = useTranslation();
  const { readAudit } = usePermissions();
  const organisation = useSessionStore((state) => state.me?.tenant.name ?? '');
  if (!readAudit) {
    return (
      <>
        <PageHeader title={t('audit.title')} />
        <Card>
          <EmptyState icon={ShieldOff} title={t('audit.needsAdmin.title')}>
            {t('audit.needsAdmin.body', { organisation })}
          </EmptyState>
        </Card>
      </>
    );
  }
  return <AuditLog organisation={organisation} />;
}

function AuditLog({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const message = useErrorMessage();
  const audit = useAuditStore();
  const { load, verify } = audit;
  const teamStatus = useTeamStore((state) => state.status);
  const loadTeam = useTeamStore((state) => state.load);
  const { platformAdmin } = usePermissions();
  const tenantsStatus = useTenantsStore((state) => state.status);
  const loadTenants = useTenantsStore((state) => state.load);
  const filtered = Boolean(audit.filters.q.trim() || audit.filters.action);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (teamStatus === 'idle') void loadTeam();
  }, [teamStatus, loadTeam]);

  useEffect(() => {
    if (platformAdmin && tenantsStatus === 'idle') void loadTenants();
  }, [platformAdmin, tenantsStatus, loadTenants]);

  const applyFilters = useCallback((filters: Filters) => void load(filters), [load]);

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description', { organisation })}
        actions={
          <Button
            variant="secondary"
            busy={audit.verifying}
            icon={<ShieldCheck aria-hidden="true" className="size-4" />}
            onClick={() => void verify()}
          >
            {audit.verifying ? t('audit.verify.running') : t('audit.verify.button')}
          </Button>
        }
      />
      <VerifyResult />
      <Card>
        <AuditFilters filters={audit.filters} onChange={applyFilters} />
        {audit.status === 'error' ? (
          <ErrorState error={audit.error} onRetry={() => void load()} />
        ) : audit.status !== 'ready' ? (
          <LoadingState label={t('audit.loading')} />
        ) : audit.entries.length === 0 ? (
          <EmptyState
            icon={ScrollText}
            title={filtered ? t('audit.emptyFiltered') : t('audit.empty')}
            action={
              filtered && (
                <Button onClick={() => applyFilters({ q: '', action: '' })}>
                  {t('audit.filters.clear')}
                </Button>
              )
            }
          />
        ) : (
          <>
            <AuditTable entries={audit.entries} />
            <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
              <p className="text-sm text-slate-500">
                {t('audit.showing', { count: audit.entries.length, formatted: number(audit.entries.length) })}
              </p>
              {audit.loadMoreError && (
                <p role="alert" className="text-sm text-red-700">
                  {message(audit.loadMoreError)}
                </p>
              )}
              {audit.nextBefore !== null && (
                <Button busy={audit.loadingMore} onClick={() => void audit.loadMore()}>
                  {t('audit.loadMore')}
                </Button>
              )}
            </div>
          </>
        )}
      </Card>
    </>
  );
}
