import {
  ArrowLeft,
  Ban,
  Check,
  ChevronRight,
  CircleHelp,
  RotateCw,
  ThumbsDown,
  ThumbsUp,
} from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import type { NodeType, RunStep, RunStepStatus, RunSummary } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { useSubmit } from '../../lib/use-submit';
import { agentPath, pagePaths, runPath } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useProvidersStore } from '../../stores/providers-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport } from '../../transport';
import { stepModelLabel } from '../agents/models';
import { nodeVisuals } from '../designer/node-visuals';
import { formatDuration } from './money';
import { useMoney } from '../../i18n/use-money';
import { isRunOpen, runDuration, runStatusTone } from './run-status';
import { useMessageText } from '../../i18n/message';

const pollMs = 2_000;

function mergeSteps(steps: RunStep[], incoming: RunStep[]): RunStep[] {
  const bySeq = new Map(steps.map((step) => [step.seq, step]));
  for (const step of incoming) bySeq.set(step.seq, step);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

interface RunWithSteps {
  run: RunSummary;
  steps: RunStep[];
}

export function RunDetailPage({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const ensureProviders = useProvidersStore((state) => state.ensure);
  const loaded = useLoad<RunWithSteps>(() => transport.call('runs.get', { runId }), runId);
  const { update, reload } = loaded;

  useEffect(() => {
    void ensureProviders();
  }, [ensureProviders]);

  // live: steps and the end arrive as events; a slow poll covers a closed event stream
  const open = loaded.data ? isRunOpen(loaded.data.run.status) : false;
  useEffect(() => {
    const offStep = transport.on('run.step', (payload) => {
      if (payload.runId !== runId) return;
      update((current) => ({
        run: current.run.status === 'queued' ? { ...current.run, status: 'running' } : current.run,
        steps: mergeSteps(current.steps, [payload.step]),
      }));
    });
    const offFinished = transport.on('run.finished', (payload) => {
      if (payload.id !== runId) return;
      update((current) => ({ ...current, run: payload }));
      reload();
    });
    return () => {
      offStep();
      offFinished();
    };
  }, [runId, update, reload]);
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => {
      transport.call('runs.get', { runId }).then(
        (answer) =>
          update((current) => ({ run: answer.run, steps: mergeSteps(current.steps, answer.steps) })),
        () => undefined,
      );
    }, pollMs);
    return () => clearInterval(timer);
  }, [open, runId, update]);

  if (loaded.error && !loaded.data) {
    return (
      <>
        <PageHeader title={t('run.title')} />
        <Card>
          <ErrorState error={loaded.error} onRetry={reload} />
        </Card>
      </>
    );
  }
  if (!loaded.data) return <LoadingState label={t('run.loading')} />;
  return (
    <RunView
      run={loaded.data.run}
      steps={loaded.data.steps}
      onChanged={(next) => update((current) => ({ ...current, run: next }))}
    />
  );
}

