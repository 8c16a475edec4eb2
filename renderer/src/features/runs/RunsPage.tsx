import { Activity, Coins } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { ViewLink, ViewLinks } from '../../components/ViewLinks';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { runStatuses, type MethodInput, type RunStatus, type RunSummary } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { pagePaths, runPath } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useAgentsStore } from '../../stores/agents-store';
import { toCallError, transport, type CallError } from '../../transport';
import { CostsView } from './CostsView';
import { DateInput, FilterField } from '../../components/FilterField';
import { formatDuration } from './money';
import { useMoney } from '../../i18n/use-money';
import { MoneyNote } from '../../components/MoneyNote';
import { dayEnd, dayStart, runDuration, runStatusTone } from './run-status';

const pageSize = 50;

export interface RunFilters {
  agentId: string;
  status: '' | RunStatus;
  from: string;
  to: string;
}

export function RunsPage({ view, agentId }: { view: 'runs' | 'costs'; agentId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('runs.title')} description={t('runs.description')} />
      <ViewLinks label={t('runs.views')}>
        <ViewLink
          href={pagePaths.runs}
          current={view === 'runs'}
          icon={<Activity aria-hidden="true" className="size-4" />}
        >
          {t('runs.tabs.runs')}
        </ViewLink>
        <ViewLink
          href={pagePaths.costs}
          current={view === 'costs'}
          icon={<Coins aria-hidden="true" className="size-4" />}
        >
          {t('runs.tabs.costs')}
        </ViewLink>
      </ViewLinks>
      {view === 'runs' ? <RunList key={agentId ?? ''} initialAgentId={agentId ?? ''} /> : <CostsView />}
    </>
  );
}

