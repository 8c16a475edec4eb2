import { Building2, ChevronsUpDown } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/Spinner';
import { cx } from '../../lib/cx';
import {
  MenuContent,
  MenuLabel,
  MenuRadioGroup,
  MenuRadioItem,
  MenuRoot,
  MenuTrigger,
} from '../../components/Menu';
import { useErrorMessage } from '../../i18n/error-message';
import { toCallError } from '../../transport';
import { useSessionStore } from '../../stores/session-store';
import { useToastStore } from '../../stores/toast-store';

export function TenantSwitcher() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const me = useSessionStore((state) => state.me);
  const switchTenant = useSessionStore((state) => state.switchTenant);
  const showToast = useToastStore((state) => state.show);
  const [switching, setSwitching] = useState(false);
  if (!me) return null;

  const choose = async (tenantId: string) => {
    if (tenantId === me.tenant.id) return;
    setSwitching(true);
    try {
      await switchTenant(tenantId);
      const name = useSessionStore.getState().me?.tenant.name ?? '';
      showToast('success', t('tenantSwitcher.switched', { name }));
    } catch (error) {
      showToast('error', message(toCallError(error), { NOT_FOUND: t('tenantSwitcher.notFound') }));
    } finally {
      setSwitching(false);
    }
  };

  return (
    <MenuRoot modal={false}>
      <MenuTrigger
        aria-busy={switching || undefined}
        // a long name is cut short in the header: the whole name on hover
        title={me.tenant.name}
        className="flex min-h-11 max-w-72 min-w-0 items-center gap-3 rounded-lg px-2.5 py-1.5 text-left hover:bg-slate-100 data-[state=open]:bg-slate-100"
      >
        {/* on a phone the name needs the room: the icon shows only while switching */}
        <span
          className={cx(
            'size-8 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-700',
            switching ? 'flex' : 'hidden sm:flex',
          )}
        >
          {switching ? <Spinner /> : <Building2 aria-hidden="true" className="size-4" />}
        </span>
        <span className="min-w-0 leading-tight">
          <span className="block truncate text-sm font-semibold text-slate-900">{me.tenant.name}</span>
          <span className="block truncate text-xs text-slate-500">{t(`roles.${me.role}`)}</span>
        </span>
        <span className="sr-only">{t('tenantSwitcher.label')}</span>
        <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
      </MenuTrigger>
      <MenuContent align="start">
        <MenuLabel>{t('tenantSwitcher.heading')}</MenuLabel>
        <MenuRadioGroup value={me.tenant.id} onValueChange={(id) => void choose(id)}>
          {me.tenants.map((tenant) => (
            <MenuRadioItem key={tenant.id} value={tenant.id}>
              <span className="min-w-0 flex-1 truncate">{tenant.name}</span>
              <span className="text-xs text-slate-500">{t(`roles.${tenant.role}`)}</span>
            </MenuRadioItem>
          ))}
        </MenuRadioGroup>
      </MenuContent>
    </MenuRoot>
  );
}
