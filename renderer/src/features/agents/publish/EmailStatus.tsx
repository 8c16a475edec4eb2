import { RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import type { Channel } from '../../../contract';
import { useFormat } from '../../../i18n/format';
import { useMessageText } from '../../../i18n/message';

type EmailTransportStatus = NonNullable<Channel['transport']>;

const tones: Record<EmailTransportStatus['state'], BadgeTone> = {
  listening: 'success',
  connecting: 'info',
  retrying: 'warning',
  stopped: 'neutral',
};

/** How often the status is read again while the panel shows it. */
const refreshMs = 5_000;

/** Which key says the state: listening is said with how (IDLE or polling). */
export function stateKey(status: EmailTransportStatus): string {
  if (status.state === 'listening') return status.mode === 'polling' ? 'listeningPolling' : 'listeningIdle';
  return status.state;
}

/**
 * Where an e-mail channel's mailbox stands: listening (told of new mail, or looking every minute),
 * connecting, retrying after the server dropped it or could not be reached (with why and when it
 * tries again), or stopped; what it answered and left alone since it started. Read again every
 * few seconds while shown.
 */
export function EmailStatus({ channel, onRefresh }: { channel: Channel; onRefresh(): void }) {
  const { t } = useTranslation();
  const say = useMessageText();
  const { dateTime, time } = useFormat();
  useEffect(() => {
    const timer = setInterval(onRefresh, refreshMs);
    return () => clearInterval(timer);
  }, [onRefresh]);
  const status = channel.transport;
  if (!status) return null;
  const off = !channel.enabled;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={off ? 'neutral' : tones[status.state]}>
          {off ? t('agents.publish.mail.status.off') : t(`agents.publish.mail.status.${stateKey(status)}`)}
        </Badge>
        <Button size="sm" icon={<RefreshCw aria-hidden="true" className="size-4" />} onClick={onRefresh}>
          {t('agents.publish.mail.status.refresh')}
        </Button>
      </div>
      {status.problem && (
        <p role="status" className="text-sm text-amber-800">
          {say(status.problem)}
        </p>
      )}
      {status.state === 'retrying' && status.nextAttemptAt !== null && (
        <p className="text-sm text-slate-600">
          {t('agents.publish.mail.status.nextAttempt', { time: time(status.nextAttemptAt) })}
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t('agents.publish.mail.status.answered')}</dt>
        <dd className="text-slate-900">{status.answered}</dd>
        <dt className="text-slate-500">{t('agents.publish.mail.status.skipped')}</dt>
        <dd className="text-slate-900">{status.skipped}</dd>
        <dt className="text-slate-500">{t('agents.publish.mail.status.lastMail')}</dt>
        <dd className="text-slate-900">
          {status.lastMailAt === null ? t('agents.publish.mail.status.none') : dateTime(status.lastMailAt)}
        </dd>
      </dl>
      <p className="text-sm text-slate-600">{t('agents.publish.mail.status.about')}</p>
    </div>
  );
}