function query(filters: RunFilters): MethodInput<'runs.list'> {
  const from = dayStart(filters.from);
  const to = dayEnd(filters.to);
  return {
    ...(filters.agentId ? { agentId: filters.agentId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    limit: pageSize,
  };
}

function matches(run: RunSummary, filters: RunFilters): boolean {
  const q = query(filters);
  return (
    (!q.agentId || run.agentId === q.agentId) &&
    (!q.status || run.status === q.status) &&
    (q.from === undefined || run.createdAt >= q.from) &&
    (q.to === undefined || run.createdAt <= q.to)
  );
}

function RunList({ initialAgentId }: { initialAgentId: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const agents = useAgentsStore((state) => state.agents);
  const agentsStatus = useAgentsStore((state) => state.status);
  const loadAgents = useAgentsStore((state) => state.load);
  const [filters, setFilters] = useState<RunFilters>({
    agentId: initialAgentId,
    status: '',
    from: '',
    to: '',
  });
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<CallError | null>(null);
  const filtersKey = JSON.stringify(filters);
  const keyRef = useRef(filtersKey);
  const filtersRef = useRef(filters);
  useEffect(() => {
    keyRef.current = filtersKey;
    filtersRef.current = filters;
  });
  const list = useLoad(() => transport.call('runs.list', query(filters)), filtersKey);
  const { update } = list;
  const runs = list.data?.runs ?? [];
  const nextBefore = list.data?.nextBefore ?? null;
  const status = list.error ? 'error' : list.loading ? 'loading' : 'ready';
  const now = useNow(5_000);
  const ids = { agent: useId(), status: useId(), from: useId(), to: useId() };

  useEffect(() => {
    if (agentsStatus === 'idle') void loadAgents();
  }, [agentsStatus, loadAgents]);

  useEffect(() => {
    const upsert = (run: RunSummary) =>
      update((page) => ({
        ...page,
        runs: page.runs.some((r) => r.id === run.id)
          ? page.runs.map((r) => (r.id === run.id ? run : r))
          : matches(run, filtersRef.current)
            ? [run, ...page.runs]
            : page.runs,
      }));
    const offFinished = transport.on('run.finished', upsert);
    const offStep = transport.on('run.step', ({ runId }) =>
      update((page) => ({
        ...page,
        runs: page.runs.map((r) =>
          r.id === runId && r.status === 'queued' ? { ...r, status: 'running' } : r,
        ),
      })),
    );
    return () => {
      offFinished();
      offStep();
    };
  }, [update]);

  const loadMore = async () => {
    if (nextBefore === null) return;
    const startedFor = filtersKey;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await transport.call('runs.list', { ...query(filters), before: nextBefore });
      if (startedFor !== keyRef.current) return;
      update((current) => ({
        runs: [...current.runs, ...page.runs.filter((run) => !current.runs.some((r) => r.id === run.id))],
        nextBefore: page.nextBefore,
      }));
    } catch (caught) {
      setMoreError(toCallError(caught));
    } finally {
      setMoreBusy(false);
    }
  };

  const change = (patch: Partial<RunFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const filtered = Boolean(filters.agentId || filters.status || filters.from || filters.to);
  const agentOptions = [
    { value: '', label: t('runs.filters.allAgents') },
    ...agents.map((agent) => ({ value: agent.id, label: agent.name })),
  ];
  if (filters.agentId && !agents.some((agent) => agent.id === filters.agentId)) {
    agentOptions.push({ value: filters.agentId, label: t('runs.filters.thisAgent') });
  }

  return (
    <Card>
      <form
        role="search"
        aria-label={t('runs.filters.label')}
        onSubmit={(event) => event.preventDefault()}
        className="grid grid-cols-2 items-end gap-3 border-b border-slate-200 px-4 py-4 md:flex md:flex-wrap md:px-5"
      >
        <FilterField id={ids.agent} label={t('runs.filters.agent')} className="col-span-2 md:w-56">
          <NativeSelect
            id={ids.agent}
            value={filters.agentId}
            onChange={(event) => change({ agentId: event.target.value })}
            options={agentOptions}
          />
        </FilterField>
        <FilterField id={ids.status} label={t('runs.filters.status')} className="col-span-2 md:w-44">
          <NativeSelect
            id={ids.status}
            value={filters.status}
            onChange={(event) => change({ status: event.target.value as RunFilters['status'] })}
            options={[
              { value: '', label: t('runs.filters.allStatuses') },
              ...runStatuses.map((s) => ({ value: s, label: t(`runs.status.${s}`) })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.from} label={t('runs.filters.from')} className="md:w-40">
          <DateInput
            id={ids.from}
            value={filters.from}
            max={filters.to || undefined}
            onChange={(from) => change({ from })}
          />
        </FilterField>
        <FilterField id={ids.to} label={t('runs.filters.to')} className="md:w-40">
          <DateInput
            id={ids.to}
            value={filters.to}
            min={filters.from || undefined}
            onChange={(to) => change({ to })}
          />
        </FilterField>
        {filtered && (
          <Button variant="ghost" onClick={() => setFilters({ agentId: '', status: '', from: '', to: '' })}>
            {t('runs.filters.clear')}
          </Button>
        )}
      </form>
      {status === 'error' ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : status === 'loading' && runs.length === 0 ? (
        <LoadingState label={t('runs.loading')} />
      ) : runs.length === 0 ? (
        <EmptyState icon={Activity} title={filtered ? t('runs.emptyFiltered') : t('runs.empty')}>
          {!filtered && t('runs.emptyHint')}
        </EmptyState>
      ) : (
        <>
          <div
            aria-busy={status === 'loading' || undefined}
            className={cx(status === 'loading' && 'opacity-60')}
          >
            <RunTable runs={runs} now={now} />
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
            <div>
              <p className="text-sm text-slate-500">{t('runs.showing', { count: runs.length })}</p>
              <MoneyNote />
            </div>
            {moreError && (
              <p role="alert" className="text-sm text-red-700">
                {message(moreError)}
              </p>
            )}
            {nextBefore !== null && (
              <Button busy={moreBusy} onClick={() => void loadMore()}>
                {t('runs.loadMore')}
              </Button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}

function RunTable({ runs, now }: { runs: RunSummary[]; now: number }) {
  const { t, i18n } = useTranslation();
  const { dateTimeSeconds, number } = useFormat();
  const money = useMoney();
  const trigger = (run: RunSummary) => t(`runs.trigger.${run.trigger}`);
  const columns: Column<RunSummary>[] = [
    {
      key: 'started',
      header: t('runs.columns.started'),
      className: 'whitespace-nowrap tabular-nums',
      phone: 'title',
      cell: (run) => (
        <a
          href={runPath(run.id)}
          className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
        >
          <time dateTime={new Date(run.createdAt).toISOString()}>{dateTimeSeconds(run.createdAt)}</time>
        </a>
      ),
    },
    {
      key: 'agent',
      header: t('runs.columns.agent'),
      className: 'max-w-64',
      phone: 'title',
      cell: (run) => (
        <>
          <span className="block truncate text-slate-900">{run.agentName}</span>
          <span className="block text-xs text-slate-500">
            {run.versionNumber === null ? t('runs.draft') : t('runs.version', { number: run.versionNumber })}
            {/* below a wide screen the trigger stands here, not in a column */}
            <span className="xl:hidden"> · {trigger(run)}</span>
          </span>
        </>
      ),
    },
    {
      key: 'trigger',
      header: t('runs.columns.trigger'),
      className: 'hidden text-slate-700 xl:table-cell',
      phone: 'none',
      cell: trigger,
    },
    {
      key: 'status',
      header: t('fields.status'),
      phone: 'badges',
      cell: (run) => <Badge tone={runStatusTone[run.status]}>{t(`runs.status.${run.status}`)}</Badge>,
    },
    {
      key: 'duration',
      header: t('runs.columns.duration'),
      className: 'text-right whitespace-nowrap text-slate-700 tabular-nums',
      cell: (run) => {
        const duration = runDuration(run, now);
        return duration === null ? '—' : formatDuration(duration, i18n.language);
      },
    },
    {
      key: 'tokens',
      header: t('runs.columns.tokens'),
      className: 'hidden text-right text-slate-700 tabular-nums xl:table-cell',
      cell: (run) => number(run.tokensIn + run.tokensOut),
    },
    {
      key: 'cost',
      header: t('runs.columns.cost'),
      className: 'text-right whitespace-nowrap text-slate-700 tabular-nums',
      cell: (run) => (
        <span title={money.fromUsd(run.costMicros) ?? undefined}>{money.cost(run.costMicros)}</span>
      ),
    },
  ];
  return (
    <ResponsiveTable
      label={t('runs.tableLabel')}
      rows={runs}
      columns={columns}
      rowKey={(run) => run.id}
      onOpen={(run) => navigate(runPath(run.id))}
    />
  );
}
