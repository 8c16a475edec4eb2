import { Inbox } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { FilterField } from '../../components/FilterField';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import {
  ticketPriorities,
  ticketStatuses,
  ticketViews,
  type MethodOutput,
  type TicketView,
} from '../../contract';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import type { LoadResult } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { ticketPath } from '../../router/routes';
import { useInboxCountStore } from './inbox-count-store';
import {
  defaultTicketFilters,
  ticketPriorityTone,
  ticketStatusTone,
  type TicketFilters,
  type TicketSummary,
} from './ticket-meta';
import { SlaBadge, requesterOf } from './ticket-bits';

type Page = MethodOutput<'tickets.list'>;

const countOf: Record<TicketView, 'open' | 'mine' | 'unassigned' | 'breached'> = {
  all: 'open',
  mine: 'mine',
  unassigned: 'unassigned',
  breached: 'breached',
};

/** The Inbox's list: views (all open, mine, unassigned, breached), filters and one row per ticket. */
export function TicketList({
  list,
  filters,
  onFilters,
  selectedId,
}: {
  list: LoadResult<Page>;
  filters: TicketFilters;
  onFilters(filters: TicketFilters): void;
  selectedId: string | undefined;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const counts = useInboxCountStore((state) => state.counts);
  const ids = { queue: useId(), status: useId(), priority: useId() };
  const items = list.data?.items ?? [];
  const queues = [...new Set([...(list.data?.queues ?? []), filters.queue].filter(Boolean))];
  const change = (patch: Partial<TicketFilters>) => onFilters({ ...filters, ...patch });
  const filtered =
    filters.status !== defaultTicketFilters.status || filters.queue !== '' || filters.priority !== '';
  const status = list.error ? 'error' : list.loading && !list.data ? 'loading' : 'ready';

  return (
    <Card title={t('inbox.listTitle')} titleId="inbox-list-title">
      <div role="group" aria-label={t('inbox.views.label')} className="flex flex-wrap gap-1 px-3 pt-3">
        {ticketViews.map((view) => {
          const count = counts ? counts[countOf[view]] : null;
          const current = filters.view === view;
          return (
            <button
              key={view}
              type="button"
              aria-pressed={current}
              onClick={() => change({ view })}
              className={cx(
                'inline-flex min-h-11 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium md:min-h-8',
                current
                  ? 'bg-indigo-50 text-indigo-800 ring-1 ring-indigo-200'
                  : 'text-slate-700 hover:bg-slate-100',
              )}
            >
              {t(`inbox.views.${view}`)}
              {count !== null && count > 0 && (
                <span
                  className={cx(
                    'rounded-full px-1.5 text-xs tabular-nums',
                    view === 'breached' ? 'bg-red-100 text-red-800' : 'bg-slate-100 text-slate-700',
                  )}
                >
                  {number(count)}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <form
        role="search"
        aria-label={t('inbox.filters.label')}
        onSubmit={(event) => event.preventDefault()}
        className="grid grid-cols-2 items-end gap-2 border-b border-slate-200 px-3 pt-2 pb-3 sm:grid-cols-3 xl:grid-cols-2"
      >
        <FilterField
          id={ids.status}
          label={t('inbox.filters.status')}
          className="col-span-2 sm:col-span-1 xl:col-span-2"
        >
          <NativeSelect
            id={ids.status}
            compact
            value={filters.status}
            onChange={(event) => change({ status: event.target.value as TicketFilters['status'] })}
            options={[
              { value: 'active', label: t('inbox.filters.active') },
              ...ticketStatuses.map((s) => ({ value: s, label: t(`inbox.status.${s}`) })),
              { value: '', label: t('inbox.filters.anyStatus') },
            ]}
          />
        </FilterField>
        <FilterField id={ids.priority} label={t('inbox.filters.priority')}>
          <NativeSelect
            id={ids.priority}
            compact
            value={filters.priority}
            onChange={(event) => change({ priority: event.target.value as TicketFilters['priority'] })}
            options={[
              { value: '', label: t('inbox.filters.any') },
              ...ticketPriorities.map((p) => ({ value: p, label: t(`inbox.priority.${p}`) })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.queue} label={t('inbox.filters.queue')}>
          <NativeSelect
            id={ids.queue}
            compact
            value={filters.queue}
            onChange={(event) => change({ queue: event.target.value })}
            options={[
              { value: '', label: t('inbox.filters.allQueues') },
              ...queues.map((queue) => ({ value: queue, label: queue })),
            ]}
          />
        </FilterField>
        {filtered && (
          <Button
            size="sm"
            variant="ghost"
            className="col-span-2 justify-self-start sm:col-span-3 xl:col-span-2"
            onClick={() => onFilters({ ...defaultTicketFilters, view: filters.view })}
          >
            {t('inbox.filters.clear')}
          </Button>
        )}
      </form>
      {status === 'error' ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : status === 'loading' ? (
        <LoadingState label={t('inbox.loading')} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title={filtered || filters.view !== 'all' ? t('inbox.emptyFiltered') : t('inbox.empty')}
        >
          {!filtered && filters.view === 'all' && t('inbox.emptyHint')}
        </EmptyState>
      ) : (
        <ul
          aria-label={t('inbox.listTitle')}
          aria-busy={list.loading || undefined}
          className={cx('divide-y divide-slate-100', list.loading && 'opacity-60')}
        >
          {items.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} selected={ticket.id === selectedId} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function TicketRow({ ticket, selected }: { ticket: TicketSummary; selected: boolean }) {
  const { t } = useTranslation();
  const { relativeShort } = useFormat();
  const now = useNow();
  const channel = ticket.channelKind ? t(`inbox.channel.${ticket.channelKind}`) : t('inbox.channel.none');
  return (
    <li>
      <a
        href={ticketPath(ticket.id)}
        aria-current={selected ? 'true' : undefined}
        className={cx(
          'block border-l-4 px-4 py-3 hover:bg-slate-50 focus-visible:-outline-offset-2',
          selected ? 'border-indigo-600 bg-indigo-50/60' : 'border-transparent',
        )}
      >
        <span className="flex items-baseline gap-2">
          <span className="shrink-0 text-xs font-medium text-slate-600 tabular-nums">#{ticket.number}</span>
          <span
            className={cx(
              'min-w-0 flex-1 truncate text-sm',
              ticket.status === 'new' ? 'font-semibold text-slate-900' : 'font-medium text-slate-800',
            )}
          >
            {ticket.subject}
          </span>
          <time
            dateTime={new Date(ticket.createdAt).toISOString()}
            title={t('inbox.row.age')}
            className="shrink-0 text-xs text-slate-600 tabular-nums"
          >
            {relativeShort(ticket.createdAt, now)}
          </time>
        </span>
        <span className="mt-0.5 block truncate text-xs text-slate-600">
          {requesterOf(ticket, t)} · {channel}
        </span>
        <span className="mt-1.5 flex flex-wrap items-center gap-1.5">
          <Badge tone={ticketStatusTone[ticket.status]}>{t(`inbox.status.${ticket.status}`)}</Badge>
          <SlaBadge ticket={ticket} now={now} />
          {ticket.priority !== 'normal' && (
            <Badge tone={ticketPriorityTone[ticket.priority]}>{t(`inbox.priority.${ticket.priority}`)}</Badge>
          )}
          <span className="ml-auto truncate text-xs text-slate-600">
            {ticket.assigneeName ?? t('inbox.row.unassigned')}
          </span>
        </span>
      </a>
    </li>
  );
}
