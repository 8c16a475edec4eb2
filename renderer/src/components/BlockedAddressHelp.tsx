import { ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../i18n/error-message';
import { usePermissions } from '../lib/permissions';
import { useOutboundStore } from '../stores/outbound-store';
import { useToastStore } from '../stores/toast-store';
import { toCallError, type CallError } from '../transport';
import { Button } from './Button';

/**
 * Shown under a refusal with reason `blocked_address`: the platform admin allows that host:port
 * for the installation in one click (a local Ollama, an office mail server) and the action is
 * tried again; anyone else learns whom to ask.
 */
export function BlockedAddressHelp({
  error,
  hostPort,
  onAllowed,
}: {
  error: CallError | null | undefined;
  hostPort: string | null;
  onAllowed?(): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { platformAdmin } = usePermissions();
  const showToast = useToastStore((state) => state.show);
  const allowAddress = useOutboundStore((state) => state.allow);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<CallError | null>(null);
  if (error?.reason !== 'blocked_address' || !hostPort) return null;
  if (!platformAdmin)
    return <p className="mt-2 text-sm text-slate-600">{t('outbound.askPlatformAdmin', { hostPort })}</p>;
  const allow = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const allowed = await allowAddress(hostPort);
      showToast('success', t('outbound.allowed', { hostPort: allowed }));
      onAllowed?.();
    } catch (caught) {
      setFailed(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mt-2 flex flex-col items-start gap-1">
      <Button
        size="sm"
        busy={busy}
        icon={<ShieldCheck aria-hidden="true" className="size-4" />}
        onClick={() => void allow()}
      >
        {t('outbound.allowOne', { hostPort })}
      </Button>
      <p className="text-xs text-slate-500">{t('outbound.allowOneHint')}</p>
      {failed && <p className="text-sm text-red-700">{message(failed)}</p>}
    </div>
  );
}
