import { History, Siren, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
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
        <Table label={t('guardian.actions.tableLabel')}>
          <thead>
            <tr>
              <Th>{t('guardian.actions.columns.when')}</Th>
              <Th>{t('guardian.actions.columns.action')}</Th>
              <Th>{t('fields.status')}</Th>
              <Th>{t('guardian.actions.columns.decision')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody>
            {actions.map((action) => {
              const at = action.appliedAt ?? action.decidedAt ?? action.createdAt;
              const name = `${text.strategy(action.strategy)} · ${text.target(action)}`;
              return (
                <tr
                  key={action.id}
                  id={`action-${action.id}`}
                  tabIndex={-1}
                  className={cx(
                    'align-top outline-none hover:bg-slate-50/60',
                    action.id === highlight && 'bg-indigo-50/60',
                  )}
                >
                  <Td className="whitespace-nowrap text-slate-700">
                    <time dateTime={new Date(at).toISOString()} title={dateTime(at)}>
                      {relative(at, now)}
                    </time>
                  </Td>
                  <Td className="max-w-md">
                    <p className="font-medium text-slate-900">{text.strategy(action.strategy)}</p>
                    <p className="text-sm text-slate-600">{text.target(action)}</p>
                    <p className="mt-1 text-sm text-slate-600">
                      {text.outcome(action) ?? text.summary(action)}
                    </p>
                    {action.incidentId && (
                      <a
                        href={incidentPath(action.incidentId)}
                        className="mt-1 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline"
                      >
                        <Siren aria-hidden="true" className="size-3.5" />
                        {t('guardian.actions.incident')}
                      </a>
                    )}
                  </Td>
                  <Td>
                    <Badge tone={actionStatusTone[action.status]}>
                      {t(`guardian.actionStatus.${action.status}`)}
                    </Badge>
                  </Td>
                  <Td className="text-sm text-slate-600">
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
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    {decideGuardian && action.canRollBack && (
                      <Button
                        size="sm"
                        icon={<Undo2 aria-hidden="true" className="size-4" />}
                        aria-label={t('guardian.actions.rollBackNamed', { name })}
                        onClick={() => setRollingBack(action)}
                      >
                        {t('guardian.actions.rollBack')}
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
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
