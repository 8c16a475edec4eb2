import { ChevronDown, LogOut, MonitorX, Rocket, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import {
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuRoot,
  MenuSeparator,
  MenuTrigger,
} from '../../components/Menu';
import { useErrorMessage } from '../../i18n/error-message';
import { toCallError } from '../../transport';
import { useSessionStore } from '../../stores/session-store';
import { useToastStore } from '../../stores/toast-store';
import { initialsOf } from '../../lib/initials';
import { pagePaths } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { roleAtLeast } from '../../lib/roles';
import { useOnboardingStore } from '../onboarding/onboarding-store';

export function UserMenu() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const me = useSessionStore((state) => state.me);
  const signOut = useSessionStore((state) => state.signOut);
  const signOutEverywhere = useSessionStore((state) => state.signOutEverywhere);
  const showToast = useToastStore((state) => state.show);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  if (!me) return null;

  // the onboarding checklist, put away or finished, comes back from here (admins set up the organisation)
  const getStarted = async () => {
    try {
      await useOnboardingStore.getState().resume(me.tenant.id);
      navigate('#/welcome');
    } catch (error) {
      showToast('error', message(toCallError(error)));
    }
  };

  const signOutHere = async () => {
    try {
      await signOut();
    } catch (error) {
      showToast('error', message(toCallError(error)));
    }
  };

  return (
    <>
      <MenuRoot modal={false}>
        <MenuTrigger className="flex items-center gap-2.5 rounded-lg py-1.5 pr-2 pl-1.5 hover:bg-slate-100 data-[state=open]:bg-slate-100">
          <span
            aria-hidden="true"
            className="flex size-8 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white"
          >
            {initialsOf(me.user.name)}
          </span>
          <span className="hidden max-w-40 truncate text-sm font-medium text-slate-800 xl:block">
            {me.user.name}
          </span>
          {/* the name as shown, then what the button does: the accessible name starts with the visible text */}
          <span className="sr-only">
            <span className="xl:hidden">{me.user.name}</span> {t('userMenu.label')}
          </span>
          <ChevronDown aria-hidden="true" className="size-4 text-slate-400" />
        </MenuTrigger>
        <MenuContent>
          <MenuLabel>
            <span className="block truncate text-sm font-semibold text-slate-900">{me.user.name}</span>
            <span className="block truncate font-normal">{me.user.email}</span>
          </MenuLabel>
          <MenuSeparator />
          <MenuItem
            icon={<ShieldCheck aria-hidden="true" className="size-4" />}
            onSelect={() => {
              window.location.hash = pagePaths.account;
            }}
          >
            {t('twoFactor.page.title')}
          </MenuItem>
          {roleAtLeast(me.role, 'admin') && (
            <MenuItem
              icon={<Rocket aria-hidden="true" className="size-4" />}
              onSelect={() => void getStarted()}
            >
              {t('userMenu.getStarted')}
            </MenuItem>
          )}
          <MenuSeparator />
          <MenuItem
            icon={<LogOut aria-hidden="true" className="size-4" />}
            onSelect={() => void signOutHere()}
          >
            {t('userMenu.signOut')}
          </MenuItem>
          <MenuItem
            tone="danger"
            icon={<MonitorX aria-hidden="true" className="size-4" />}
            onSelect={() => setConfirmEverywhere(true)}
          >
            {t('userMenu.signOutEverywhere')}
          </MenuItem>
        </MenuContent>
      </MenuRoot>
      <ConfirmDialog
        open={confirmEverywhere}
        onOpenChange={setConfirmEverywhere}
        title={t('userMenu.confirmEverywhere.title')}
        description={t('userMenu.confirmEverywhere.description')}
        confirmLabel={t('userMenu.confirmEverywhere.confirm')}
        onConfirm={signOutEverywhere}
      />
    </>
  );
}