function RunView({
  run,
  steps,
  onChanged,
}: {
  run: RunSummary;
  steps: RunStep[];
  onChanged(run: RunSummary): void;
}) {
  const { t, i18n } = useTranslation();
  const { dateTimeSeconds, number } = useFormat();
  const money = useMoney();
  const message = useErrorMessage();
  const say = useMessageText();
  const { editAgents } = usePermissions();
  const showToast = useToastStore((state) => state.show);
  const now = useNow(1_000);
  const [cancelling, setCancelling] = useState(false);
  const [deciding, setDeciding] = useState<null | boolean>(null);
  const [replaying, setReplaying] = useState(false);
  const duration = runDuration(run, now);
  const open = isRunOpen(run.status);

  const replay = async () => {
    setReplaying(true);
    try {
      // a test run replays the very draft it ran; other runs replay the live version
      const draft =
        run.trigger === 'test' ? (await transport.call('runs.get', { runId: run.id })).draft : null;
      const next = await transport.call('agents.run', {
        agentId: run.agentId,
        input: run.input,
        wait: false,
        ...(draft ? { draft } : {}),
      });
      showToast('success', t('run.replayed'));
      navigate(runPath(next.id));
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
    } finally {
      setReplaying(false);
    }
  };

  return (
    <>
      <a
        href={pagePaths.runs}
        className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-slate-600 hover:text-slate-900"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t('run.back')}
      </a>
      <PageHeader
        title={t('run.titleOf', { agent: run.agentName })}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={runStatusTone[run.status]}>{t(`runs.status.${run.status}`)}</Badge>
            <span>{t(`runs.trigger.${run.trigger}`)}</span>
            <span aria-hidden="true">·</span>
            <a href={agentPath(run.agentId)} className="font-medium text-indigo-700 hover:underline">
              {run.agentName}
            </a>
            <span>
              {run.versionNumber === null
                ? t('runs.draft')
                : t('runs.version', { number: run.versionNumber })}
            </span>
            <span aria-hidden="true">·</span>
            <time dateTime={new Date(run.createdAt).toISOString()}>{dateTimeSeconds(run.createdAt)}</time>
          </span>
        }
        actions={
          editAgents && (
            <>
              {open && (
                <Button
                  variant="danger"
                  icon={<Ban aria-hidden="true" className="size-4" />}
                  onClick={() => setCancelling(true)}
                >
                  {t('run.cancel')}
                </Button>
              )}
              <Button
                busy={replaying}
                icon={<RotateCw aria-hidden="true" className="size-4" />}
                onClick={() => void replay()}
              >
                {t('run.replay')}
              </Button>
            </>
          )
        }
      />

      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat
          label={t('run.stats.duration')}
          value={duration === null ? '—' : formatDuration(duration, i18n.language)}
          live={open}
        />
        <Stat label={t('run.stats.steps')} value={number(steps.length)} />
        <Stat
          label={t('run.stats.tokens')}
          value={number(run.tokensIn + run.tokensOut)}
          detail={t('run.stats.tokensDetail', { in: number(run.tokensIn), out: number(run.tokensOut) })}
        />
        <Stat
          label={t('run.stats.cost')}
          value={money.cost(run.costMicros)}
          detail={money.fromUsd(run.costMicros) ?? undefined}
        />
      </dl>

      {run.status === 'waiting' && run.waitingFor && (
        <Alert
          tone="warning"
          className="mb-6"
          title={t('run.waiting.title', { role: t(`roles.${run.waitingFor.approverRole}`) })}
          action={
            editAgents && (
              <div className="flex gap-2">
                <Button
                  size="sm"
                  variant="primary"
                  icon={<ThumbsUp aria-hidden="true" className="size-4" />}
                  onClick={() => setDeciding(true)}
                >
                  {t('run.waiting.approve')}
                </Button>
                <Button
                  size="sm"
                  icon={<ThumbsDown aria-hidden="true" className="size-4" />}
                  onClick={() => setDeciding(false)}
                >
                  {t('run.waiting.reject')}
                </Button>
              </div>
            )
          }
        >
          {run.waitingFor.prompt}
        </Alert>
      )}
      {run.error && (
        <Alert
          tone="error"
          className="mb-6"
          title={run.errorCode ? t(`run.errorCodes.${run.errorCode}`) : t('run.failed')}
        >
          {run.errorMessage ? say(run.errorMessage, run.error) : run.error}
        </Alert>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title={t('run.timeline')} titleId="run-timeline" className="lg:col-span-2">
          {steps.length === 0 ? (
            open ? (
              <LoadingState label={t('run.startingUp')} />
            ) : (
              <EmptyState icon={CircleHelp} title={t('run.noSteps')} />
            )
          ) : (
            <Timeline run={run} steps={steps} now={now} />
          )}
        </Card>
        <div className="flex flex-col gap-6">
          <Card title={t('run.input')} titleId="run-input" bodyClassName="p-5 text-sm">
            {run.input.message ? (
              <p className="rounded-2xl rounded-br-sm bg-indigo-600 px-3 py-2 whitespace-pre-wrap text-white">
                {run.input.message}
              </p>
            ) : (
              <p className="text-slate-500">{t('run.noMessage')}</p>
            )}
            {run.input.history && run.input.history.length > 0 && (
              <p className="mt-2 text-xs text-slate-500">
                {t('run.history', { count: run.input.history.length })}
              </p>
            )}
            {run.input.data && Object.keys(run.input.data).length > 0 && (
              <JsonBlock label={t('run.data')} value={run.input.data} />
            )}
          </Card>
          <Card title={t('run.replies')} titleId="run-replies" bodyClassName="p-5 text-sm">
            {run.replies.length === 0 ? (
              <p className="text-slate-500">{open ? t('run.repliesPending') : t('run.noReplies')}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {run.replies.map((reply, index) => (
                  <li
                    key={index}
                    className="rounded-2xl rounded-bl-sm bg-slate-100 px-3 py-2 whitespace-pre-wrap text-slate-900"
                  >
                    {reply}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>

      <ConfirmDialog
        open={cancelling}
        onOpenChange={setCancelling}
        title={t('run.confirmCancel.title')}
        description={t('run.confirmCancel.description')}
        confirmLabel={t('run.confirmCancel.confirm')}
        onConfirm={async () => {
          onChanged(await transport.call('agents.cancelRun', { runId: run.id }));
          showToast('success', t('run.confirmCancel.done'));
        }}
      />
      <DecideDialog
        approved={deciding}
        prompt={run.waitingFor?.prompt ?? ''}
        onClose={() => setDeciding(null)}
        onDecide={async (approved, comment) => {
          onChanged(await transport.call('runs.decide', { runId: run.id, approved, comment }));
          showToast('success', approved ? t('run.waiting.approved') : t('run.waiting.rejected'));
        }}
      />
    </>
  );
}

function Stat({
  label,
  value,
  detail,
  live,
}: {
  label: string;
  value: string;
  detail?: string;
  live?: boolean;
}) {
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200">
      <dt className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
        {label}
        {live && <span className="size-1.5 animate-pulse rounded-full bg-sky-500" aria-hidden="true" />}
      </dt>
      <dd className="mt-0.5 text-xl font-semibold text-slate-900 tabular-nums">{value}</dd>
      {detail && <dd className="text-xs text-slate-500">{detail}</dd>}
    </div>
  );
}

const stepTone: Record<RunStepStatus, BadgeTone> = { ok: 'success', error: 'danger', waiting: 'warning' };

function Timeline({ run, steps, now }: { run: RunSummary; steps: RunStep[]; now: number }) {
  const { t, i18n } = useTranslation();
  const say = useMessageText();
  const { number } = useFormat();
  const money = useMoney();
  const providers = useProvidersStore((state) => state.providers);
  const start = run.startedAt ?? steps[0]?.startedAt ?? run.createdAt;
  const end = Math.max(
    run.finishedAt ?? now,
    ...steps.map((step) => step.startedAt + step.durationMs),
    start + 1,
  );
  const span = end - start;
  return (
    <ol aria-label={t('run.timeline')} className="divide-y divide-slate-100">
      {steps.map((step) => {
        const visual = nodeVisuals[step.nodeType as NodeType];
        const Icon = visual?.icon ?? ChevronRight;
        const offset = Math.max(0, step.startedAt - start);
        const left = Math.min(100, (offset / span) * 100);
        const width = Math.max(0.8, Math.min(100 - left, (step.durationMs / span) * 100));
        const name =
          step.label || t(`designer.nodeTypes.${step.nodeType}.name`, { defaultValue: step.nodeType });
        return (
          <li key={step.seq} className="px-5 py-3">
            <div className="flex items-start gap-3">
              <span
                className={cx(
                  'flex size-8 shrink-0 items-center justify-center rounded-md',
                  visual?.tile ?? 'bg-slate-100 text-slate-600',
                )}
              >
                <Icon aria-hidden="true" className="size-4" />
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-medium text-slate-900">{name}</span>
                  {step.label && (
                    <span className="text-xs text-slate-500">
                      {t(`designer.nodeTypes.${step.nodeType}.name`, { defaultValue: step.nodeType })}
                    </span>
                  )}
                  <Badge tone={stepTone[step.status]}>
                    {step.status === 'ok' && <Check aria-hidden="true" className="size-3" />}
                    {t(`run.stepStatus.${step.status}`)}
                  </Badge>
                  {step.attempts > 1 && (
                    <Badge tone="warning">{t('run.attempts', { count: step.attempts })}</Badge>
                  )}
                </div>
                <div className="mt-2 flex items-center gap-3">
                  <div
                    className="relative h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
                    role="img"
                    aria-label={t('run.bar', {
                      offset: formatDuration(offset, i18n.language),
                      duration: formatDuration(step.durationMs, i18n.language),
                    })}
                  >
                    <span
                      className={cx(
                        'absolute inset-y-0 rounded-full',
                        step.status === 'error'
                          ? 'bg-red-500'
                          : step.status === 'waiting'
                            ? 'bg-amber-400'
                            : 'bg-indigo-500',
                      )}
                      style={{ left: `${left}%`, width: `${width}%` }}
                    />
                  </div>
                  <span className="w-36 shrink-0 text-right text-xs text-slate-600 tabular-nums">
                    +{formatDuration(offset, i18n.language)} ·{' '}
                    {formatDuration(step.durationMs, i18n.language)}
                  </span>
                </div>
                <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
                  {step.model && <span>{stepModelLabel(t, step.model, providers)}</span>}
                  {step.tokensIn + step.tokensOut > 0 && (
                    <span>{t('run.tokens', { in: number(step.tokensIn), out: number(step.tokensOut) })}</span>
                  )}
                  {step.costMicros > 0 && (
                    <span title={money.fromUsd(step.costMicros) ?? undefined}>
                      {money.cost(step.costMicros)}
                    </span>
                  )}
                </p>
                {step.noteMessages.length > 0 && (
                  <ul className="mt-1.5 flex flex-col gap-0.5 text-xs text-amber-800">
                    {step.noteMessages.map((note, index) => (
                      <li key={index}>• {say(note, step.notes[index])}</li>
                    ))}
                  </ul>
                )}
                {step.error && (
                  <p className="mt-1.5 text-sm text-red-700">
                    {step.errorMessage ? say(step.errorMessage, step.error) : step.error}
                  </p>
                )}
                <details className="group mt-2">
                  <summary className="inline-flex cursor-pointer items-center gap-1 rounded text-xs font-medium text-indigo-700 select-none">
                    <ChevronRight
                      aria-hidden="true"
                      className="size-3.5 transition-transform group-open:rotate-90"
                    />
                    {t('run.details')}
                  </summary>
                  <div className="mt-2 grid gap-2 md:grid-cols-2">
                    <JsonBlock label={t('run.stepInput')} value={step.input} />
                    <JsonBlock label={t('run.stepOutput')} value={step.output} />
                  </div>
                </details>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

const jsonLimit = 20_000;

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const text = value === undefined ? '' : (JSON.stringify(value, null, 2) ?? '');
  return (
    <div className="min-w-0">
      <p className="mb-1 text-xs font-medium text-slate-500">{label}</p>
      <pre className="max-h-64 overflow-auto rounded-md bg-slate-900 p-2.5 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-slate-100">
        {text.length > jsonLimit ? `${text.slice(0, jsonLimit)}\n…` : text || 'null'}
      </pre>
    </div>
  );
}

function DecideDialog({
  approved,
  prompt,
  onClose,
  onDecide,
}: {
  approved: boolean | null;
  prompt: string;
  onClose(): void;
  onDecide(approved: boolean, comment: string): Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={approved !== null}
      onOpenChange={(open) => !open && onClose()}
      title={approved ? t('run.waiting.approveTitle') : t('run.waiting.rejectTitle')}
      description={prompt}
      size="sm"
    >
      {approved !== null && <DecideForm approved={approved} onClose={onClose} onDecide={onDecide} />}
    </Dialog>
  );
}

function DecideForm({
  approved,
  onClose,
  onDecide,
}: {
  approved: boolean;
  onClose(): void;
  onDecide(approved: boolean, comment: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [comment, setComment] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const submit = useSubmit(async () => {
    await onDecide(approved, comment.trim());
    onClose();
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit.run();
      }}
      className="flex flex-col gap-4"
    >
      {submit.error && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextAreaField
        ref={field}
        label={t('run.waiting.comment')}
        optional={t('common.optional')}
        rows={3}
        maxLength={1000}
        autoFocus
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant={approved ? 'primary' : 'danger'} busy={submit.busy}>
          {approved ? t('run.waiting.approve') : t('run.waiting.reject')}
        </Button>
      </DialogActions>
    </form>
  );
}
