import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from './components/StateViews';
import { AcceptInvitePage } from './features/auth/AcceptInvitePage';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage';
import { ResetPasswordPage } from './features/auth/ResetPasswordPage';
import { SuspendedPage } from './features/auth/SuspendedPage';
import { LoginPage } from './features/auth/LoginPage';
import { SetupPage } from './features/setup/SetupPage';
import { BootScreen } from './features/shell/BootScreen';
import type { Route } from './router/routes';
import { useRoute } from './router/use-route';
import { lazyNamed } from './lib/lazy-named';
import { useSessionStore } from './stores/session-store';
import { useBrandStore } from './stores/brand-store';

// Signed-in pages load when first opened, so the sign-in page loads only what it needs.
const AccountSecurityPage = lazyNamed(
  () => import('./features/account/AccountSecurityPage'),
  'AccountSecurityPage',
);
const AgentsPage = lazyNamed(() => import('./features/agents/AgentsPage'), 'AgentsPage');
const ApiKeysPage = lazyNamed(() => import('./features/api-keys/ApiKeysPage'), 'ApiKeysPage');
const AuditPage = lazyNamed(() => import('./features/audit/AuditPage'), 'AuditPage');
const BusinessSettingsPage = lazyNamed(
  () => import('./features/business/BusinessSettingsPage'),
  'BusinessSettingsPage',
);
const BillingPage = lazyNamed(() => import('./features/billing/BillingPage'), 'BillingPage');
const CheckoutResultPage = lazyNamed(
  () => import('./features/billing/CheckoutResultPage'),
  'CheckoutResultPage',
);
const PlatformBillingPage = lazyNamed(
  () => import('./features/billing/PlatformBillingPage'),
  'PlatformBillingPage',
);
const BackupsPage = lazyNamed(() => import('./features/backups/BackupsPage'), 'BackupsPage');
const ConversationsPage = lazyNamed(
  () => import('./features/conversations/ConversationsPage'),
  'ConversationsPage',
);
const DashboardPage = lazyNamed(() => import('./features/dashboard/DashboardPage'), 'DashboardPage');
const IncidentDetailPage = lazyNamed(
  () => import('./features/incidents/IncidentDetailPage'),
  'IncidentDetailPage',
);
const InboxPage = lazyNamed(() => import('./features/inbox/InboxPage'), 'InboxPage');
const IncidentsPage = lazyNamed(() => import('./features/incidents/IncidentsPage'), 'IncidentsPage');
const KnowledgePage = lazyNamed(() => import('./features/knowledge/KnowledgePage'), 'KnowledgePage');
const LogsPage = lazyNamed(() => import('./features/logs/LogsPage'), 'LogsPage');
const MarketplacePage = lazyNamed(() => import('./features/marketplace/MarketplacePage'), 'MarketplacePage');
const NotificationSettingsPage = lazyNamed(
  () => import('./features/notifications/NotificationSettingsPage'),
  'NotificationSettingsPage',
);
const ProvidersPage = lazyNamed(() => import('./features/providers/ProvidersPage'), 'ProvidersPage');
const RunDetailPage = lazyNamed(() => import('./features/runs/RunDetailPage'), 'RunDetailPage');
const RunsPage = lazyNamed(() => import('./features/runs/RunsPage'), 'RunsPage');
const SecurityPage = lazyNamed(() => import('./features/security/SecurityPage'), 'SecurityPage');
const AppShell = lazyNamed(() => import('./features/shell/AppShell'), 'AppShell');
const NotFoundPage = lazyNamed(() => import('./features/shell/NotFoundPage'), 'NotFoundPage');
const OrganisationsPage = lazyNamed(
  () => import('./features/tenants/OrganisationsPage'),
  'OrganisationsPage',
);
const BrandPage = lazyNamed(() => import('./features/brand/BrandPage'), 'BrandPage');
const WelcomePage = lazyNamed(() => import('./features/onboarding/WelcomePage'), 'WelcomePage');
const TeamPage = lazyNamed(() => import('./features/team/TeamPage'), 'TeamPage');
const HelpPage = lazyNamed(() => import('./features/help/HelpPage'), 'HelpPage');
const DataExportPage = lazyNamed(() => import('./features/transfer/DataExportPage'), 'DataExportPage');

