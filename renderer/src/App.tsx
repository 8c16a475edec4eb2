import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from './components/StateViews';
import { AccountSecurityPage } from './features/account/AccountSecurityPage';
import { AcceptInvitePage } from './features/auth/AcceptInvitePage';
import { LoginPage } from './features/auth/LoginPage';
import { AgentsPage } from './features/agents/AgentsPage';
import { ApiKeysPage } from './features/api-keys/ApiKeysPage';
import { AuditPage } from './features/audit/AuditPage';
import { BackupsPage } from './features/backups/BackupsPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { IncidentDetailPage } from './features/incidents/IncidentDetailPage';
import { IncidentsPage } from './features/incidents/IncidentsPage';
import { KnowledgePage } from './features/knowledge/KnowledgePage';
import { LogsPage } from './features/logs/LogsPage';
import { MarketplacePage } from './features/marketplace/MarketplacePage';
import { NotificationSettingsPage } from './features/notifications/NotificationSettingsPage';
import { ProvidersPage } from './features/providers/ProvidersPage';
import { RunDetailPage } from './features/runs/RunDetailPage';
import { RunsPage } from './features/runs/RunsPage';
import { SecurityPage } from './features/security/SecurityPage';
import { SetupPage } from './features/setup/SetupPage';
import { AppShell } from './features/shell/AppShell';
import { BootScreen } from './features/shell/BootScreen';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { OrganisationsPage } from './features/tenants/OrganisationsPage';
import { TeamPage } from './features/team/TeamPage';
import { DataExportPage } from './features/transfer/DataExportPage';
import type { Route } from './router/routes';
import { useRoute } from './router/use-route';
import { useSessionStore } from './stores/session-store';

// The designer (React Flow and dagre) loads when first opened, keeping the first start light.
const DesignerPage = lazy(() => import('./features/designer/DesignerPage'));
// the Guardian page brings the charts (recharts) with it
const GuardianPage = lazy(() => import('./features/guardian/GuardianPage'));

function DesignerLoading() {
  const { t } = useTranslation();
  return <LoadingState label={t('designer.loading')} />;
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'marketplace':
      return <MarketplacePage />;
    case 'agents':
      return <AgentsPage />;
    case 'agent':
      return (
        <Suspense fallback={<DesignerLoading />}>
          <DesignerPage agentId={route.agentId} />
        </Suspense>
      );
    case 'runs':
      return <RunsPage view="runs" agentId={route.agentId} />;
    case 'costs':
      return <RunsPage view="costs" />;
    case 'run':
      return <RunDetailPage runId={route.runId} />;
    case 'knowledge':
      return <KnowledgePage />;
    case 'providers':
      return <ProvidersPage />;
    case 'team':
      return <TeamPage />;
    case 'audit':
      return <AuditPage />;
    case 'security':
      return <SecurityPage />;
    case 'organisations':
      return <OrganisationsPage />;
    case 'guardian':
      return (
        <Suspense fallback={<LoadingState />}>
          <GuardianPage actionId={route.actionId} />
        </Suspense>
      );
    case 'incidents':
      return <IncidentsPage view="list" />;
    case 'escalation':
      return <IncidentsPage view="escalation" />;
    case 'incident':
      return <IncidentDetailPage incidentId={route.incidentId} />;
    case 'logs':
      return <LogsPage />;
    case 'notifications':
      return <NotificationSettingsPage />;
    case 'backups':
      return <BackupsPage />;
    case 'dataExport':
      return <DataExportPage />;
    case 'account':
      return <AccountSecurityPage />;
    case 'apiKeys':
      return <ApiKeysPage />;
    default:
      return <NotFoundPage />;
  }
}

/** A new key remounts the page: another agent or run is another page. */
function pageKey(route: Route): string {
  if (route.name === 'agent') return `agent:${route.agentId}`;
  if (route.name === 'run') return `run:${route.runId}`;
  if (route.name === 'costs') return 'runs';
  if (route.name === 'incident') return `incident:${route.incidentId}`;
  if (route.name === 'escalation') return 'incidents';
  return route.name;
}

export function App() {
  const route = useRoute();
  const phase = useSessionStore((state) => state.phase);
  const tenantId = useSessionStore((state) => state.me?.tenant.id);
  // the organisation requires a second factor this person lacks: the server refuses everything
  // else until it is set up, so the account page is the only page shown
  const mustEnrol = useSessionStore((state) => !!state.me?.twoFactor.required && !state.me.twoFactor.enabled);
  const boot = useSessionStore((state) => state.boot);

  useEffect(() => {
    void boot();
  }, [boot]);

  if (route.name === 'invite' && phase !== 'booting' && phase !== 'bootFailed') {
    return <AcceptInvitePage key={route.token} token={route.token} />;
  }
  switch (phase) {
    case 'booting':
    case 'bootFailed':
      return <BootScreen />;
    case 'setup':
      return <SetupPage />;
    case 'signedOut':
      return <LoginPage />;
    case 'signedIn':
      return (
        <AppShell route={route}>
          {mustEnrol ? (
            <AccountSecurityPage key={`account:${tenantId}`} />
          ) : (
            <Page key={`${pageKey(route)}:${tenantId}`} route={route} />
          )}
        </AppShell>
      );
  }
}
