import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { Card } from '../../components/Card';
import {
  ticketPriorities,
  ticketSources,
  ticketStatuses,
  type TicketPriority,
  type TicketStatus,
} from '../../contract';
import type { TicketEvent } from './ticket-meta';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const isStatus = (value: unknown): value is TicketStatus =>
  typeof value === 'string' && (ticketStatuses as readonly string[]).includes(value);
const isPriority = (value: unknown): value is TicketPriority =>
  typeof value === 'string' && (ticketPriorities as readonly string[]).includes(value);

/** One timeline line in words, from its kind and data (never the core's English). */
export function eventText(event: TicketEvent, t: Translate): string {
  const who = event.actorName ?? t('inbox.timeline.system');
  const data = event.data;
  switch (event.kind) {
    case 'opened': {
      const source = str(data.source);
      return t('inbox.timeline.opened', {
        how: (ticketSources as readonly string[]).includes(source)
          ? t(`inbox.source.${source}`)
          : t('inbox.source.manual'),
      });
    }
    case 'status':
      return t('inbox.timeline.status', {
        who,
        to: isStatus(data.to) ? t(`inbox.status.${data.to}`) : str(data.to),
      });
    case 'priority':
      return t('inbox.timeline.priority', {
        who,
        to: isPriority(data.to) ? t(`inbox.priority.${data.to}`) : str(data.to),
      });
    case 'assigned':
      return data.assigneeName
        ? t('inbox.timeline.assigned', { who, name: str(data.assigneeName) })
        : t('inbox.timeline.unassigned', { who });
    case 'queue':
      return t('inbox.timeline.queue', { who, to: str(data.to) });
    case 'tags': {
      const tags = Array.isArray(data.tags) ? data.tags.filter((tag) => typeof tag === 'string') : [];
      return tags.length > 0
        ? t('inbox.timeline.tags', { who, tags: tags.join(', ') })
        : t('inbox.timeline.tagsCleared', { who });
    }
    case 'subject':
      return t('inbox.timeline.subject', { who, to: str(data.to) });
    case 'note':
      return t('inbox.timeline.note', { who });
    case 'reply':
      return t('inbox.timeline.reply', { who });
    case 'customer_replied':
      return t('inbox.timeline.customerReplied');
    case 'taken_over':
      return t('inbox.timeline.takenOver', { who });
    case 'handed_back':
      return t('inbox.timeline.handedBack', { who });
    case 'sla_breach':
      return data.target === 'first_response'
        ? t('inbox.timeline.slaBreachFirst')
        : t('inbox.timeline.slaBreachResolution');
  }
}

/** What happened to the ticket, oldest first; internal notes show their text. */
export function TicketTimeline({ events }: { events: TicketEvent[] }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const sorted = [...events].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  return (
    <Card title={t('inbox.timeline.title')} titleId="ticket-timeline-title">
      {sorted.length === 0 ? (
        <p className="p-5 text-sm text-slate-600">{t('inbox.timeline.empty')}</p>
      ) : (
        <ol className="flex flex-col gap-3 p-4 md:p-5">
          {sorted.map((event) => {
            const note = event.kind === 'note' ? str(event.data.text) : '';
            return (
              <li key={event.id} className="flex gap-3 text-sm">
                <span
                  aria-hidden="true"
                  className={cx(
                    'mt-1.5 size-2 shrink-0 rounded-full',
                    event.kind === 'sla_breach'
                      ? 'bg-red-500'
                      : event.kind === 'note'
                        ? 'bg-amber-500'
                        : event.kind === 'reply' || event.kind === 'customer_replied'
                          ? 'bg-emerald-500'
                          : 'bg-slate-400',
                  )}
                />
                <div className="min-w-0 flex-1">
                  <p className="text-slate-800">
                    {eventText(event, t)}{' '}
                    <time dateTime={new Date(event.at).toISOString()} className="text-xs text-slate-500">
                      {dateTime(event.at)}
                    </time>
                  </p>
                  {note && (
                    <p className="mt-1 rounded-md bg-amber-50 px-3 py-2 break-words whitespace-pre-wrap text-amber-950 ring-1 ring-amber-200">
                      <span className="sr-only">{t('inbox.timeline.noteLabel')}: </span>
                      {note}
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
