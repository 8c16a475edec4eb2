import { GitCompareArrows, History as HistoryIcon, RotateCcw, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import type { FlowDiff, VersionSummary } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { toCallError, transport, type CallError } from '../../transport';
import { useToastStore } from '../../stores/toast-store';
import { isDirty, useDesignerStore } from './designer-store';

interface Props {
  agentId: string;
  readOnly: boolean;
  /** Whether the tab is shown: the list loads when it is first opened and after each save. */
  active: boolean;
  onShowNode(nodeId: string): void;
}

export function VersionsPanel({ agentId, readOnly, active, onShowNode }: Props) {
  const { t } = useTranslation();
  const { dateTime, number } = useFormat();
  const message = useErrorMessage();
  const current = useDesignerStore((state) => state.version);
  const dirty = useDesignerStore(isDirty);
  const diff = useDesignerStore((state) => state.diff);
  const setDiff = useDesignerStore((state) => state.setDiff);
  const reload = useDesignerStore((state) => state.reload);
  const showToast = useToastStore((state) => state.show);
  const [comparing, setComparing] = useState<string | null>(null);
  const [compareError, setCompareError] = useState<CallError | null>(null);
  const [restoring, setRestoring] = useState<VersionSummary | null>(null);
  const currentId = current?.id;
  const list = useLoad(
    () => transport.call('agents.versions', { agentId }),
    `${agentId}|${currentId}`,
    active,
  );
  const versions = list.data?.versions ?? null;
  const error = list.error;

  const compare = async (version: VersionSummary) => {
    if (!current) return;
    setComparing(version.id);
    setCompareError(null);
    try {
      const result = await transport.call('agents.diff', {
        agentId,
        fromVersionId: version.id,
        toVersionId: current.id,
      });
      setDiff({ versionNumber: version.number, diff: result });
    } catch (caught) {
      setCompareError(toCallError(caught));
    } finally {
      setComparing(null);
    }
  };

  if (error) return <ErrorState error={error} onRetry={list.reload} />;
  if (!versions) return <LoadingState label={t('designer.versions.loading')} />;

  return (
    <div className="flex flex-col gap-4 p-4">
      {diff && (
        <DiffSummary
          diff={diff.diff}
          versionNumber={diff.versionNumber}
          onClear={() => setDiff(null)}
          onShowNode={onShowNode}
        />
      )}
      {compareError && (
        <Alert tone="error" reason={compareError?.reason}>
          {message(compareError)}
        </Alert>
      )}
      {dirty && <Alert tone="info">{t('designer.versions.unsavedNote')}</Alert>}
      {versions.length === 0 ? (
        <EmptyState icon={HistoryIcon} title={t('designer.versions.empty')} />
      ) : (
        <ol aria-label={t('designer.versions.listLabel')} className="flex flex-col gap-2">
          {versions.map((version) => {
            const isCurrent = version.id === current?.id;
            return (
              <li key={version.id} className="rounded-lg px-3 py-2.5 ring-1 ring-slate-200">
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="text-sm font-semibold text-slate-900">
                    {t('designer.versions.number', { number: version.number })}
                  </span>
                  {isCurrent && <Badge tone="accent">{t('designer.versions.current')}</Badge>}
                  {version.deployed && <Badge tone="success">{t('designer.versions.live')}</Badge>}
                </div>
                {version.note && <p className="mt-1 text-sm text-slate-700">{version.note}</p>}
                <p className="mt-1 text-xs text-slate-500">
                  {t('designer.versions.meta', {
                    author: version.authorName,
                    date: dateTime(version.createdAt),
                    nodes: number(version.nodeCount),
                    count: version.nodeCount,
                  })}
                </p>
                {!isCurrent && (
                  <div className="mt-2 flex flex-wrap gap-2">
                    <Button
                      size="sm"
                      busy={comparing === version.id}
                      icon={<GitCompareArrows aria-hidden="true" className="size-4" />}
                      aria-label={t('designer.versions.compareNamed', { number: version.number })}
                      onClick={() => void compare(version)}
                    >
                      {t('designer.versions.compare')}
                    </Button>
                    {!readOnly && (
                      <Button
                        size="sm"
                        icon={<RotateCcw aria-hidden="true" className="size-4" />}
                        aria-label={t('designer.versions.restoreNamed', { number: version.number })}
                        onClick={() => setRestoring(version)}
                      >
                        {t('designer.versions.restore')}
                      </Button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <ConfirmDialog
        open={restoring !== null}
        onOpenChange={(open) => !open && setRestoring(null)}
        tone="primary"
        title={t('designer.versions.confirmRestore.title', { number: restoring?.number ?? '' })}
        description={
          dirty
            ? `${t('designer.versions.confirmRestore.description', { number: restoring?.number ?? '' })} ${t('designer.versions.confirmRestore.unsaved')}`
            : t('designer.versions.confirmRestore.description', { number: restoring?.number ?? '' })
        }
        confirmLabel={t('designer.versions.confirmRestore.confirm')}
        onConfirm={async () => {
          if (!restoring) return;
          const made = await transport.call('agents.restoreVersion', { agentId, versionId: restoring.id });
          await reload();
          showToast(
            'success',
            t('designer.versions.restored', { number: restoring.number, created: made.number }),
          );
          list.reload();
        }}
      />
    </div>
  );
}

/** The designer's name for a field the diff names (data fields by their key). */
const diffFieldKeys: Record<string, string> = {
  type: 'designer.diff.fields.type',
  label: 'designer.fields.label',
  kind: 'designer.fields.triggerKind',
  cron: 'designer.fields.cron',
  timezone: 'designer.fields.timezone',
  message: 'designer.fields.scheduleMessage',
  systemPrompt: 'designer.fields.systemPrompt',
  prompt: 'designer.fields.prompt',
  model: 'designer.fields.model',
  temperature: 'designer.fields.temperature',
  maxTokens: 'designer.fields.maxTokens',
  tools: 'designer.fields.searchKnowledge',
  outputVariable: 'designer.fields.outputVariable',
  intents: 'designer.fields.intents',
  input: 'designer.fields.classifyInput',
  expression: 'designer.fields.expression',
  query: 'designer.fields.query',
  topK: 'designer.fields.topK',
  method: 'designer.fields.method',
  url: 'designer.fields.url',
  headers: 'designer.fields.headers',
  body: 'designer.fields.body',
  allowedHosts: 'designer.fields.allowedHosts',
  allowPrivateNetwork: 'designer.fields.allowPrivateNetwork',
  timeoutMs: 'designer.fields.timeoutMs',
  assignments: 'designer.fields.assignments',
  reason: 'designer.fields.reason',
  queue: 'designer.fields.queue',
  approverRole: 'designer.fields.approverRole',
  text: 'designer.fields.replyText',
};

function DiffSummary({
  diff,
  versionNumber,
  onClear,
  onShowNode,
}: {
  diff: FlowDiff;
  versionNumber: number;
  onClear(): void;
  onShowNode(nodeId: string): void;
}) {
  const { t } = useTranslation();
  const nodeName = (node: { id: string; type: string; label: string | null }) =>
    node.label || t(`designer.nodeTypes.${node.type}.name`, { defaultValue: node.type });
  const changed = diff.changedNodes.filter((node) => node.fields.some((field) => field !== 'position'));
  const movedCount = diff.changedNodes.length - changed.length;
  const fieldName = (field: string) => {
    const key = diffFieldKeys[field];
    return key ? t(key) : field;
  };
  const nothing =
    diff.addedNodes.length +
      diff.removedNodes.length +
      diff.changedNodes.length +
      diff.addedEdges.length +
      diff.removedEdges.length ===
    0;
  return (
    <section aria-labelledby="diff-title" className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2">
        <h3 id="diff-title" className="text-sm font-semibold text-slate-900">
          {t('designer.diff.title', { number: versionNumber })}
        </h3>
        <button
          type="button"
          onClick={onClear}
          aria-label={t('designer.diff.clear')}
          title={t('designer.diff.clear')}
          className="rounded-md p-1 text-slate-500 hover:bg-slate-200"
        >
          <X aria-hidden="true" className="size-4" />
        </button>
      </div>
      {nothing ? (
        <p className="mt-2 text-sm text-slate-600">{t('designer.diff.none')}</p>
      ) : (
        <div className="mt-2 flex flex-col gap-2 text-sm">
          <DiffList
            title={t('designer.diff.added', { count: diff.addedNodes.length })}
            tone="text-emerald-700"
          >
            {diff.addedNodes.map((node) => (
              <li key={node.id}>
                <button
                  type="button"
                  className="text-left text-slate-800 underline-offset-2 hover:underline"
                  onClick={() => onShowNode(node.id)}
                >
                  {nodeName(node)}
                </button>
              </li>
            ))}
          </DiffList>
          <DiffList title={t('designer.diff.changed', { count: changed.length })} tone="text-amber-700">
            {changed.map((node) => (
              <li key={node.id}>
                <button
                  type="button"
                  className="text-left text-slate-800 underline-offset-2 hover:underline"
                  onClick={() => onShowNode(node.id)}
                >
                  {nodeName(node)}
                </button>
                <span className="text-xs text-slate-500">
                  {' · '}
                  {node.fields
                    .filter((field) => field !== 'position')
                    .map(fieldName)
                    .join(', ')}
                </span>
              </li>
            ))}
          </DiffList>
          <DiffList
            title={t('designer.diff.removed', { count: diff.removedNodes.length })}
            tone="text-red-700"
          >
            {diff.removedNodes.map((node) => (
              <li key={node.id} className="text-slate-800">
                {nodeName(node)}
              </li>
            ))}
          </DiffList>
          {movedCount > 0 && (
            <p className="text-xs text-slate-600">{t('designer.diff.moved', { count: movedCount })}</p>
          )}
          {diff.addedEdges.length + diff.removedEdges.length > 0 && (
            <p className="text-xs text-slate-600">
              {t('designer.diff.edges', { added: diff.addedEdges.length, removed: diff.removedEdges.length })}
            </p>
          )}
          <p className="text-xs text-slate-500">{t('designer.diff.legend')}</p>
        </div>
      )}
    </section>
  );
}

function DiffList({ title, tone, children }: { title: string; tone: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <div>
      <p className={`text-xs font-semibold ${tone}`}>{title}</p>
      <ul className="mt-0.5 flex flex-col gap-0.5 pl-1">{children}</ul>
    </div>
  );
}
