import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Line, LineChart, ResponsiveContainer } from 'recharts';
import { useFormat } from '../../../i18n/format';
import { useLoad } from '../../../lib/use-load';
import { useAgentsStore } from '../../../stores/agents-store';
import { transport } from '../../../transport';
import { ChartCard } from '../shared/ChartCard';
import { DeltaBadge } from '../shared/DeltaBadge';
import { useEventLabel } from '../shared/event-label';
import { chartColors } from '../shared/chart-colors';
import { dayChartFrame } from '../shared/day-chart-frame';
import type { DataColumn } from '../shared/DataTable';
import { InsightHeader } from '../shared/InsightHeader';
import { previousRange, useInsightRangeStore } from '../shared/insight-range-store';
import { StatTile } from '../shared/StatTile';
import { TableCard } from '../shared/TableCard';
import { countsWithPrevious, dailyWithPrevious, seriesSummary, type CountRow } from './usage-shape';

/** Moved to shared/event-label.ts (the whole section says event names the same way); kept here for imports. */
export { useEventLabel };

/** #/insight: who uses the platform — active people, stickiness, features, agents and searches. */
export function OverviewView() {
  const { t } = useTranslation();
  const format = useFormat();
  const eventLabel = useEventLabel();
  const { from, to, compare } = useInsightRangeStore();
  const before = previousRange({ from, to });
  const key = `${from}:${to}`;
  const usage = useLoad(() => transport.call('insight.usage', { from, to }), key);
  const previousUsage = useLoad(
    () => transport.call('insight.usage', before),
    `${before.from}:${before.to}`,
    compare,
  );
  const searches = useLoad(() => transport.call('insight.searches', { from, to, limit: 20 }), key);
  const previousSearches = useLoad(
    () => transport.call('insight.searches', { ...before, limit: 1 }),
    `${before.from}:${before.to}`,
    compare,
  );
  const agents = useAgentsStore((state) => state.agents);
  const agentsStatus = useAgentsStore((state) => state.status);
  const loadAgents = useAgentsStore((state) => state.load);
  useEffect(() => {
    if (agentsStatus === 'idle') void loadAgents();
  }, [agentsStatus, loadAgents]);

  const data = usage.data;
  const previous = compare ? previousUsage.data : undefined;
  const daily = useMemo(() => dailyWithPrevious(data?.days ?? [], previous?.days), [data, previous]);
  const features = countsWithPrevious(data?.features ?? [], previous?.features, eventLabel);
  const agentName = (id: string) =>
    agents.find((agent) => agent.id === id)?.name ?? t('insight.overview.agentGone');
  const agentRows = countsWithPrevious(data?.agents ?? [], previous?.agents, agentName);
  const dayLabel = (ms: number) => format.date(ms);
  const tick = (ms: number) =>
    new Intl.DateTimeFormat(format.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(ms);
  const percent = (share: number | null) => (share === null ? '–' : format.percent(share * 100));
  const summary = seriesSummary(daily.map((row) => row.dau));
  const noEvents = data !== undefined && data.features.length === 0;
  const loading = usage.loading && !data;
  const countColumns = (nameLabel: string): DataColumn<CountRow>[] => [
    { key: 'label', label: nameLabel },
    {
      key: 'count',
      label: t('insight.overview.count'),
      numeric: true,
      render: (row) => format.number(row.count),
    },
    ...(compare
      ? [
          {
            key: 'previous',
            label: t('insight.shared.previousPeriod'),
            numeric: true,
            render: (row: CountRow) => (row.previous === null ? '–' : format.number(row.previous)),
          } satisfies DataColumn<CountRow>,
        ]
      : []),
  ];

  return (
    <div>
      <InsightHeader
        view="overview"
        title={t('insight.titles.overview')}
        description={t('insight.overview.description')}
      />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatTile
          label={t('insight.overview.dau')}
          hint={t('insight.overview.dauHint')}
          value={data ? format.number(data.dau) : '–'}
          compare={compare && previous !== undefined}
          current={data?.dau ?? null}
          previous={previous?.dau ?? null}
        />
        <StatTile
          label={t('insight.overview.wau')}
          hint={t('insight.overview.wauHint')}
          value={data ? format.number(data.wau) : '–'}
          compare={compare && previous !== undefined}
          current={data?.wau ?? null}
          previous={previous?.wau ?? null}
        />
        <StatTile
          label={t('insight.overview.mau')}
          hint={t('insight.overview.mauHint')}
          value={data ? format.number(data.mau) : '–'}
          compare={compare && previous !== undefined}
          current={data?.mau ?? null}
          previous={previous?.mau ?? null}
        />
        <StatTile
          label={t('insight.overview.stickiness')}
          hint={t('insight.overview.stickinessHint')}
          value={data ? percent(data.stickiness) : '–'}
          compare={compare && previous !== undefined}
          current={data?.stickiness ?? null}
          previous={previous?.stickiness ?? null}
          previousText={previous ? percent(previous.stickiness) : undefined}
        />
      </div>

      <ChartCard
        className="mt-6"
        title={t('insight.overview.dailyTitle')}
        description={compare ? t('insight.overview.dailyCompare') : undefined}
        label={t('insight.overview.dailyLabel', {
          days: daily.length,
          average: format.number(summary.average),
          max: format.number(summary.max),
        })}
        loading={loading}
        error={usage.error}
        onRetry={usage.reload}
        empty={noEvents}
        table={{
          fileName: 'daily-active-people',
          rows: daily,
          columns: [
            { key: 'day', label: t('insight.shared.day'), render: (row) => dayLabel(row.day) },
            {
              key: 'dau',
              label: t('insight.overview.activePeople'),
              numeric: true,
              render: (row) => format.number(row.dau),
            },
            ...(compare
              ? [
                  {
                    key: 'previous' as const,
                    label: t('insight.shared.previousPeriod'),
                    numeric: true,
                    render: (row: (typeof daily)[number]) =>
                      row.previous === null ? '–' : format.number(row.previous),
                  },
                ]
              : []),
          ],
        }}
      >
        <div className="h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={daily}
              margin={{ top: 8, right: 16, bottom: 0, left: -12 }}
              accessibilityLayer={false}
            >
              {dayChartFrame({
                tick,
                dayLabel,
                value: (n) => format.number(n),
                minTickGap: 32,
                timeScale: true,
              })}
              <Line
                type="monotone"
                dataKey="dau"
                name={t('insight.shared.thisPeriod')}
                stroke={chartColors.primary}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
              {compare && previous && (
                <Line
                  type="monotone"
                  dataKey="previous"
                  name={t('insight.shared.previousPeriod')}
                  stroke={chartColors.previous}
                  strokeWidth={2}
                  strokeDasharray="5 4"
                  dot={false}
                  isAnimationActive={false}
                />
              )}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </ChartCard>

      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
        <TableCard
          title={t('insight.overview.featuresTitle')}
          description={t('insight.overview.featuresDescription')}
          fileName="adoption-per-feature"
          columns={countColumns(t('insight.overview.feature'))}
          rows={features}
          rowKey={(row) => row.key}
          loading={loading}
          error={usage.error}
          onRetry={usage.reload}
        />
        <TableCard
          title={t('insight.overview.agentsTitle')}
          description={t('insight.overview.agentsDescription')}
          fileName="adoption-per-agent"
          columns={countColumns(t('insight.overview.agent'))}
          rows={agentRows}
          rowKey={(row) => row.key}
          loading={loading}
          error={usage.error}
          onRetry={usage.reload}
          emptyText={t('insight.overview.agentsEmpty')}
          emptyHint={t('insight.overview.agentsEmptyHint')}
        />
        <TableCard
          title={t('insight.overview.searchesTitle')}
          description={
            searches.data && searches.data.total > 0
              ? t('insight.overview.searchesSummary', {
                  count: searches.data.total,
                  total: format.number(searches.data.total),
                  share: percent(searches.data.zeroResultShare),
                })
              : undefined
          }
          actions={
            compare &&
            previousSearches.data &&
            searches.data &&
            searches.data.total + previousSearches.data.total > 0 ? (
              <DeltaInline
                label={t('insight.overview.searchesTotal')}
                current={searches.data.total}
                previous={previousSearches.data.total}
              />
            ) : undefined
          }
          fileName="top-searches"
          columns={[
            { key: 'query', label: t('insight.overview.query') },
            {
              key: 'count',
              label: t('insight.overview.searched'),
              numeric: true,
              render: (row) => format.number(row.count),
            },
            {
              key: 'opened',
              label: t('insight.overview.opened'),
              numeric: true,
              render: (row) => format.number(row.opened),
            },
          ]}
          rows={searches.data?.top ?? []}
          rowKey={(row) => row.query}
          loading={searches.loading && !searches.data}
          error={searches.error}
          onRetry={searches.reload}
          emptyText={t('insight.overview.searchesEmpty')}
          emptyHint={t('insight.overview.searchesEmptyHint')}
        />
        <TableCard
          title={t('insight.overview.zeroTitle')}
          description={t('insight.overview.zeroDescription')}
          fileName="zero-result-searches"
          columns={[
            { key: 'query', label: t('insight.overview.query') },
            {
              key: 'count',
              label: t('insight.overview.searched'),
              numeric: true,
              render: (row) => format.number(row.count),
            },
          ]}
          rows={searches.data?.zeroResults ?? []}
          rowKey={(row) => row.query}
          loading={searches.loading && !searches.data}
          error={searches.error}
          onRetry={searches.reload}
          emptyText={t('insight.overview.zeroEmpty')}
          emptyHint={t('insight.overview.zeroEmptyHint')}
        />
      </div>
    </div>
  );
}

function DeltaInline({ label, current, previous }: { label: string; current: number; previous: number }) {
  return (
    <span className="flex items-center gap-1.5 text-xs text-slate-600">
      {label}
      <DeltaBadge current={current} previous={previous} />
    </span>
  );
}
