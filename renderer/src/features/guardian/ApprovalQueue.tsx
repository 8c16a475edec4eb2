import { Check, ClipboardCheck, Siren, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import type { GuardianAction } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useNow } from '../../lib/use-now';
import { useSubmit } from '../../lib/use-submit';
import { incidentPath } from '../../router/routes';
import { useGuardianStore } from '../../stores/guardian-store';
import { useToastStore } from '../../stores/toast-store';
import { transport, type CallError } from '../../transport';
import { checkIcon } from './CheckList';
import { useGuardianText } from './guardian-text';

/** What the Guardian wants to do and is waiting for a person to decide. */
export function ApprovalQueue({
  proposed,
  loading,
  error,
  onRetry,
  onDecided,
  highlight,
}: {
  proposed: GuardianAction[];
  highlight?: string | undefined;
  loading: boolean;
  error: CallError | null;
  onRetry(): void;
  onDecided(action: GuardianAction): void;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { decideGuardian } = usePermissions();
  const [deciding, setDeciding] = useState<{ action: GuardianAction; approve: boolean } | null>(null);
  return (
    <div id="approvals" tabIndex={-1} className="scroll-mt-6 outline-none">
      <Card
        title={
          <span className="flex items-center gap-2">
            {t('guardian.queue.title')}
            {proposed.length > 0 && <Badge tone="accent">{number(proposed.length)}</Badge>}
          </span>
        }
        titleId="guardian-queue-title"
      >
        {error && proposed.length === 0 ? (
          <ErrorState error={error} onRetry={onRetry} />
        ) : loading ? (
          <LoadingState label={t('guardian.queue.loading')} />
        ) : proposed.length === 0 ? (
          <EmptyState icon={ClipboardCheck} title={t('guardian.queue.empty')}>
            {t('guardian.queue.emptyHint')}
          </EmptyState>
        ) : (
          <>
            {!decideGuardian && (
              <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
                {t('guardian.queue.adminsDecide')}
              </p>
            )}
            <ul aria-label={t('guardian.queue.listLabel')} className="divide-y divide-slate-100">
              {proposed.map((action) => (
                <Proposal
                  key={action.id}
                  action={action}
                  canDecide={decideGuardian}
                  highlighted={action.id === highlight}
                  onDecide={(approve) => setDeciding({ action, approve })}
                />
              ))}
            </ul>
          </>
        )}
      </Card>
      <DecideDialog
        deciding={deciding}
        onClose={() => setDeciding(null)}
        onDecided={(action) => {
          onDecided(action);
          void useGuardianStore.getState().load();
        }}
      />
    </div>
  );
}

function Proposal({
  action,
  canDecide,
  highlighted,
  onDecide,
}: {
  action: GuardianAction;
  canDecide: boolean;
  highlighted: boolean;
  onDecide(approve: boolean): void;
}) {
  const { t } = useTranslation();
  const { relative, dateTime } = useFormat();
  const now = useNow();
  const text = useGuardianText();
  const title = t('guardian.queue.proposalTitle', {
    strategy: text.strategy(action.strategy),
    target: text.target(action),
  });
  return (
    <li
      id={`action-${action.id}`}
      tabIndex={-1}
      aria-label={title}
      className={cx('px-5 py-4 outline-none', highlighted && 'bg-indigo-50/60')}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-slate-900">{title}</h3>
          <p className="mt-0.5 text-xs text-slate-500">
            {t('guardian.queue.proposed')}{' '}
            <time dateTime={new Date(action.createdAt).toISOString()} title={dateTime(action.createdAt)}>
              {relative(action.createdAt, now)}
            </time>
            {action.incidentId && (
              <>
                {' · '}
                <a
                  href={incidentPath(action.incidentId)}
                  className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline"
                >
                  <Siren aria-hidden="true" className="size-3.5" />
                  {t('guardian.actions.incident')}
                </a>
              </>
            )}
          </p>
        </div>
        {canDecide && (
          <div className="flex gap-2">
            <Button
              variant="primary"
              size="sm"
              icon={<Check aria-hidden="true" className="size-4" />}
              aria-label={t('guardian.queue.approveNamed', { name: title })}
              onClick={() => onDecide(true)}
            >
              {t('guardian.queue.approve')}
            </Button>
            <Button
              size="sm"
              icon={<X aria-hidden="true" className="size-4" />}
              aria-label={t('guardian.queue.rejectNamed', { name: title })}
              onClick={() => onDecide(false)}
            >
              {t('guardian.queue.reject')}
            </Button>
          </div>
        )}
      </div>
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        <div className="text-sm">
          <p className="font-medium text-slate-900">{text.summary(action)}</p>
          {action.plan.steps.length > 0 && (
            <>
              <h4 className="mt-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                {t('guardian.queue.steps')}
              </h4>
              <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-slate-700">
                {text.steps(action).map((step, index) => (
                  <li key={index}>{step}</li>
                ))}
              </ol>
            </>
          )}
          <h4 className="mt-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {t('guardian.queue.reason')}
          </h4>
          <p className="mt-1 text-slate-700">{text.reason(action)}</p>
        </div>
        <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-100">
          <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {t('guardian.queue.evidence')}
          </h4>
          {action.evidence.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">{t('guardian.queue.noEvidence')}</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-200/70">
              {action.evidence.map((check, index) => {
                const { icon: Icon, className } = checkIcon[check.status];
                const value = text.value(check);
                return (
                  <li key={index} className="flex items-start gap-2 py-1.5 text-sm">
                    <Icon aria-hidden="true" className={cx('mt-0.5 size-4 shrink-0', className)} />
                    <span className="min-w-0 flex-1">
                      <span className="font-medium text-slate-900">{text.checkLabel(check)}</span>
                      <span className="sr-only"> {t(`health.checkStatus.${check.status}`)}</span>
                      {value !== null && <span className="text-slate-700 tabular-nums"> · {value}</span>}
                      <span className="block text-slate-600">{text.message(check)}</span>
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
    </li>
  );
}

function DecideDialog({
  deciding,
  onClose,
  onDecided,
}: {
  deciding: { action: GuardianAction; approve: boolean } | null;
  onClose(): void;
  onDecided(action: GuardianAction): void;
}) {
  const { t } = useTranslation();
  const text = useGuardianText();
  const [busy, setBusy] = useState(false);
  const action = deciding?.action;
  const name = action ? text.strategy(action.strategy) : '';
  const target = action ? text.target(action) : '';
  return (
    <Dialog
      open={deciding !== null}
      onOpenChange={(open) => !open && onClose()}
      locked={busy}
      title={
        deciding?.approve
          ? t('guardian.decide.approveTitle', { strategy: name, target })
          : t('guardian.decide.rejectTitle', { strategy: name, target })
      }
      description={
        deciding?.approve
          ? t('guardian.decide.approveDescription', { summary: action ? text.summary(action) : '' })
          : t('guardian.decide.rejectDescription')
      }
    >
      {deciding && (
        <DecideForm
          key={`${deciding.action.id}:${deciding.approve}`}
          action={deciding.action}
          approve={deciding.approve}
          onBusy={setBusy}
          onClose={onClose}
          onDecided={onDecided}
        />
      )}
    </Dialog>
  );
}

function DecideForm({
  action,
  approve,
  onBusy,
  onClose,
  onDecided,
}: {
  action: GuardianAction;
  approve: boolean;
  onBusy(busy: boolean): void;
  onClose(): void;
  onDecided(action: GuardianAction): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const text = useGuardianText();
  const showToast = useToastStore((state) => state.show);
  const [comment, setComment] = useState('');
  const submit = useSubmit(async () => {
    onBusy(true);
    try {
      const decided = await transport.call(approve ? 'guardian.approve' : 'guardian.reject', {
        actionId: action.id,
        comment: comment.trim(),
      });
      onDecided(decided);
      const strategy = text.strategy(action.strategy);
      showToast(
        decided.status === 'failed' ? 'error' : 'success',
        approve
          ? decided.status === 'failed'
            ? t('guardian.decide.failed', { strategy, outcome: text.outcome(decided) ?? '' })
            : t('guardian.decide.approved', { strategy })
          : t('guardian.decide.rejected', { strategy }),
      );
      onClose();
    } finally {
      onBusy(false);
    }
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error, { CONFLICT: t('guardian.decide.conflict') })}
        </Alert>
      )}
      {approve && action.plan.steps.length > 0 && (
        <ol className="list-decimal space-y-0.5 rounded-lg bg-slate-50 py-3 pr-4 pl-9 text-sm text-slate-700 ring-1 ring-slate-100">
          {text.steps(action).map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
      )}
      <TextAreaField
        label={t('guardian.decide.comment')}
        optional={t('common.optional')}
        hint={approve ? t('guardian.decide.commentHintApprove') : t('guardian.decide.commentHintReject')}
        value={comment}
        maxLength={1000}
        onChange={(event) => setComment(event.target.value)}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant={approve ? 'primary' : 'danger'} busy={submit.busy}>
          {approve ? t('guardian.decide.approveConfirm') : t('guardian.decide.rejectConfirm')}
        </Button>
      </DialogActions>
    </form>
  );
}
