import { Bot, ExternalLink, Info, Plus, UserRound, X } from 'lucide-react';
import { useEffect, useId, useImperativeHandle, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { NativeSelect } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { ticketPriorities, type ConversationMessage, type MethodInput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { roleAtLeast, usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { agentPath, conversationPath, runPath } from '../../router/routes';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport } from '../../transport';
import { sentimentTone } from '../conversations/conversation-text';
import { SaveAnswer, TicketComposer, lastPersonReply, type ComposerHandle } from './TicketComposer';
import { TicketTimeline } from './TicketTimeline';
import { SlaBadge, requesterOf } from './ticket-bits';
import {
  isTicketActive,
  ticketPriorityTone,
  ticketStatusTone,
  type TicketDetail,
  type TicketSummary,
} from './ticket-meta';
import { useIntentLabel } from '../../i18n/intent-label';

/** What the Inbox's keyboard shortcuts do to the open ticket. */
export interface TicketActions {
  focusReply(): void;
  focusNote(): void;
  assignToMe(): void;
  solve(): void;
}

type Update = Omit<MethodInput<'tickets.update'>, 'ticketId'>;

/** One ticket: its facts and moves, the whole conversation, the reply box and the timeline. */
export function TicketView({
  ticketId,
  queues,
  actionsRef,
}: {
  ticketId: string;
  queues: string[];
  actionsRef: RefObject<TicketActions | null>;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { dateTime } = useFormat();
  const now = useNow();
  const { role, userId } = usePermissions();
  const mayWork = roleAtLeast(role, 'operator');
  const showToast = useToastStore((state) => state.show);
  const loaded = useLoad<TicketDetail>(() => transport.call('tickets.get', { ticketId }), ticketId);
  const { reload, update } = loaded;
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const composer = useRef<ComposerHandle | null>(null);
  const conversationId = loaded.data?.ticket.conversationId ?? null;
  const ids = { priority: useId(), queue: useId() };

  // live: the ticket changed (a colleague, the SLA sweep) or the customer wrote in its conversation
  useEffect(() => {
    const offTicket = transport.on('ticket.changed', ({ ticket }) => {
      if (ticket.id !== ticketId) return;
      update((current) => ({ ...current, ticket }));
      reload();
    });
    const offConversation = transport.on('conversation.changed', ({ conversation }) => {
      if (conversationId && conversation.id === conversationId) reload();
    });
    return () => {
      offTicket();
      offConversation();
    };
  }, [ticketId, conversationId, reload, update]);

  const ticket = loaded.data?.ticket;
  const change = async (what: string, patch: Update, done?: string) => {
    setBusy(what);
    try {
      const next = await transport.call('tickets.update', { ticketId, ...patch });
      update((current) => ({ ...current, ticket: next }));
      reload();
      if (done) showToast('success', done);
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
    } finally {
      setBusy(null);
    }
  };
  const assignToMe = () => {
    if (!ticket || !mayWork || !userId || ticket.assigneeId === userId) return;
    void change('assign', { assigneeId: userId }, t('inbox.toast.assigned'));
  };
  const solve = () => {
    if (!ticket || !mayWork || !isTicketActive(ticket.status)) return;
    void change('solve', { status: 'solved' }, t('inbox.toast.solved', { number: ticket.number }));
  };
  const handBack = async () => {
    setBusy('handBack');
    try {
      const next = await transport.call('tickets.handBack', { ticketId });
      update((current) => ({ ...current, ticket: next }));
      reload();
      showToast('success', t('inbox.toast.handedBack'));
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
    } finally {
      setBusy(null);
    }
  };

  useImperativeHandle(actionsRef, () => ({
    focusReply: () => composer.current?.focus('reply'),
    focusNote: () => composer.current?.focus('note'),
    assignToMe,
    solve,
  }));

  if (loaded.error && !loaded.data)
    return (
      <Card>
        <ErrorState error={loaded.error} onRetry={reload} />
      </Card>
    );
  if (!loaded.data || !ticket) return <LoadingState label={t('inbox.loadingTicket')} />;

  const { events, messages, conversation } = loaded.data;
  const active = isTicketActive(ticket.status);
  const mine = ticket.assigneeId !== null && ticket.assigneeId === userId;
  const channel = ticket.channelKind ? t(`inbox.channel.${ticket.channelKind}`) : t('inbox.channel.none');
  const queueOptions = [...new Set([ticket.queue, ...queues])];

  return (
    <div className="flex flex-col gap-4">
      <section
        aria-labelledby="ticket-title"
        className="rounded-xl bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200"
      >
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <h2 id="ticket-title" className="min-w-0 text-lg font-semibold break-words text-slate-900">
            <span className="mr-2 font-normal text-slate-500 tabular-nums">#{ticket.number}</span>
            {ticket.subject}
          </h2>
          <div className="flex flex-wrap items-center gap-1.5">
            <Badge tone={ticketStatusTone[ticket.status]}>{t(`inbox.status.${ticket.status}`)}</Badge>
            <Badge tone={ticketPriorityTone[ticket.priority]}>
              {t('inbox.detail.priorityBadge', { priority: t(`inbox.priority.${ticket.priority}`) })}
            </Badge>
            <SlaBadge ticket={ticket} now={now} />
          </div>
        </div>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-slate-500">{t('inbox.detail.requester')}</dt>
          <dd className="min-w-0 break-words text-slate-900">{requesterOf(ticket, t)}</dd>
          <dt className="text-slate-500">{t('inbox.detail.channel')}</dt>
          <dd className="text-slate-900">
            {conversationId ? (
              <a href={conversationPath(conversationId)} className="text-indigo-700 hover:underline">
                {conversation?.channelName ?? channel}
              </a>
            ) : (
              channel
            )}
            {conversation?.channelName ? ` · ${channel}` : ''}
          </dd>
          <dt className="text-slate-500">{t('inbox.detail.assignee')}</dt>
          <dd className="text-slate-900">{ticket.assigneeName ?? t('inbox.row.unassigned')}</dd>
          <dt className="text-slate-500">{t('inbox.detail.answering')}</dt>
          <dd className="text-slate-900">
            {ticket.handler === 'person'
              ? t('inbox.detail.handlerPerson')
              : ticket.handler === 'agent'
                ? t('inbox.detail.handlerAgent')
                : '—'}
          </dd>
          <dt className="text-slate-500">{t('inbox.detail.agent')}</dt>
          <dd className="text-slate-900">
            {ticket.agentId && ticket.agentName ? (
              <a href={agentPath(ticket.agentId)} className="text-indigo-700 hover:underline">
                {ticket.agentName}
              </a>
            ) : (
              (ticket.agentName ?? '—')
            )}
            {ticket.runId && (
              <>
                {' · '}
                <a href={runPath(ticket.runId)} className="text-indigo-700 hover:underline">
                  {t('inbox.detail.handoffRun')}
                </a>
              </>
            )}
          </dd>
          <dt className="text-slate-500">{t('inbox.detail.opened')}</dt>
          <dd className="text-slate-900">
            <time dateTime={new Date(ticket.createdAt).toISOString()}>{dateTime(ticket.createdAt)}</time>
          </dd>
        </dl>
        {ticket.reason && (
          <p className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
            <span className="font-medium text-slate-900">{t('inbox.detail.reason')}</span> {ticket.reason}
          </p>
        )}
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-800" htmlFor={ids.priority}>
            {t('inbox.detail.priority')}
            <NativeSelect
              id={ids.priority}
              compact
              disabled={!mayWork || ticket.status === 'closed' || busy !== null}
              value={ticket.priority}
              onChange={(event) =>
                void change('priority', { priority: event.target.value as TicketSummary['priority'] })
              }
              options={ticketPriorities.map((p) => ({ value: p, label: t(`inbox.priority.${p}`) }))}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-800" htmlFor={ids.queue}>
            {t('inbox.detail.queue')}
            <NativeSelect
              id={ids.queue}
              compact
              disabled={!mayWork || ticket.status === 'closed' || busy !== null}
              value={ticket.queue}
              onChange={(event) => void change('queue', { queue: event.target.value })}
              options={queueOptions.map((queue) => ({ value: queue, label: queue }))}
            />
          </label>
          <TagEditor
            tags={ticket.tags}
            disabled={!mayWork || ticket.status === 'closed' || busy !== null}
            onChange={(tags) => void change('tags', { tags })}
          />
        </div>
        {mayWork && (
          <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-4">
            {!mine && ticket.status !== 'closed' && (
              <Button
                size="sm"
                busy={busy === 'assign'}
                onClick={assignToMe}
                aria-keyshortcuts="a"
                title={t('inbox.detail.shortcut', { key: 'a' })}
              >
                {t('inbox.actions.assignToMe')}
              </Button>
            )}
            {ticket.handler === 'person' && conversationId && active && (
              <Button
                size="sm"
                busy={busy === 'handBack'}
                icon={<Bot aria-hidden="true" className="size-4" />}
                onClick={() => void handBack()}
              >
                {t('inbox.actions.handBack')}
              </Button>
            )}
            {active ? (
              <Button
                size="sm"
                variant="primary"
                busy={busy === 'solve'}
                onClick={solve}
                aria-keyshortcuts="s"
                title={t('inbox.detail.shortcut', { key: 's' })}
              >
                {t('inbox.actions.solve')}
              </Button>
            ) : ticket.status === 'solved' ? (
              <Button
                size="sm"
                busy={busy === 'reopen'}
                onClick={() => void change('reopen', { status: 'open' })}
              >
                {t('inbox.actions.reopen')}
              </Button>
            ) : null}
            {ticket.status !== 'closed' && (
              <Button size="sm" variant="ghost" onClick={() => setConfirmClose(true)}>
                {t('inbox.actions.close')}
              </Button>
            )}
          </div>
        )}
      </section>

      {!active && <SaveAnswer ticket={ticket} answer={lastPersonReply(messages)} />}

      <Card title={t('inbox.detail.conversationTitle')} titleId="ticket-conversation-title">
        {messages.length === 0 ? (
          <p className="p-5 text-sm text-slate-600">
            {conversationId ? t('inbox.detail.noMessages') : t('inbox.detail.noConversation')}
          </p>
        ) : (
          <ol aria-label={t('inbox.detail.conversationTitle')} className="flex flex-col gap-3 p-4 md:p-5">
            {messages.map((m) => (
              <MessageItem key={m.id} message={m} />
            ))}
          </ol>
        )}
      </Card>

      {mayWork && ticket.status !== 'closed' && (
        <TicketComposer
          ref={composer}
          ticket={ticket}
          messages={messages}
          onSent={(next) => {
            update((current) => ({ ...current, ticket: next }));
            reload();
          }}
        />
      )}

      <TicketTimeline events={events} />

      <ConfirmDialog
        open={confirmClose}
        onOpenChange={setConfirmClose}
        title={t('inbox.close.title', { number: ticket.number })}
        description={t('inbox.close.description')}
        confirmLabel={t('inbox.actions.close')}
        tone="primary"
        onConfirm={async () => {
          const next = await transport.call('tickets.update', { ticketId, status: 'closed' });
          update((current) => ({ ...current, ticket: next }));
          reload();
          showToast('success', t('inbox.toast.closed', { number: ticket.number }));
        }}
      />
    </div>
  );
}

function TagEditor({
  tags,
  disabled,
  onChange,
}: {
  tags: string[];
  disabled: boolean;
  onChange(tags: string[]): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const tag = draft.trim();
    setDraft('');
    if (!tag || tags.includes(tag) || tags.length >= 20) return;
    onChange([...tags, tag.slice(0, 40)]);
  };
  return (
    <div className="flex min-w-56 flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {t('inbox.detail.tags')}
      </label>
      <div className="flex flex-wrap items-center gap-1.5">
        {tags.map((tag) => (
          <span
            key={tag}
            className="inline-flex items-center gap-0.5 rounded-full bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs font-medium whitespace-nowrap text-slate-700 ring-1 ring-slate-200 ring-inset"
          >
            {tag}
            <button
              type="button"
              disabled={disabled}
              onClick={() => onChange(tags.filter((other) => other !== tag))}
              aria-label={t('inbox.detail.removeTag', { tag })}
              className="inline-flex size-6 items-center justify-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-800"
            >
              <X aria-hidden="true" className="size-3" />
            </button>
          </span>
        ))}
        <form
          className="flex items-center gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <input
            id={id}
            value={draft}
            disabled={disabled}
            maxLength={40}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={t('inbox.detail.tagPlaceholder')}
            className="h-11 w-32 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-indigo-600 md:h-8"
          />
          <Button
            type="submit"
            size="sm"
            variant="ghost"
            disabled={disabled || !draft.trim()}
            aria-label={t('inbox.detail.addTag')}
            title={t('inbox.detail.addTag')}
          >
            <Plus aria-hidden="true" className="size-4" />
          </Button>
        </form>
      </div>
    </div>
  );
}

/** A system line's words: what happened in the conversation (hand-off, hand back, a failed run). */
function systemText(m: ConversationMessage, t: (key: string) => string): string {
  const event = typeof m.meta?.event === 'string' ? m.meta.event : '';
  if (event === 'agent_failed') return t('conversations.system.agentFailed');
  if (event === 'handoff' || event === 'handed_over') return t('inbox.system.handoff');
  if (event === 'handed_back') return t('inbox.system.handedBack');
  if (event === 'taken_over') return t('inbox.system.takenOver');
  return t('conversations.system.other');
}

function MessageItem({ message: m }: { message: ConversationMessage }) {
  const { t } = useTranslation();
  const intentLabel = useIntentLabel();
  const { dateTimeSeconds } = useFormat();
  if (m.role === 'system') {
    return (
      <li className="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <span>
          {systemText(m, t)}
          {m.runId && (
            <>
              {' '}
              <a href={runPath(m.runId)} className="font-medium underline">
                {t('conversations.viewRun')}
              </a>
            </>
          )}
        </span>
      </li>
    );
  }
  const fromCustomer = m.role === 'customer';
  const Icon = m.role === 'agent' ? Bot : UserRound;
  const personName = m.role === 'person' && typeof m.meta?.authorName === 'string' ? m.meta.authorName : null;
  return (
    <li className={cx('flex flex-col gap-1', fromCustomer ? 'items-start' : 'items-end')}>
      <div className="flex items-center gap-1.5 text-xs text-slate-500">
        <Icon aria-hidden="true" className="size-3.5" />
        <span className="font-medium text-slate-700">{personName ?? t(`conversations.roles.${m.role}`)}</span>
        <time dateTime={new Date(m.createdAt).toISOString()}>{dateTimeSeconds(m.createdAt)}</time>
      </div>
      <p
        className={cx(
          'max-w-[min(36rem,100%)] rounded-2xl px-4 py-2 text-sm break-words whitespace-pre-wrap',
          fromCustomer
            ? 'bg-slate-100 text-slate-900'
            : m.role === 'person'
              ? 'bg-emerald-50 text-slate-900 ring-1 ring-emerald-200'
              : 'bg-indigo-50 text-slate-900',
        )}
      >
        {m.text}
      </p>
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        {fromCustomer && m.intent && <Badge tone="accent">{intentLabel(m.intent)}</Badge>}
        {fromCustomer && m.sentiment && (
          <Badge tone={sentimentTone[m.sentiment]}>{t(`conversations.sentiment.${m.sentiment}`)}</Badge>
        )}
        {m.role === 'agent' && m.runId && (
          <a
            href={runPath(m.runId)}
            className="inline-flex min-h-11 items-center gap-1 font-medium text-indigo-700 hover:underline md:min-h-0"
          >
            {t('conversations.viewRun')}
            <ExternalLink aria-hidden="true" className="size-3.5" />
          </a>
        )}
      </div>
    </li>
  );
}
