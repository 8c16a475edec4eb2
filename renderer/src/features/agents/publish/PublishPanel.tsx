import * as RadixDialog from '@radix-ui/react-dialog';
import { Globe, Mail, MessagesSquare, Plus, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews';
import type { AgentSummary, Channel } from '../../../contract';
import { templateLanguage } from '../../marketplace/categories';
import { cx } from '../../../lib/cx';
import { usePermissions } from '../../../lib/permissions';
import { useLoad } from '../../../lib/use-load';
import { conversationsOfAgentPath } from '../../../router/routes';
import { useToastStore } from '../../../stores/toast-store';
import { transport } from '../../../transport';
import { ChannelForm } from './ChannelForm';
import { EmailChannelForm } from './EmailChannelForm';
import { emailDraftOf, emailSaveInput, type EmailDraft } from './email-draft';
import { EmailStatus } from './EmailStatus';
import { draftOf, saveInput, type ChannelDraft } from './draft';
import { localTimeZone } from './hours';
import { reachOf, shareOrigin } from './origins';
import { ShareSection } from './ShareSection';

/**
 * The Publish panel of an agent (issue 13): its channels, a web channel's settings, the embed code,
 * the link and its QR code, a live preview, and where customers can reach this computer at all.
 * A sheet over the designer, loaded with its first opening.
 */
export function PublishPanel({
  agent,
  open,
  onOpenChange,
}: {
  agent: AgentSummary;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="animate-overlay-in fixed inset-0 z-40 bg-slate-900/40" />
        <RadixDialog.Content className="fixed inset-y-0 right-0 z-50 flex w-full max-w-6xl flex-col bg-slate-50 shadow-xl ring-1 ring-slate-900/5">
          <header className="flex shrink-0 items-start gap-4 border-b border-slate-200 bg-white px-6 py-4">
            <div className="min-w-0 flex-1">
              <RadixDialog.Title className="text-lg font-semibold break-words text-slate-900">
                {t('agents.publish.title', { name: agent.name })}
              </RadixDialog.Title>
              <RadixDialog.Description className="mt-1 text-sm text-slate-600">
                {t('agents.publish.description')}
              </RadixDialog.Description>
            </div>
            <RadixDialog.Close
              className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700"
              aria-label={t('common.close')}
            >
              <X className="size-5" aria-hidden="true" />
            </RadixDialog.Close>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5">
            {open && <PublishBody agent={agent} />}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

type Choice = { kind: 'channel'; id: string } | { kind: 'new' } | { kind: 'newEmail' } | null;

function PublishBody({ agent }: { agent: AgentSummary }) {
  const { t, i18n } = useTranslation();
  const { editAgents } = usePermissions();
  const showToast = useToastStore((state) => state.show);
  const channels = useLoad(() => transport.call('channels.list', { agentId: agent.id }), agent.id);
  const status = useLoad(() => transport.call('setup.status', {}), 'setup');
  const [choice, setChoice] = useState<Choice>(null);
  const [deleting, setDeleting] = useState<Channel | null>(null);

  if (channels.error && !channels.data)
    return <ErrorState error={channels.error} onRetry={channels.reload} />;
  if (!channels.data || status.loading) return <LoadingState label={t('agents.publish.loading')} />;

  const items = channels.data.items;
  const chosen =
    choice?.kind === 'new' || choice?.kind === 'newEmail'
      ? null
      : (items.find((c) => c.id === (choice?.kind === 'channel' ? choice.id : undefined)) ??
        items.find((c) => c.kind === 'web') ??
        items[0] ??
        null);
  const creating = choice?.kind === 'new';
  const creatingEmail = choice?.kind === 'newEmail';
  const publicOrigin = status.data?.publicOrigin ?? null;
  const origin = shareOrigin(publicOrigin, window.location);
  const preview = window.location.protocol === 'http:' || window.location.protocol === 'https:';
  const defaults = {
    name: agent.name,
    language: templateLanguage(i18n.language),
    zone: localTimeZone(),
  };

  const save = async (id: string | null, draft: ChannelDraft) => {
    const saved = await transport.call('channels.save', saveInput(agent.id, id, draft));
    channels.update((data) => ({
      items: data.items.some((c) => c.id === saved.id)
        ? data.items.map((c) => (c.id === saved.id ? saved : c))
        : [...data.items, saved],
    }));
    setChoice({ kind: 'channel', id: saved.id });
    showToast('success', id ? t('agents.publish.saved') : t('agents.publish.created', { name: saved.name }));
  };
  const saveEmail = async (id: string | null, draft: EmailDraft) => {
    const saved = await transport.call('channels.save', emailSaveInput(agent.id, id, draft));
    channels.update((data) => ({
      items: data.items.some((c) => c.id === saved.id)
        ? data.items.map((c) => (c.id === saved.id ? saved : c))
        : [...data.items, saved],
    }));
    setChoice({ kind: 'channel', id: saved.id });
    showToast('success', id ? t('agents.publish.saved') : t('agents.publish.created', { name: saved.name }));
  };
  const remove = async (channel: Channel) => {
    await transport.call('channels.delete', { channelId: channel.id });
    channels.update((data) => ({ items: data.items.filter((c) => c.id !== channel.id) }));
    setChoice(null);
    showToast('success', t('agents.publish.delete.done', { name: channel.name }));
  };

  const newButton = editAgents && (
    <>
      <Button
        size="sm"
        icon={<Plus aria-hidden="true" className="size-4" />}
        onClick={() => setChoice({ kind: 'new' })}
        aria-pressed={creating || undefined}
      >
        {t('agents.publish.newWeb')}
      </Button>
      <Button
        size="sm"
        icon={<Mail aria-hidden="true" className="size-4" />}
        onClick={() => setChoice({ kind: 'newEmail' })}
        aria-pressed={creatingEmail || undefined}
      >
        {t('agents.publish.mail.newButton')}
      </Button>
    </>
  );

  return (
    <div className="flex flex-col gap-5">
      <AgentLive agent={agent} />
      <Reach publicOrigin={publicOrigin} />

      {items.length === 0 && !creating && !creatingEmail ? (
        <div className="rounded-xl bg-white ring-1 ring-slate-200">
          <EmptyState icon={Globe} title={t('agents.publish.empty')} action={newButton}>
            {t('agents.publish.emptyHint')}
          </EmptyState>
        </div>
      ) : (
        <>
          <nav aria-label={t('agents.publish.channels')} className="flex flex-wrap items-center gap-2">
            <h3 className="mr-1 text-sm font-semibold text-slate-900">{t('agents.publish.channels')}</h3>
            <ul className="contents">
              {items.map((channel) => {
                const current = !creating && !creatingEmail && chosen?.id === channel.id;
                const Icon = channel.kind === 'email' ? Mail : Globe;
                return (
                  <li key={channel.id}>
                    <button
                      type="button"
                      aria-current={current ? 'true' : undefined}
                      onClick={() => setChoice({ kind: 'channel', id: channel.id })}
                      className={cx(
                        'inline-flex h-11 max-w-72 items-center gap-1.5 rounded-full px-3 text-sm font-medium ring-1 ring-inset md:h-8',
                        current
                          ? 'bg-indigo-600 text-white ring-indigo-600'
                          : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50',
                      )}
                    >
                      <Icon aria-hidden="true" className="size-4 shrink-0" />
                      <span className="truncate">{channel.name}</span>
                      <span className="sr-only">
                        {' '}
                        ({t(`agents.publish.kinds.${channel.kind}`)}
                        {channel.enabled ? '' : `, ${t('agents.publish.offShort')}`})
                      </span>
                      {!channel.enabled && (
                        <span aria-hidden="true" className={current ? 'text-indigo-100' : 'text-slate-500'}>
                          · {t('agents.publish.offShort')}
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
            {newButton}
            <a
              href={conversationsOfAgentPath(agent.id)}
              className="inline-flex h-11 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50 hover:underline md:ml-auto md:h-8"
            >
              <MessagesSquare aria-hidden="true" className="size-4" />
              {t('agents.publish.conversations')}
            </a>
          </nav>

          {creatingEmail ? (
            <Panel title={t('agents.publish.mail.newTitle')}>
              <EmailChannelForm
                key="newEmail"
                initial={emailDraftOf(null, defaults)}
                channel={null}
                readOnly={!editAgents}
                onSave={(draft) => saveEmail(null, draft)}
                onCancel={() => setChoice(null)}
              />
            </Panel>
          ) : creating ? (
            <Columns
              left={
                <Panel title={t('agents.publish.newTitle')}>
                  <ChannelForm
                    key="new"
                    initial={draftOf(null, defaults)}
                    channel={null}
                    readOnly={!editAgents}
                    onSave={(draft) => save(null, draft)}
                    onCancel={() => setChoice(null)}
                  />
                </Panel>
              }
              right={
                <Panel title={t('agents.publish.share.title')}>
                  <p className="text-sm text-slate-600">{t('agents.publish.share.afterCreate')}</p>
                </Panel>
              }
            />
          ) : chosen?.kind === 'web' ? (
            <Columns
              left={
                <Panel title={t('agents.publish.settingsTitle')}>
                  <ChannelForm
                    key={`${chosen.id}:${chosen.updatedAt}`}
                    initial={draftOf(chosen, defaults)}
                    channel={chosen}
                    readOnly={!editAgents}
                    onSave={(draft) => save(chosen.id, draft)}
                    onDelete={() => setDeleting(chosen)}
                  />
                </Panel>
              }
              right={
                <Panel title={t('agents.publish.share.title')}>
                  <ShareSection channel={chosen} origin={origin} preview={preview} />
                </Panel>
              }
            />
          ) : chosen ? (
            <Columns
              left={
                <Panel title={t('agents.publish.mail.settingsTitle')}>
                  <EmailChannelForm
                    key={`${chosen.id}:${chosen.updatedAt}`}
                    initial={emailDraftOf(chosen, defaults)}
                    channel={chosen}
                    readOnly={!editAgents}
                    onSave={(draft) => saveEmail(chosen.id, draft)}
                    onDelete={() => setDeleting(chosen)}
                  />
                </Panel>
              }
              right={
                <Panel title={t('agents.publish.mail.statusTitle')}>
                  <EmailStatus channel={chosen} onRefresh={channels.reload} />
                </Panel>
              }
            />
          ) : null}
        </>
      )}

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(next) => !next && setDeleting(null)}
        title={t('agents.publish.delete.title', { name: deleting?.name ?? '' })}
        description={
          deleting?.kind === 'email'
            ? t('agents.publish.delete.descriptionEmail')
            : t('agents.publish.delete.description')
        }
        confirmLabel={t('agents.publish.delete.confirm')}
        onConfirm={() => (deleting ? remove(deleting) : Promise.resolve())}
      />
    </div>
  );
}

function Columns({ left, right }: { left: ReactNode; right: ReactNode }) {
  return (
    <div className="grid items-start gap-5 lg:grid-cols-2">
      {[left, right].map((c, i) => (
        <div key={i} className="min-w-0">
          {c}
        </div>
      ))}
    </div>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <h3 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">{title}</h3>
      <div className="p-5">{children}</div>
    </section>
  );
}

/** Whether the agent answers at all: channels of an agent that is not live or is paused do not. */
function AgentLive({ agent }: { agent: AgentSummary }) {
  const { t } = useTranslation();
  if (agent.deployedVersion === null) return <Alert tone="warning">{t('agents.publish.notLive')}</Alert>;
  if (agent.status === 'paused') return <Alert tone="warning">{t('agents.publish.paused')}</Alert>;
  return null;
}

/** Where customers reach this installation: nowhere yet, this computer only, or a public address. */
function Reach({ publicOrigin }: { publicOrigin: string | null }) {
  const { t } = useTranslation();
  const reach = reachOf(publicOrigin);
  if (reach === 'public') {
    return (
      <p className="text-sm text-slate-600">
        {t('agents.publish.reach.public')}{' '}
        <span className="font-mono text-[13px] text-slate-900">{publicOrigin}</span>
      </p>
    );
  }
  return (
    <Alert
      tone={reach === 'none' ? 'warning' : 'info'}
      title={
        reach === 'none'
          ? t('agents.publish.reach.noneTitle')
          : t('agents.publish.reach.localTitle', { origin: publicOrigin })
      }
    >
      <ul className="mt-1 list-disc space-y-0.5 pl-4">
        {reach === 'none' && (
          <li>
            {t('agents.publish.reach.start')}{' '}
            <code className="font-mono text-[13px]">--public-port 8080</code>
          </li>
        )}
        <li>
          {t('agents.publish.reach.proxy')} <code className="font-mono text-[13px]">--public-url</code>
        </li>
        <li>{t('agents.publish.reach.router')}</li>
      </ul>
      {reach === 'none' && <p className="mt-1.5">{t('agents.publish.reach.meanwhile')}</p>}
    </Alert>
  );
}
