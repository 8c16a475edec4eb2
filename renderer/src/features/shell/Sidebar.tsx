import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../components/BrandMark';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { roleAtLeast, usePermissions } from '../../lib/permissions';
import { pagePaths, sectionOf, type Route } from '../../router/routes';
import { useGuardianStore } from '../../stores/guardian-store';
import { useBrandStore } from '../../stores/brand-store';
import { useSessionStore } from '../../stores/session-store';
import { useOpenTickets } from '../inbox/inbox-count-store';
import { navGroups, navItems } from './nav-items';

export function Sidebar({
  route,
  className,
  id,
  drawer = false,
}: {
  route: Route;
  className?: string;
  id?: string;
  /** The phone's menu drawer: it holds the language buttons too (the header has no room for them). */
  drawer?: boolean;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { platformAdmin, role } = usePermissions();
  const section = sectionOf(route);
  const appVersion = useSessionStore((state) => state.appVersion);
  const brand = useBrandStore((state) => state.brand);
  const openIncidents = useGuardianStore((state) => state.current?.openIncidents ?? 0);
  const loadGuardian = useGuardianStore((state) => state.load);
  const openTickets = useOpenTickets();

  // the open-incident count comes with the Guardian status, which events keep current
  useEffect(() => {
    if (useGuardianStore.getState().current === null) void loadGuardian();
  }, [loadGuardian]);

  return (
    <aside id={id} className={cx('w-60 shrink-0 flex-col bg-slate-900 text-slate-300', className)}>
      <div className="flex h-16 items-center gap-2.5 px-5">
        <BrandMark className="size-7" />
        <div className="min-w-0 leading-tight">
          <p
            data-testid="product-name"
            className="truncate text-sm font-semibold text-white"
            title={brand.productName}
          >
            {brand.isDefault ? t('app.shortName') : brand.productName}
          </p>
          {brand.isDefault && <p className="truncate text-xs text-slate-400">{t('app.tagline')}</p>}
        </div>
      </div>
      <nav aria-label={t('nav.label')} className="flex-1 overflow-y-auto px-3 py-4">
        <ul className="flex flex-col gap-3">
          {navGroups.map((group) => {
            // what a role cannot use is not shown
            const items = navItems.filter(
              (item) =>
                item.group === group &&
                (!item.platformAdminOnly || platformAdmin) &&
                (!item.minRole || roleAtLeast(role, item.minRole)),
            );
            if (items.length === 0) return null;
            return (
              <li key={group}>
                <h2
                  id={`nav-group-${group}`}
                  className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-400 uppercase"
                >
                  {t(`nav.groups.${group}`)}
                </h2>
                <ul aria-labelledby={`nav-group-${group}`} className="flex flex-col gap-0.5">
                  {items.map(({ page, icon: Icon, count }) => {
                    const current = section === page;
                    const shown =
                      count === 'openIncidents' ? openIncidents : count === 'openTickets' ? openTickets : 0;
                    return (
                      <li key={page}>
                        <a
                          href={pagePaths[page]}
                          aria-current={current ? 'page' : undefined}
                          className={cx(
                            'flex items-center gap-3 rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-indigo-400',
                            current
                              ? 'bg-slate-800 text-white'
                              : 'text-slate-300 hover:bg-slate-800/60 hover:text-white',
                          )}
                        >
                          <Icon
                            aria-hidden="true"
                            className={cx('size-4.5', current ? 'text-indigo-400' : 'text-slate-400')}
                          />
                          {t(`nav.${page}`)}
                          {shown > 0 && (
                            <span
                              className={cx(
                                'ml-auto rounded-full px-1.5 py-px text-xs font-semibold text-white tabular-nums',
                                count === 'openTickets' ? 'bg-indigo-600' : 'bg-red-500',
                              )}
                            >
                              {number(shown)}
                              <span className="sr-only">
                                {' '}
                                {count === 'openTickets'
                                  ? t('nav.openTickets', { count: shown })
                                  : t('nav.openIncidents', { count: shown })}
                              </span>
                            </span>
                          )}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      </nav>
      {drawer && (
        <div className="border-t border-slate-800 px-5 pt-3">
          <LanguageSwitch tone="dark" large />
        </div>
      )}
      {appVersion && (
        <p className="px-5 py-4 text-xs text-slate-400">{t('app.version', { version: appVersion })}</p>
      )}
    </aside>
  );
}
