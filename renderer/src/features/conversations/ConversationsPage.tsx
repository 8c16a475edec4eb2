import { Bot, Download, MessagesSquare, ThumbsDown, ThumbsUp, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { DateInput, FilterField } from '../../components/FilterField';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import {
  channelKinds,
  conversationStatuses,
  languages,
  sentiments,
  type ConversationSummary,
  type MethodOutput,
} from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { conversationPath, pagePaths, type ConversationLinkFilters } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { ConversationThread } from './ConversationThread';
import {
  csvFileName,
  filterInput,
  matchesFilters,
  noFilters,
  sentimentTone,
  statusTone,
  type ConversationFilters,
} from './conversation-text';
import { useIntentLabel } from '../../i18n/intent-label';

const pageSize = 50;

/**
 * #/conversations: customers' conversations on the channels; #/conversations?agent=<id>: those of
 * one agent (its page links here); #/conversations/<id>: one thread.
 */
export function ConversationsPage({
  conversationId,
  agentId,
  filters,
}: {
  conversationId?: string;
  agentId?: string;
  /** Filters a link set (#/conversations?channel=…&language=…&from=…&to=…: the Insight drill-down). */
  filters?: ConversationLinkFilters;
}) {
  if (conversationId) return <ConversationThread conversationId={conversationId} />;
  // a new link's filters start the list afresh
  const linkKey = JSON.stringify(filters ?? {});
  return agentId ? (
    <AgentConversations key={`${agentId}:${linkKey}`} agentId={agentId} filters={filters} />
  ) : (
    <AllConversations key={linkKey} filters={filters} />
  );
}

function AllConversations({ filters }: { filters?: ConversationLinkFilters }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('conversations.title')} description={t('conversations.description')} />
      <ConversationList agentId="" agentName="" linkFilters={filters} />
    </>
  );
}

function AgentConversations({ agentId, filters }: { agentId: string; filters?: ConversationLinkFilters }) {
  const { t } = useTranslation();
  // only the name is needed; an agent that is gone (or not visible) is "this agent"
  const agent = useLoad(() => transport.call('agents.get', { agentId }), agentId);
  const name = agent.data?.agent.name ?? t('conversations.ofAgent.thisAgent');
  return (
    <>
      <PageHeader
        title={t('conversations.ofAgent.title', { name })}
        description={t('conversations.ofAgent.description', { name })}
      />
      <ConversationList agentId={agentId} agentName={name} linkFilters={filters} />
    </>
  );
}

type Page = MethodOutput<'conversations.list'>;

