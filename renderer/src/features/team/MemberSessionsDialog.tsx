import { LogOut, MonitorSmartphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import type { Member, SessionInfo } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { useDeviceLabel } from '../security/use-device-label';

interface MemberSessionsDialogProps {
  member: Member | null;
  onClose(): void;
}

/** An admin's view of one member's live sessions in this organisation, each of which can be signed out. */
export function MemberSessionsDialog({ member, onClose }: MemberSessionsDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={member !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t('team.sessions.title', { name: member?.name ?? '' })}
      description={t('team.sessions.description')}
    >
      {member && <SessionsBody member={member} onClose={onClose} />}
    </Dialog>
  );
}

function SessionsBody({ member, onClose }: { member: Member; onClose(): void }) {
  const { t } = useTranslation();
  const { dateTime, relativeShort } = useFormat();
  const message = useErrorMessage();
  const deviceLabel = useDeviceLabel();
  const show = useToastStore((state) => state.show);
  const loaded = useLoad(
    () => transport.call('sessions.list', { userId: member.userId }),
    `sessions:${member.userId}`,
  );
  const [confirming, setConfirming] = useState<SessionInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const sessions = loaded.data?.sessions ?? [];

  const signOut = async (session: SessionInfo) => {
    setBusy(true);
    setError(null);
    try {
      await transport.call('sessions.revoke', { sessionId: session.id });
      loaded.update((data) => ({ sessions: data.sessions.filter((s) => s.id !== session.id) }));
      setConfirming(null);
      show('success', t('team.sessions.revoked', { name: member.name }));
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (confirming) {
    return (
      <>
        <p className="text-sm text-slate-700">
          {t('team.sessions.confirm', {
            name: member.name,
            device: deviceLabel(confirming.device),
            ip: confirming.ip ?? '—',
          })}
        </p>
        {error && (
          <Alert tone="error" className="mt-3" reason={error?.reason}>
            {message(error)}
          </Alert>
        )}
        <DialogActions>
          <Button onClick={() => setConfirming(null)} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void signOut(confirming)}>
            {t('team.sessions.revoke')}
          </Button>
        </DialogActions>
      </>
    );
  }

  return (
    <>
      {loaded.error && !loaded.data ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.loading && !loaded.data ? (
        <LoadingState />
      ) : sessions.length === 0 ? (
        <EmptyState icon={MonitorSmartphone} title={t('team.sessions.empty', { name: member.name })} />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {sessions.map((session) => (
            <li key={session.id} className="flex items-center gap-3 px-3 py-2.5">
              <MonitorSmartphone aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
              <div className="min-w-0 flex-1">
                <div className="truncate text-sm font-medium text-slate-900">
                  {deviceLabel(session.device)}
                </div>
                <div className="text-xs text-slate-500">
                  {t('team.sessions.meta', {
                    ip: session.ip ?? '—',
                    lastSeen: relativeShort(session.lastSeenAt),
                    started: dateTime(session.createdAt),
                  })}
                </div>
              </div>
              <Button
                size="sm"
                variant="ghostDanger"
                icon={<LogOut aria-hidden="true" className="size-4" />}
                aria-label={t('team.sessions.revokeLabel', {
                  device: deviceLabel(session.device),
                  name: member.name,
                })}
                onClick={() => {
                  setError(null);
                  setConfirming(session);
                }}
              >
                {t('team.sessions.revoke')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </>
  );
}
