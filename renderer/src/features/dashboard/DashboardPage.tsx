import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../lib/permissions';
import { useSessionStore } from '../../stores/session-store';
import { AgentsSummaryCard } from './AgentsSummaryCard';
import { ConversationsCard } from './ConversationsCard';
import { GetStartedCard } from './GetStartedCard';
import { HealthCard } from './HealthCard';
import { RecentActivityCard } from './RecentActivityCard';
import { TeamSummaryCard } from './TeamSummaryCard';

export function DashboardPage() {
  const { t } = useTranslation();
  const tenantName = useSessionStore((state) => state.me?.tenant.name ?? '');
  const userName = useSessionStore((state) => state.me?.user.name ?? '');
  const { readAudit } = usePermissions();
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.welcome', { name: userName.split(' ')[0], organisation: tenantName })}
      />
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2 xl:grid-cols-3">
        <GetStartedCard />
        <HealthCard />
        <AgentsSummaryCard />
        <ConversationsCard />
        <TeamSummaryCard />
        {readAudit && <RecentActivityCard />}
      </div>
    </>
  );
}
