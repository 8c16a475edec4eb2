import { ArrowLeft, Bot, ExternalLink, Info, Trash2, UserRound } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/StateViews';
import {
  conversationStatuses,
  type ConversationMessage,
  type ConversationStatus,
  type MethodOutput,
} from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { pagePaths, runPath } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport } from '../../transport';
import { RatingMark } from './ConversationsPage';
import { sentimentTone, statusTone } from './conversation-text';
import { useIntentLabel } from '../../i18n/intent-label';

type Loaded = MethodOutput<'conversations.get'>;

function BackLink() {
  const { t } = useTranslation();
  return (
    <a
      href={pagePaths.conversations}
      className="mb-3 inline-flex min-h-11 items-center gap-1.5 text-sm font-medium text-indigo-700 hover:text-indigo-600 md:min-h-0"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      {t('conversations.back')}
    </a>
  );
}

/** One conversation: its facts, the messages with each agent turn linked to its run, and what people may do. */
export function ConversationThread({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const intentLabel = useIntentLabel();
  const message = useErrorMessage();
  const { dateTime } = useFormat();
  const { role } = usePermissions();
  const mayChange = role !== 'viewer';
  const mayDelete = role === 'admin' || role === 'owner';
  const showToast = useToastStore((state) => state.show);
  const loaded = useLoad<Loaded>(
    () => transport.call('conversations.get', { conversationId }),
    conversationId,
  );
  const { reload } = loaded;
  const [busy, setBusy] = useState<ConversationStatus | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [gone, setGone] = useState(false);

  // live: new messages, a rating or another person's status change show at once
  useEffect(
    () =>
      transport.on('conversation.changed', ({ conversation, deleted }) => {
        if (conversation.id !== conversationId) return;
        if (deleted) setGone(true);
        else reload();
      }),
    [conversationId, reload],
  );

  if (gone)
    return (
      <>
        <BackLink />
        <PageHeader title={t('conversations.threadTitle')} />
        <Card>
          <p className="p-5 text-sm text-slate-700">{t('conversations.deleted')}</p>
        </Card>
      </>
    );
  if (loaded.error && !loaded.data)
    return (
      <>
        <BackLink />
        <PageHeader title={t('conversations.threadTitle')} />
        <Card>
          <ErrorState error={loaded.error} onRetry={reload} />
        </Card>
      </>
    );
  if (!loaded.data)
    return (
      <>
        <BackLink />
        <LoadingState label={t('conversations.loadingThread')} />
      </>
    );

  const { conversation, messages } = loaded.data;
  const setStatus = async (status: ConversationStatus) => {
    setBusy(status);
    try {
      await transport.call('conversations.setStatus', { conversationId, status });
      reload();
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <BackLink />
      <PageHeader
        title={conversation.channelName ?? t('conversations.threadTitle')}
        description={t('conversations.threadDescription', {
          started: dateTime(conversation.createdAt),
          count: conversation.messageCount,
        })}
        actions={
          mayDelete ? (
            <Button
              variant="ghost"
              icon={<Trash2 aria-hidden="true" className="size-4" />}
              onClick={() => setConfirmDelete(true)}
            >
              {t('conversations.delete')}
            </Button>
          ) : undefined
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <Card title={t('conversations.messagesTitle')} titleId="conversation-messages-title">
          {messages.length === 0 ? (
            <p className="p-5 text-sm text-slate-600">{t('conversations.noMessages')}</p>
          ) : (
            <ol className="flex flex-col gap-3 p-4 md:p-5">
              {messages.map((m) => (
                <MessageItem key={m.id} message={m} />
              ))}
            </ol>
          )}
        </Card>
        <Card title={t('conversations.factsTitle')} titleId="conversation-facts-title">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 p-5 text-sm">
            <dt className="text-slate-500">{t('conversations.columns.status')}</dt>
            <dd>
              <Badge tone={statusTone[conversation.status]}>
                {t(`conversations.status.${conversation.status}`)}
              </Badge>
            </dd>
            <dt className="text-slate-500">{t('conversations.columns.channel')}</dt>
            <dd className="text-slate-900">
              {conversation.channelName ?? t('conversations.deletedChannel')} ·{' '}
              {t(`conversations.channelKinds.${conversation.channelKind}`)}
            </dd>
            <dt className="text-slate-500">{t('conversations.columns.agent')}</dt>
            <dd className="text-slate-900">{conversation.agentName ?? '—'}</dd>
            {conversation.contact && (
              <>
                <dt className="text-slate-500">{t('conversations.columns.contact')}</dt>
                <dd className="break-all text-slate-900">{conversation.contact}</dd>
              </>
            )}
            <dt className="text-slate-500">{t('conversations.columns.language')}</dt>
            <dd className="text-slate-900">
              {conversation.language ? t(`conversations.languages.${conversation.language}`) : '—'}
            </dd>
            <dt className="text-slate-500">{t('conversations.columns.intent')}</dt>
            <dd className="text-slate-900">{conversation.intent ? intentLabel(conversation.intent) : '—'}</dd>
            <dt className="text-slate-500">{t('conversations.columns.sentiment')}</dt>
            <dd>
              {conversation.sentiment ? (
                <Badge tone={sentimentTone[conversation.sentiment]}>
                  {t(`conversations.sentiment.${conversation.sentiment}`)}
                </Badge>
              ) : (
                '—'
              )}
            </dd>
            <dt className="text-slate-500">{t('conversations.columns.rating')}</dt>
            <dd>
              <RatingMark rating={conversation.rating} />
            </dd>
          </dl>
          {mayChange && (
            <div className="flex flex-wrap gap-2 border-t border-slate-200 px-5 py-4">
              {conversationStatuses
                .filter((status) => status !== conversation.status)
                .map((status) => (
                  <Button
                    key={status}
                    size="sm"
                    busy={busy === status}
                    onClick={() => void setStatus(status)}
                  >
                    {t(`conversations.moveTo.${status}`)}
                  </Button>
                ))}
            </div>
          )}
        </Card>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={t('conversations.deleteTitle')}
        description={t('conversations.deleteDescription', { count: conversation.messageCount })}
        confirmLabel={t('conversations.delete')}
        onConfirm={async () => {
          await transport.call('conversations.delete', { conversationId });
          showToast('success', t('conversations.deletedToast'));
          navigate(pagePaths.conversations);
        }}
      />
    </>
  );
}

function MessageItem({ message: m }: { message: ConversationMessage }) {
  const { t } = useTranslation();
  const intentLabel = useIntentLabel();
  const { dateTimeSeconds } = useFormat();
  if (m.role === 'system') {
    const event = typeof m.meta?.event === 'string' ? m.meta.event : m.text;
    return (
      <li className="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <span>
          {event === 'agent_failed' ? t('conversations.system.agentFailed') : t('conversations.system.other')}
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
  return (
    <li className={cx('flex flex-col gap-1', fromCustomer ? 'items-start' : 'items-end')}>
      <div className="flex items-center gap-1.5 text-xs text-slate-500">
        <Icon aria-hidden="true" className="size-3.5" />
        <span className="font-medium text-slate-700">{t(`conversations.roles.${m.role}`)}</span>
        <time dateTime={new Date(m.createdAt).toISOString()}>{dateTimeSeconds(m.createdAt)}</time>
      </div>
      <p
        className={cx(
          'max-w-[min(36rem,100%)] rounded-2xl px-4 py-2 text-sm break-words whitespace-pre-wrap',
          fromCustomer ? 'bg-slate-100 text-slate-900' : 'bg-indigo-50 text-slate-900',
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
