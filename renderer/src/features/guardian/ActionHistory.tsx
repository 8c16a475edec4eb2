import { History, Siren, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import type { GuardianAction } from '../../contract';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useNow } from '../../lib/use-now';
import { incidentPath } from '../../router/routes';
import { useToastStore } from '../../stores/toast-store';
import { transport, type CallError } from '../../transport';
import { actionStatusTone } from './guardian-meta';
import { useGuardianText } from './guardian-text';

/** What the Guardian did (or was told not to), newest first, with a way back for what can be undone. */
export function ActionHistory({
  actions,
  loading,
  error,
  onRetry,
  onChanged,
  highlight,
}: {
  actions: GuardianAction[];
  highlight?: string | undefined;
  loading: boolean;
  error: CallError | null;
  onRetry(): void;
  onChanged(action: GuardianAction): void;
}) {
  const { t } = useTranslation();
  const { relative, dateTime } = useFormat();
  const now = useNow();
  const text = useGuardianText();
  const { decideGuardian } = usePermissions();
  const showToast = useToastStore((state) => state.show);
  const [rollingBack, setRollingBack] = useState<GuardianAction | null>(null);

  return (
    <Card title={t('guardian.actions.title')} titleId="guardian-actions-title">
      {error && actions.length === 0 ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : loading ? (
        <LoadingState label={t('guardian.actions.loading')} />
      ) : actions.length === 0 ? (
        <EmptyState icon={History} title={t('guardian.actions.empty')}>
          {t('guardian.actions.emptyHint')}
        </EmptyState>
      ) : (
        <ResponsiveTable
          label={t('guardian.actions.tableLabel')}
          rows={actions}
          rowKey={(action) => action.id}
          rowId={(action) => `action-${action.id}`}
          rowClassName={(action) => cx('align-top', action.id === highlight && 'bg-indigo-50/60')}
          columns={[
            {
              key: 'when',
              header: t('guardian.actions.columns.when'),
              className: 'whitespace-nowrap text-slate-700',
              cell: (action) => {
                const at = action.appliedAt ?? action.decidedAt ?? action.createdAt;
                return (
                  <time dateTime={new Date(at).toISOString()} title={dateTime(at)}>
                    {relative(at, now)}
                  </time>
                );
              },
            },
            {
              key: 'action',
              header: t('guardian.actions.columns.action'),
              className: 'max-w-md',
              phone: 'title',
              cell: (action) => (
                <>
                  <p className="font-medium text-slate-900">{text.strategy(action.strategy)}</p>
                  <p className="text-sm text-slate-600">{text.target(action)}</p>
                  <p className="mt-1 text-sm text-slate-600">
                    {text.outcome(action) ?? text.summary(action)}
                  </p>
                  {action.incidentId && (
                    <a
                      href={incidentPath(action.incidentId)}
                      className="mt-1 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-indigo-700 hover:underline md:min-h-0"
                    >
                      <Siren aria-hidden="true" className="size-3.5" />
                      {t('guardian.actions.incident')}
                    </a>
                  )}
                </>
              ),
            },
            {
              key: 'status',
              header: t('fields.status'),
              phone: 'badges',
              cell: (action) => (
                <Badge tone={actionStatusTone[action.status]}>
                  {t(`guardian.actionStatus.${action.status}`)}
                </Badge>
              ),
            },
            {
              key: 'decision',
              header: t('guardian.actions.columns.decision'),
              className: 'text-sm text-slate-600',
              cell: (action) => (
                <>
                  {action.mode === 'automatic' && !action.decidedBy
                    ? t('guardian.actions.automatic')
                    : action.decidedBy
                      ? t('guardian.actions.decidedBy', { name: action.decidedBy })
                      : '—'}
                  {action.comment && (
                    <span className="mt-0.5 block text-slate-500 italic">“{action.comment}”</span>
                  )}
                  {action.rolledBackAt && (
                    <span className="mt-0.5 block text-slate-500">
                      {t('guardian.actions.rolledBackAt', { time: dateTime(action.rolledBackAt) })}
                    </span>
                  )}
                </>
              ),
            },
            {
              key: 'actions',
              header: <span className="sr-only">{t('common.actions')}</span>,
              className: 'text-right whitespace-nowrap',
              phone: 'actions',
              cell: (action) =>
                decideGuardian &&
                action.canRollBack && (
                  <Button
                    size="sm"
                    icon={<Undo2 aria-hidden="true" className="size-4" />}
                    aria-label={t('guardian.actions.rollBackNamed', {
                      name: `${text.strategy(action.strategy)} · ${text.target(action)}`,
                    })}
                    onClick={() => setRollingBack(action)}
                  >
                    {t('guardian.actions.rollBack')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        open={rollingBack !== null}
        onOpenChange={(open) => !open && setRollingBack(null)}
        title={
          rollingBack
            ? t('guardian.rollBack.title', {
                strategy: text.strategy(rollingBack.strategy),
                target: text.target(rollingBack),
              })
            : ''
        }
        description={rollingBack ? text.undo(rollingBack) : ''}
        confirmLabel={t('guardian.rollBack.confirm')}
        errorOverrides={{ CONFLICT: t('guardian.rollBack.conflict') }}
        onConfirm={async () => {
          if (!rollingBack) return;
          const changed = await transport.call('guardian.rollback', {
            actionId: rollingBack.id,
            comment: '',
          });
          onChanged(changed);
          showToast('success', t('guardian.rollBack.done', { strategy: text.strategy(changed.strategy) }));
        }}
      />
    </Card>
  );
}
