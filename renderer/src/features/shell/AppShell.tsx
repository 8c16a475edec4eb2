import { Menu } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Toasts } from '../../components/Toasts';
import { fullBleedRoutes, type Route } from '../../router/routes';
import { useNotificationListener } from '../notifications/desktop-notifications';
import { CommandPalette } from '../search/CommandPalette';
import { SearchField } from '../search/SearchField';
import { usePaletteShortcuts } from '../search/use-palette-shortcuts';
import { Sidebar } from './Sidebar';
import { TenantSwitcher } from './TenantSwitcher';
import { DemoBadge } from './DemoBadge';
import { UserMenu } from './UserMenu';
import { HelpButton } from '../help/HelpButton';
import { AssistantButton } from '../assistant/AssistantPanel';
import { BillingBanners } from '../billing/BillingBanners';

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  useNotificationListener();
  usePaletteShortcuts();
  // on a phone the sidebar is a drawer behind the menu button; it closes when the page changes
  const [openAt, setOpenAt] = useState<string | null>(null);
  const menuOpen = openAt !== null && openAt === window.location.hash;
  const setMenuOpen = (open: boolean) => setOpenAt(open ? window.location.hash : null);
  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: KeyboardEvent) => event.key === 'Escape' && setMenuOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [menuOpen]);
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
      <Sidebar route={route} className="hidden md:flex" />
      {menuOpen && (
        <div className="fixed inset-0 z-40 flex md:hidden">
          <Sidebar route={route} id="mobile-menu" drawer className="relative z-10 flex shadow-xl" />
          <button
            type="button"
            aria-label={t('nav.closeMenu')}
            className="flex-1 bg-slate-900/40"
            onClick={() => setMenuOpen(false)}
          />
        </div>
      )}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-16 shrink-0 items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 md:gap-4 md:px-6">
          <button
            type="button"
            aria-label={t('nav.openMenu')}
            aria-expanded={menuOpen}
            aria-controls="mobile-menu"
            className="flex size-11 shrink-0 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 md:hidden"
            onClick={() => setMenuOpen(true)}
          >
            <Menu aria-hidden="true" className="size-5" />
          </button>
          <div className="flex min-w-0 flex-1 items-center gap-2">
            <TenantSwitcher />
            <DemoBadge />
          </div>
          <div className="flex shrink-0 items-center gap-2 xl:gap-3">
            <SearchField />
            {/* on a phone the language buttons are in the menu drawer, leaving the header room for the organisation */}
            <div className="hidden md:block">
              <LanguageSwitch />
            </div>
            <AssistantButton />
            <HelpButton route={route} />
            <UserMenu />
          </div>
        </header>
        <BillingBanners />
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
            <div className="mx-auto max-w-6xl px-4 py-6 md:px-8 md:py-8">{children}</div>
          </main>
        )}
      </div>
      <CommandPalette />
      <Toasts />
    </div>
  );
}