function ConversationList({
  agentId,
  agentName,
  linkFilters,
}: {
  agentId: string;
  agentName: string;
  linkFilters?: ConversationLinkFilters;
}) {
  const { t } = useTranslation();
  const intentLabel = useIntentLabel();
  const message = useErrorMessage();
  const { role } = usePermissions();
  const mayExport = role === 'admin' || role === 'owner';
  const showToast = useToastStore((state) => state.show);
  const [filters, setFilters] = useState<ConversationFilters>({ ...noFilters, ...linkFilters, agentId });
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<CallError | null>(null);
  const [exporting, setExporting] = useState(false);
  const filtersKey = JSON.stringify(filters);
  const keyRef = useRef(filtersKey);
  const filtersRef = useRef(filters);
  useEffect(() => {
    keyRef.current = filtersKey;
    filtersRef.current = filters;
  });
  const list = useLoad(
    () => transport.call('conversations.list', { ...filterInput(filters), limit: pageSize }),
    filtersKey,
  );
  // on one agent's page the channel filter offers that agent's channels
  const channels = useLoad(
    () => transport.call('channels.list', agentId ? { agentId } : {}),
    `channels:${agentId}`,
  );
  const { update } = list;
  const items = list.data?.items ?? [];
  const nextBefore = list.data?.nextBefore ?? null;
  const ids = {
    channel: useId(),
    status: useId(),
    language: useId(),
    intent: useId(),
    sentiment: useId(),
    rating: useId(),
    from: useId(),
    to: useId(),
  };

  // live: a conversation that changed moves to the top (or leaves the list when deleted)
  useEffect(
    () =>
      transport.on('conversation.changed', ({ conversation, deleted }) =>
        update((page: Page) => {
          const others = page.items.filter((item) => item.id !== conversation.id);
          if (deleted || !matchesFilters(conversation, filtersRef.current)) return { ...page, items: others };
          return { ...page, items: [conversation, ...others] };
        }),
      ),
    [update],
  );

  const loadMore = async () => {
    if (nextBefore === null) return;
    const startedFor = filtersKey;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await transport.call('conversations.list', {
        ...filterInput(filters),
        limit: pageSize,
        before: nextBefore,
      });
      if (startedFor !== keyRef.current) return;
      update((current: Page) => ({
        items: [...current.items, ...page.items.filter((c) => !current.items.some((i) => i.id === c.id))],
        nextBefore: page.nextBefore,
      }));
    } catch (caught) {
      setMoreError(toCallError(caught));
    } finally {
      setMoreBusy(false);
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { csv, conversations } = await transport.call('conversations.export', filterInput(filters));
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = csvFileName(Date.now());
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
      showToast('success', t('conversations.exported', { count: conversations }));
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
    } finally {
      setExporting(false);
    }
  };

  const change = (patch: Partial<ConversationFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const unfiltered: ConversationFilters = { ...noFilters, agentId };
  // the agent is chosen by the page's address, not by the form: "clear filters" keeps it
  const filtered = filtersKey !== JSON.stringify(unfiltered);
  const intents = [...new Set([...items.map((c) => c.intent), filters.intent || null])].filter(
    (intent): intent is string => Boolean(intent),
  );
  const status = list.error ? 'error' : list.loading ? 'loading' : 'ready';

  return (
    <Card
      actions={
        mayExport ? (
          <Button
            icon={<Download aria-hidden="true" className="size-4" />}
            busy={exporting}
            onClick={() => void exportCsv()}
          >
            {t('conversations.export')}
          </Button>
        ) : undefined
      }
      title={t('conversations.listTitle')}
      titleId="conversations-list-title"
    >
      <form
        role="search"
        aria-label={t('conversations.filters.label')}
        onSubmit={(event) => event.preventDefault()}
        className="grid grid-cols-2 items-end gap-3 border-b border-slate-200 px-4 py-4 md:flex md:flex-wrap md:px-5"
      >
        {agentId && (
          <p className="col-span-2 flex w-full items-center">
            <span className="inline-flex h-11 max-w-full items-center gap-1.5 rounded-full bg-indigo-50 pr-1 pl-3 text-sm font-medium text-indigo-900 ring-1 ring-indigo-200 ring-inset md:h-8">
              <Bot aria-hidden="true" className="size-4 shrink-0" />
              <span className="truncate">{t('conversations.ofAgent.chip', { name: agentName })}</span>
              <a
                href={pagePaths.conversations}
                aria-label={t('conversations.ofAgent.remove')}
                title={t('conversations.ofAgent.remove')}
                className="inline-flex size-9 shrink-0 items-center justify-center rounded-full text-indigo-700 hover:bg-indigo-100 md:size-6"
              >
                <X aria-hidden="true" className="size-4" />
              </a>
            </span>
          </p>
        )}
        <FilterField
          id={ids.channel}
          label={t('conversations.filters.channel')}
          className="col-span-2 md:w-48"
        >
          <NativeSelect
            id={ids.channel}
            value={filters.channelKind ? `kind:${filters.channelKind}` : filters.channelId}
            onChange={(event) => {
              // "every e-mail channel" (kind:email, the Insight drill-down) or one channel
              const value = event.target.value;
              const kind = channelKinds.find((k) => value === `kind:${k}`);
              change(kind ? { channelKind: kind, channelId: '' } : { channelId: value, channelKind: '' });
            }}
            options={[
              { value: '', label: t('conversations.filters.allChannels') },
              ...channelKinds.map((kind) => ({
                value: `kind:${kind}`,
                label: t(`conversations.filters.kinds.${kind}`),
              })),
              ...(channels.data?.items ?? []).map((channel) => ({ value: channel.id, label: channel.name })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.status} label={t('conversations.filters.status')} className="md:w-48">
          <NativeSelect
            id={ids.status}
            value={filters.status}
            onChange={(event) => change({ status: event.target.value as ConversationFilters['status'] })}
            options={[
              { value: '', label: t('conversations.filters.any') },
              ...conversationStatuses.map((s) => ({ value: s, label: t(`conversations.status.${s}`) })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.language} label={t('conversations.filters.language')} className="md:w-36">
          <NativeSelect
            id={ids.language}
            value={filters.language}
            onChange={(event) => change({ language: event.target.value as ConversationFilters['language'] })}
            options={[
              { value: '', label: t('conversations.filters.any') },
              ...languages.map((l) => ({ value: l, label: t(`conversations.languages.${l}`) })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.intent} label={t('conversations.filters.intent')} className="md:w-44">
          <NativeSelect
            id={ids.intent}
            value={filters.intent}
            onChange={(event) => change({ intent: event.target.value })}
            options={[
              { value: '', label: t('conversations.filters.any') },
              ...intents.map((intent) => ({ value: intent, label: intentLabel(intent) })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.sentiment} label={t('conversations.filters.sentiment')} className="md:w-36">
          <NativeSelect
            id={ids.sentiment}
            value={filters.sentiment}
            onChange={(event) =>
              change({ sentiment: event.target.value as ConversationFilters['sentiment'] })
            }
            options={[
              { value: '', label: t('conversations.filters.any') },
              ...sentiments.map((s) => ({ value: s, label: t(`conversations.sentiment.${s}`) })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.rating} label={t('conversations.filters.rating')} className="md:w-36">
          <NativeSelect
            id={ids.rating}
            value={filters.rating}
            onChange={(event) => change({ rating: event.target.value as ConversationFilters['rating'] })}
            options={[
              { value: '', label: t('conversations.filters.any') },
              { value: 'up', label: t('conversations.rating.up') },
              { value: 'down', label: t('conversations.rating.down') },
              { value: 'none', label: t('conversations.rating.none') },
            ]}
          />
        </FilterField>
        <FilterField id={ids.from} label={t('conversations.filters.from')} className="md:w-40">
          <DateInput
            id={ids.from}
            value={filters.from}
            max={filters.to || undefined}
            onChange={(from) => change({ from })}
          />
        </FilterField>
        <FilterField id={ids.to} label={t('conversations.filters.to')} className="md:w-40">
          <DateInput
            id={ids.to}
            value={filters.to}
            min={filters.from || undefined}
            onChange={(to) => change({ to })}
          />
        </FilterField>
        {filtered && (
          <Button variant="ghost" onClick={() => setFilters(unfiltered)}>
            {t('conversations.filters.clear')}
          </Button>
        )}
      </form>
      {status === 'error' ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : status === 'loading' && items.length === 0 ? (
        <LoadingState label={t('conversations.loading')} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={MessagesSquare}
          title={
            filtered
              ? t('conversations.emptyFiltered')
              : agentId
                ? t('conversations.ofAgent.empty', { name: agentName })
                : t('conversations.empty')
          }
        >
          {!filtered && (agentId ? t('conversations.ofAgent.emptyHint') : t('conversations.emptyHint'))}
        </EmptyState>
      ) : (
        <>
          <div
            aria-busy={status === 'loading' || undefined}
            className={cx(status === 'loading' && 'opacity-60')}
          >
            <ConversationTable items={items} />
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
            <p className="text-sm text-slate-500">{t('conversations.showing', { count: items.length })}</p>
            {moreError && (
              <p role="alert" className="text-sm text-red-700">
                {message(moreError)}
              </p>
            )}
            {nextBefore !== null && (
              <Button busy={moreBusy} onClick={() => void loadMore()}>
                {t('conversations.loadMore')}
              </Button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}

export function RatingMark({ rating }: { rating: ConversationSummary['rating'] }) {
  const { t } = useTranslation();
  if (rating === null) return <span className="text-slate-400">—</span>;
  const Icon = rating === 'up' ? ThumbsUp : ThumbsDown;
  return (
    <span
      className={cx('inline-flex items-center gap-1', rating === 'up' ? 'text-emerald-700' : 'text-red-700')}
    >
      <Icon aria-hidden="true" className="size-4" />
      <span className="sr-only md:not-sr-only">{t(`conversations.rating.${rating}`)}</span>
    </span>
  );
}

function ConversationTable({ items }: { items: ConversationSummary[] }) {
  const { t } = useTranslation();
  const intentLabel = useIntentLabel();
  const { dateTimeShort } = useFormat();
  const columns: Column<ConversationSummary>[] = [
    {
      key: 'when',
      header: t('conversations.columns.lastActivity'),
      className: 'whitespace-nowrap tabular-nums',
      phone: 'title',
      cell: (c) => (
        <a
          href={conversationPath(c.id)}
          className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
        >
          <time dateTime={new Date(c.updatedAt).toISOString()}>{dateTimeShort(c.updatedAt)}</time>
        </a>
      ),
    },
    {
      key: 'preview',
      header: t('conversations.columns.lastMessage'),
      className: 'max-w-80',
      cell: (c) => (
        <>
          <span className="block truncate text-slate-900">{c.preview || '—'}</span>
          <span className="block text-xs text-slate-500">
            {c.channelName ?? t('conversations.deletedChannel')}
            {c.contact ? ` · ${c.contact}` : ''} · {t('conversations.messages', { count: c.messageCount })}
            {/* below 1280 px the language and intent columns give their room to the message */}
            <span className="hidden md:inline xl:hidden">
              {c.language ? ` · ${t(`conversations.languages.${c.language}`)}` : ''}
              {c.intent ? ` · ${intentLabel(c.intent)}` : ''}
            </span>
          </span>
        </>
      ),
    },
    {
      key: 'status',
      header: t('conversations.columns.status'),
      phone: 'badges',
      cell: (c) => <Badge tone={statusTone[c.status]}>{t(`conversations.status.${c.status}`)}</Badge>,
    },
    {
      key: 'language',
      header: t('conversations.columns.language'),
      className: 'hidden xl:table-cell',
      cell: (c) => (c.language ? t(`conversations.languages.${c.language}`) : '—'),
    },
    {
      key: 'intent',
      header: t('conversations.columns.intent'),
      className: 'hidden xl:table-cell',
      cellClassName: 'text-slate-700',
      cell: (c) => (c.intent ? intentLabel(c.intent) : '—'),
    },
    {
      key: 'sentiment',
      header: t('conversations.columns.sentiment'),
      className: 'hidden xl:table-cell',
      cell: (c) =>
        c.sentiment ? (
          <Badge tone={sentimentTone[c.sentiment]}>{t(`conversations.sentiment.${c.sentiment}`)}</Badge>
        ) : (
          '—'
        ),
    },
    {
      key: 'rating',
      header: t('conversations.columns.rating'),
      cell: (c) => <RatingMark rating={c.rating} />,
    },
  ];
  return (
    <ResponsiveTable
      label={t('conversations.listTitle')}
      rows={items}
      columns={columns}
      rowKey={(c) => c.id}
      onOpen={(c) => navigate(conversationPath(c.id))}
    />
  );
}
