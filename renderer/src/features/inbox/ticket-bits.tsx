import { Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { useFormat } from '../../i18n/format';
import { formatSpan } from '../incidents/incident-meta';
import { slaViewTone, ticketSla, type TicketSummary } from './ticket-meta';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Who asked: the requester the core knows, else "Website visitor" / "Customer". */
export function requesterOf(ticket: Pick<TicketSummary, 'requester' | 'channelKind'>, t: Translate): string {
  if (ticket.requester) return ticket.requester;
  return ticket.channelKind === 'web' ? t('inbox.row.visitor') : t('inbox.row.customer');
}

/** The SLA in words with its time: "Reply due in 12 min", "Reply overdue by 5 min", "SLA met". */
export function SlaBadge({ ticket, now }: { ticket: Pick<TicketSummary, 'sla' | 'status'>; now: number }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const view = ticketSla(ticket, now);
  if (view.kind === 'none') return null;
  const text =
    view.kind === 'met'
      ? t('inbox.sla.met')
      : view.kind === 'breached'
        ? t(`inbox.sla.breached.${view.target}`, { time: formatSpan(view.agoMs, locale) })
        : t(`inbox.sla.${view.soon ? 'soon' : 'due'}.${view.target}`, {
            time: formatSpan(view.inMs, locale),
          });
  return (
    <Badge tone={slaViewTone(view)}>
      <Clock aria-hidden="true" className="size-3" />
      {text}
    </Badge>
  );
}
