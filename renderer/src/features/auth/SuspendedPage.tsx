import { Building2, LogOut } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { useErrorMessage } from '../../i18n/error-message';
import { useSubmit } from '../../lib/use-submit';
import { useSessionStore } from '../../stores/session-store';
import { AuthLayout } from './AuthLayout';

/**
 * What a member of a suspended organisation sees instead of the app: why, that the data is kept,
 * and the way out (another organisation of theirs, or signing out).
 */
export function SuspendedPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const me = useSessionStore((state) => state.me);
  const switchTenant = useSessionStore((state) => state.switchTenant);
  const signOut = useSessionStore((state) => state.signOut);
  const others = (me?.tenants ?? []).filter(
    (tenant) => tenant.id !== me?.tenant.id && tenant.status === 'active',
  );
  const move = useSubmit(async (tenantId: string) => switchTenant(tenantId));
  const leave = useSubmit(async () => signOut());

  return (
    <AuthLayout title={t('suspended.title', { organisation: me?.tenant.name ?? '' })}>
      <div className="flex flex-col gap-4">
        <Alert tone="warning">{t('suspended.body')}</Alert>
        {move.error && (
          <Alert tone="error" reason={move.error?.reason}>
            {message(move.error)}
          </Alert>
        )}
        {others.length > 0 && (
          <div className="flex flex-col gap-2">
            <h2 className="text-sm font-medium text-slate-800">{t('suspended.others')}</h2>
            {others.map((tenant) => (
              <Button
                key={tenant.id}
                variant="secondary"
                className="w-full justify-start"
                busy={move.busy}
                icon={<Building2 aria-hidden="true" className="size-4" />}
                onClick={() => void move.run(tenant.id)}
              >
                {t('suspended.open', { organisation: tenant.name })}
              </Button>
            ))}
          </div>
        )}
        <Button
          variant={others.length > 0 ? 'ghost' : 'primary'}
          className="w-full"
          busy={leave.busy}
          icon={<LogOut aria-hidden="true" className="size-4" />}
          onClick={() => void leave.run()}
        >
          {t('suspended.signOut')}
        </Button>
      </div>
    </AuthLayout>
  );
}