// The designer (React Flow and dagre) loads when first opened, keeping the first start light.
const DesignerPage = lazy(() => import('./features/designer/DesignerPage'));
// the Guardian and Insight pages bring the charts (recharts) with them
const InsightPage = lazyNamed(() => import('./features/insight/InsightPage'), 'InsightPage');
const EconomicsPage = lazyNamed(() => import('./features/insight/economics/EconomicsPage'), 'EconomicsPage');
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
    case 'conversations':
      return <ConversationsPage agentId={route.agentId} filters={route.filters} />;
    case 'conversation':
      return <ConversationsPage conversationId={route.conversationId} />;
    case 'inbox':
      return <InboxPage ticketId={route.ticketId} />;
    case 'knowledge':
      return <KnowledgePage />;
    case 'providers':
      return <ProvidersPage />;
    case 'team':
      return <TeamPage />;
    case 'business':
      return <BusinessSettingsPage />;
    case 'audit':
      return <AuditPage />;
    case 'security':
      return <SecurityPage />;
    case 'organisations':
      return <OrganisationsPage />;
    case 'brand':
      return <BrandPage />;
    case 'billing':
      return <BillingPage />;
    case 'billingSuccess':
      return <CheckoutResultPage outcome="success" />;
    case 'billingCancelled':
      return <CheckoutResultPage outcome="cancelled" />;
    case 'platformBilling':
      return <PlatformBillingPage />;
    case 'insight':
      return <InsightPage view="overview" />;
    case 'insightConversations':
      return <InsightPage view="conversations" />;
    case 'insightFunnels':
      return <InsightPage view="funnels" />;
    case 'insightRetention':
      return <InsightPage view="retention" />;
    case 'insightMarketing':
      return <InsightPage view="marketing" />;
    case 'insightQuality':
      return <InsightPage view="quality" />;
    case 'insightReports':
      return <InsightPage view="reports" />;
    case 'insightData':
      return <InsightPage view="data" />;
    case 'economics':
      return <EconomicsPage />;
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
    case 'help':
      return <HelpPage slug={route.slug} anchor={route.anchor} />;
    case 'welcome':
      return <WelcomePage step={route.step} />;
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
  if (route.name === 'conversation') return `conversation:${route.conversationId}`;
  if (route.name === 'escalation') return 'incidents';
  // another article is another page (its title takes the focus); an anchor in it is not
  if (route.name === 'help') return `help:${route.slug ?? ''}`;
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
  const suspendedHere = useSessionStore(
    (state) => state.me?.tenant.status === 'suspended' && !state.me.user.isPlatformAdmin,
  );

  useEffect(() => {
    void boot();
    // the product's name, logo and colour (the sign-in page wears them too)
    void useBrandStore.getState().load();
  }, [boot]);

  if (route.name === 'invite' && phase !== 'booting' && phase !== 'bootFailed') {
    return <AcceptInvitePage key={route.token} token={route.token} />;
  }
  // a reset link works signed out (and signed in: it is for whoever holds it)
  if (route.name === 'reset' && phase !== 'booting' && phase !== 'bootFailed') {
    return <ResetPasswordPage key={route.token} token={route.token} />;
  }
  if (route.name === 'forgot' && phase === 'signedOut') return <ForgotPasswordPage />;
  // a member of a suspended organisation sees why, and may switch or sign out
  if (phase === 'signedIn' && suspendedHere) return <SuspendedPage />;
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
        <Suspense fallback={<BootScreen />}>
          <AppShell route={route}>
            <Suspense fallback={<LoadingState />}>
              {mustEnrol ? (
                <AccountSecurityPage key={`account:${tenantId}`} />
              ) : (
                <Page key={`${pageKey(route)}:${tenantId}`} route={route} />
              )}
            </Suspense>
          </AppShell>
        </Suspense>
      );
  }
}
