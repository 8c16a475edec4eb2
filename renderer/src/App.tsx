import { useEffect } from 'react';
import { AcceptInvitePage } from './features/auth/AcceptInvitePage';
import { LoginPage } from './features/auth/LoginPage';
import { AuditPage } from './features/audit/AuditPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { SetupPage } from './features/setup/SetupPage';
import { AppShell } from './features/shell/AppShell';
import { BootScreen } from './features/shell/BootScreen';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { OrganisationsPage } from './features/tenants/OrganisationsPage';
import { TeamPage } from './features/team/TeamPage';
import type { Route } from './router/routes';
import { useRoute } from './router/use-route';
import { useSessionStore } from './stores/session-store';

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'team':
      return <TeamPage />;
    case 'audit':
      return <AuditPage />;
    case 'organisations':
      return <OrganisationsPage />;
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  const route = useRoute();
  const phase = useSessionStore((state) => state.phase);
  const tenantId = useSessionStore((state) => state.me?.tenant.id);
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
          <Page key={`${route.name}:${tenantId}`} route={route} />
        </AppShell>
      );
  }
}
