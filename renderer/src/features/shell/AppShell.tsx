import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Toasts } from '../../components/Toasts';
import { fullBleedRoutes, type Route } from '../../router/routes';
import { useNotificationListener } from '../notifications/desktop-notifications';
import { Sidebar } from './Sidebar';
import { TenantSwitcher } from './TenantSwitcher';
import { UserMenu } from './UserMenu';

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  useNotificationListener();
  return (
    <div className="flex h-screen overflow-hidden">
      <a
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:absolute focus:top-3 focus:left-3"
      >
        {t('nav.skipToContent')}
      </a>
      <Sidebar route={route} />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-16 shrink-0 items-center justify-between gap-4 border-b border-slate-200 bg-white px-6">
          <TenantSwitcher />
          <div className="flex items-center gap-3">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </header>
        {fullBleedRoutes.has(route.name) ? (
          <main
            id="main"
            tabIndex={-1}
            className="relative flex min-h-0 flex-1 flex-col overflow-hidden outline-none"
          >
            {children}
          </main>
        ) : (
          <main id="main" tabIndex={-1} className="relative flex-1 overflow-y-auto outline-none">
            <div className="mx-auto max-w-6xl px-8 py-8">{children}</div>
          </main>
        )}
      </div>
      <Toasts />
    </div>
  );
}
