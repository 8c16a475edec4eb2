import { ShieldAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../../router/routes';
import { pagePaths } from '../../router/routes';
import { useSessionStore } from '../../stores/session-store';

/** While the organisation requires two-factor sign-in of this person and they have none: the way there. */
export function TwoFactorRequiredBanner({ route }: { route: Route }) {
  const { t } = useTranslation();
  const me = useSessionStore((state) => state.me);
  if (!me?.twoFactor.required || me.twoFactor.enabled || route.name === 'account') return null;
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-amber-200 bg-amber-50 px-6 py-2.5 text-sm text-amber-900"
    >
      <ShieldAlert aria-hidden="true" className="size-4 shrink-0" />
      <span>{t('twoFactor.required.banner', { organisation: me.tenant.name })}</span>
      <a href={pagePaths.account} className="font-semibold underline underline-offset-2 hover:text-amber-950">
        {t('twoFactor.required.action')}
      </a>
    </div>
  );
}
