import { ArrowRight, RefreshCw } from 'lucide-react';
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { historyRanges, type GuardianStatus, type HistoryRange, type MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { pagePaths } from '../../router/routes';
import { useGuardianStore } from '../../stores/guardian-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { ScoreRing } from '../../components/ScoreRing';
import { ActionHistory } from './ActionHistory';
import { ApprovalQueue } from './ApprovalQueue';
import { AutonomySettings } from './AutonomySettings';
import { ScoreChart } from './charts';
import { CheckList } from './CheckList';
import { countByStatus, scoreSeries, scoreTone, timeTickFormat } from './guardian-meta';
import { useGuardianActions } from './use-guardian-actions';

type History = MethodOutput<'guardian.history'>;

export default function GuardianPage({ actionId }: { actionId?: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { runChecks: mayRunChecks } = usePermissions();
  const status = useGuardianStore((state) => state.current);
  const error = useGuardianStore((state) => state.error);
  const load = useGuardianStore((state) => state.load);
  const runChecks = useGuardianStore((state) => state.runChecks);
  const showToast = useToastStore((state) => state.show);
  const [running, setRunning] = useState(false);
  const [range, setRange] = useState<HistoryRange>('24h');
  const history = useLoad<History>(() => transport.call('guardian.history', { range }), range);
  const actions = useGuardianActions();
  const { reload: reloadHistory } = history;

  useEffect(() => {
    void load();
  }, [load]);

  // a new status (a cycle, or "Run checks now") adds a point to the history
  const checkedAt = status?.checkedAt;
  useEffect(() => {
    if (checkedAt !== undefined) reloadHistory();
  }, [checkedAt, reloadHistory]);

  // opened from an incident's timeline: bring that action into view once the list is there
  const actionsLoaded = actions.data !== undefined && status !== null;
  useEffect(() => {
    if (!actionId || !actionsLoaded) return;
    const row = document.getElementById(`action-${actionId}`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus({ preventScroll: true });
  }, [actionId, actionsLoaded]);

  const run = async () => {
    setRunning(true);
    try {
      const next = await runChecks();
      showToast('success', t('guardian.checkedNow', { score: next.score }));
      actions.reload();
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('guardian.title')}
        description={t('guardian.description')}
        actions={
          mayRunChecks && (
            <Button
              variant="primary"
              busy={running}
              icon={<RefreshCw aria-hidden="true" className="size-4" />}
              onClick={() => void run()}
            >
              {running ? t('guardian.running') : t('guardian.runChecks')}
            </Button>
          )
        }
      />
      {!status && error ? (
        <Card>
          <ErrorState error={error} onRetry={() => void load()} />
        </Card>
      ) : !status ? (
        <Card>
          <LoadingState label={t('guardian.loading')} />
        </Card>
      ) : (
        <div className="flex flex-col gap-6">
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
            <ScoreCard status={status} />
            <HistoryCard
              className="lg:col-span-2"
              range={range}
              onRange={setRange}
              history={history.data}
              loading={history.loading}
              error={history.error}
              onRetry={history.reload}
            />
          </div>
          <ApprovalQueue
            proposed={actions.proposed}
            loading={actions.loading && !actions.data}
            error={actions.error}
            onRetry={actions.reload}
            onDecided={actions.replace}
            highlight={actionId}
          />
          <CheckList status={status} history={history.data} />
          <ActionHistory
            actions={actions.decided}
            loading={actions.loading && !actions.data}
            error={actions.error}
            onRetry={actions.reload}
            onChanged={actions.replace}
            highlight={actionId}
          />
          <AutonomySettings />
        </div>
      )}
    </>
  );
}

function ScoreCard({ status }: { status: GuardianStatus }) {
  const { t } = useTranslation();
  const { relative, dateTime, number } = useFormat();
  const now = useNow(10_000);
  const tone = scoreTone[status.status];
  const counts = countByStatus(status.checks);
  return (
    <Card title={t('guardian.score.title')} titleId="guardian-score-title">
      <div className="flex flex-col items-center gap-3 p-5">
        <ScoreRing
          score={status.score}
          tone={tone.ring}
          caption={t('health.outOf100')}
          label={t('health.scoreLabel', { score: status.score })}
        />
        <Badge tone={tone.badge}>{t(`health.status.${status.status}`)}</Badge>
        <p className="text-center text-sm text-slate-600">
          {counts.critical + counts.warn === 0
            ? t('guardian.score.allOk', { count: status.checks.length })
            : t('guardian.score.attention', {
                critical: number(counts.critical),
                warn: number(counts.warn),
              })}
        </p>
        <p className="text-xs text-slate-500">
          {t('guardian.score.checked')}{' '}
          <time dateTime={new Date(status.checkedAt).toISOString()} title={dateTime(status.checkedAt)}>
            {relative(status.checkedAt, now)}
          </time>
        </p>
      </div>
      <ul className="grid grid-cols-2 gap-3 border-t border-slate-100 p-4 text-sm">
        <CountLink
          href="#approvals"
          label={t('guardian.score.pendingApprovals')}
          value={status.pendingApprovals}
          alert={status.pendingApprovals > 0}
        />
        <CountLink
          href={pagePaths.incidents}
          label={t('guardian.score.openIncidents')}
          value={status.openIncidents}
          alert={status.openIncidents > 0}
        />
      </ul>
    </Card>
  );
}

export function CountLink({
  href,
  label,
  value,
  alert,
}: {
  href: string;
  label: string;
  value: number;
  alert: boolean;
}) {
  const { number } = useFormat();
  const onClick =
    href.startsWith('#') && !href.startsWith('#/')
      ? (event: MouseEvent) => {
          // an anchor on this page: scroll to it instead of changing the route
          event.preventDefault();
          const target = document.getElementById(href.slice(1));
          target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          target?.focus({ preventScroll: true });
        }
      : undefined;
  // a link per count (its name is the label and the number), in a list: a dl may not hold links around its terms
  return (
    <li className="flex min-w-0">
      <a
        href={href}
        onClick={onClick}
        className={cx(
          'group flex min-w-0 flex-1 flex-col rounded-lg px-3 py-2 ring-1 ring-inset',
          alert
            ? 'bg-amber-50 ring-amber-200 hover:bg-amber-100'
            : 'bg-slate-50 ring-slate-100 hover:bg-slate-100',
        )}
      >
        <span className="flex items-center justify-between gap-1 text-slate-600">
          {label}
          <ArrowRight aria-hidden="true" className="size-3.5 text-slate-400 group-hover:text-slate-700" />
        </span>
        <span
          className={cx('text-xl font-semibold tabular-nums', alert ? 'text-amber-800' : 'text-slate-900')}
        >
          {number(value)}
        </span>
      </a>
    </li>
  );
}

function HistoryCard({
  className,
  range,
  onRange,
  history,
  loading,
  error,
  onRetry,
}: {
  className?: string;
  range: HistoryRange;
  onRange(range: HistoryRange): void;
  history: History | undefined;
  loading: boolean;
  error: CallError | null;
  onRetry(): void;
}) {
  const { t, i18n } = useTranslation();
  const { number } = useFormat();
  const points = useMemo(() => (history ? scoreSeries(history) : []), [history]);
  const tick = useMemo(() => timeTickFormat(range, i18n.language), [range, i18n.language]);
  const scores = points.map((point) => point.score);
  const summary =
    points.length === 0
      ? ''
      : t('guardian.history.summary', {
          range: t(`guardian.history.ranges.${range}`),
          low: number(Math.min(...scores)),
          high: number(Math.max(...scores)),
          last: number(scores.at(-1) ?? 0),
        });
  return (
    <Card
      title={t('guardian.history.title')}
      titleId="guardian-history-title"
      className={className}
      actions={
        <div
          role="group"
          aria-label={t('guardian.history.range')}
          className="inline-flex rounded-md bg-slate-100 p-0.5 ring-1 ring-slate-200"
        >
          {historyRanges.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={option === range}
              onClick={() => onRange(option)}
              className={cx(
                'min-h-11 rounded px-2.5 py-1 text-xs font-semibold whitespace-nowrap md:min-h-0',
                option === range
                  ? 'bg-white text-slate-900 shadow-xs'
                  : 'text-slate-600 hover:text-slate-900',
              )}
            >
              {t(`guardian.history.short.${option}`)}
            </button>
          ))}
        </div>
      }
    >
      {error && !history ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : !history ? (
        <LoadingState label={t('guardian.history.loading')} />
      ) : points.length < 2 ? (
        <EmptyState title={t('guardian.history.empty')}>{t('guardian.history.emptyHint')}</EmptyState>
      ) : (
        <div aria-busy={loading || undefined} className={cx('p-4', loading && 'opacity-60')}>
          <ScoreChart
            points={points}
            label={summary}
            tick={tick}
            scoreLabel={(score) => t('guardian.history.scoreAt', { score: number(score) })}
          />
          <p className="mt-1 px-2 text-xs text-slate-500">
            {summary} · {t(`guardian.history.resolution.${history.resolution}`)}
          </p>
        </div>
      )}
    </Card>
  );
}
