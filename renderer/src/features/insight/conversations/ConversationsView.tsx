import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, ComposedChart, Line, ResponsiveContainer } from 'recharts';
import { NativeSelect } from '../../../components/Field';
import { channelKinds, languages } from '../../../contract';
import { FilterField } from '../../../components/FilterField';
import { useFormat } from '../../../i18n/format';
import { useIntentLabel } from '../../../i18n/intent-label';
import { useLoad } from '../../../lib/use-load';
import { navigate } from '../../../router/use-route';
import { transport } from '../../../transport';
import { ChartCard } from '../shared/ChartCard';
import { chartColors } from '../shared/chart-colors';
import { dayChartFrame } from '../shared/day-chart-frame';
import type { DataColumn } from '../shared/DataTable';
import { InsightHeader, isoDay } from '../shared/InsightHeader';
import { previousRange, useInsightRangeStore } from '../shared/insight-range-store';
import { StatTile } from '../shared/StatTile';
import { TableCard } from '../shared/TableCard';
import {
  conversationsListPath,
  daysWithPrevious,
  filteredView,
  ratingShare,
  valuesOf,
  type DayRow,
  type GroupFigures,
} from './conversations-shape';

type GroupRow = GroupFigures & { label: string };

/** #/insight/conversations: volume, containment, hand-offs, first response, ratings, sentiment and intents. */
export function ConversationsView() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const intentLabel = useIntentLabel();
  const { from, to, compare } = useInsightRangeStore();
  const before = previousRange({ from, to });
  const [channel, setChannel] = useState('');
  const [language, setLanguage] = useState('');
  const ids = { channel: useId(), language: useId() };
  // the core gives the days and intents for the channel kind and language (the rest is filtered here)
  const listKind = channelKinds.find((kind) => kind === channel);
  const listLanguage = languages.find((code) => code === language);
  const coreFilter = {
    ...(listKind ? { channel: listKind } : {}),
    ...(listLanguage ? { language: listLanguage } : {}),
  };
  const filterKey = `${listKind ?? ''}:${listLanguage ?? ''}`;
  const dashboard = useLoad(
    () => transport.call('insight.conversations', { from, to, ...coreFilter }),
    `${from}:${to}:${filterKey}`,
  );
  const previousDashboard = useLoad(
    () => transport.call('insight.conversations', { ...before, ...coreFilter }),
    `${before.from}:${before.to}:${filterKey}`,
    compare,
  );

  const data = dashboard.data;
  const previous = compare ? previousDashboard.data : undefined;
  const filter = { channel, language };
  const filtered = channel !== '' || language !== '';
  const view = data ? filteredView(data, filter) : undefined;
  const totals = view?.totals;
  const previousTotals = previous ? filteredView(previous, filter).totals : undefined;
  const days = useMemo(() => daysWithPrevious(data?.days ?? [], previous?.days), [data, previous]);
  // what the core could not filter (its rollups keep no such split), or all of it for a filter value
  // outside the vocabulary (an event another system sent)
  const unfiltered: string[] = !filtered
    ? []
    : (channel !== '' && !listKind) || (language !== '' && !listLanguage)
      ? ['conversations', 'sentiment', 'intents']
      : (data?.unfiltered ?? []);
  const unfilteredNote = (part: string) =>
    unfiltered.includes(part) ? ` ${t('insight.conversations.unfilteredCard')}` : '';

  const channelLabel = (kind: string) =>
    i18n.exists(`insight.conversations.channels.${kind}`)
      ? t(`insight.conversations.channels.${kind}`)
      : kind;
  const languageLabel = (code: string) =>
    i18n.exists(`insight.conversations.languages.${code}`)
      ? t(`insight.conversations.languages.${code}`)
      : code;
  const rangeDays = { from: isoDay(from), to: isoDay(to - 86_400_000) };
  // the list takes a channel kind (every e-mail channel) and a language of the vocabulary
  const drill = (query: { channel?: string; language?: string; day?: number }) =>
    conversationsListPath({
      kind: channelKinds.find((kind) => kind === (query.channel ?? channel)),
      language: languages.find((code) => code === (query.language ?? language)),
      from: query.day !== undefined ? isoDay(query.day) : rangeDays.from,
      to: query.day !== undefined ? isoDay(query.day) : rangeDays.to,
    });

  const percent = (share: number | null | undefined) =>
    share === null || share === undefined ? '–' : format.percent(share * 100);
  const duration = (seconds: number | null | undefined) => {
    if (seconds === null || seconds === undefined) return '–';
    if (seconds < 90) return t('insight.conversations.seconds', { count: Math.round(seconds) });
    if (seconds < 5400) return t('insight.conversations.minutes', { count: Math.round(seconds / 60) });
    return t('insight.conversations.hours', { count: Math.round((seconds / 3600) * 10) / 10 });
  };
  const dayLabel = (ms: number) => format.date(ms);
  const tick = (ms: number) =>
    new Intl.DateTimeFormat(format.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(ms);
  const frame = dayChartFrame({ tick, dayLabel, value: (n) => format.number(n) });
  const loading = dashboard.loading && !data;
  const noEvents =
    data !== undefined && data.totals.conversations === 0 && data.days.every((d) => d.conversations === 0);
  const daySum = days.reduce(
    (sum, d) => ({
      conversations: sum.conversations + d.conversations,
      handoffs: sum.handoffs + d.handoffs,
      positive: sum.positive + d.positive,
      neutral: sum.neutral + d.neutral,
      negative: sum.negative + d.negative,
    }),
    { conversations: 0, handoffs: 0, positive: 0, neutral: 0, negative: 0 },
  );

  const groupColumns = (nameLabel: string, by: 'channel' | 'language'): DataColumn<GroupRow>[] => [
    {
      key: 'label',
      label: nameLabel,
      render: (row) => (
        <a
          href={drill(by === 'channel' ? { channel: row.key } : { language: row.key })}
          className="font-medium text-indigo-700 underline-offset-2 hover:underline"
        >
          {row.label}
        </a>
      ),
    },
    {
      key: 'conversations',
      label: t('insight.conversations.volume'),
      numeric: true,
      render: (row) => format.number(row.conversations),
    },
    {
      key: 'handoffs',
      label: t('insight.conversations.handoffs'),
      numeric: true,
      render: (row) => format.number(row.handoffs),
    },
    {
      key: 'containment',
      label: t('insight.conversations.containment'),
      numeric: true,
      render: (row) => percent(row.containment),
    },
    {
      key: 'firstResponseSeconds',
      label: t('insight.conversations.firstResponse'),
      numeric: true,
      render: (row) => duration(row.firstResponseSeconds),
    },
    {
      key: 'ratingsUp',
      label: t('insight.conversations.ratingsUp'),
      numeric: true,
      render: (row) => (row.ratingsUp === null ? '–' : format.number(row.ratingsUp)),
    },
    {
      key: 'ratingsDown',
      label: t('insight.conversations.ratingsDown'),
      numeric: true,
      render: (row) => (row.ratingsDown === null ? '–' : format.number(row.ratingsDown)),
    },
  ];
  const byChannel: GroupRow[] = (view?.byChannel ?? []).map((g) => ({ ...g, label: channelLabel(g.key) }));
  const byLanguage: GroupRow[] = (view?.byLanguage ?? []).map((g) => ({ ...g, label: languageLabel(g.key) }));
  const intents = (data?.intents ?? []).map((row) => ({ intent: intentLabel(row.key), count: row.count }));
  const channelOptions = valuesOf(data?.byChannelLanguage ?? [], 'channel');
  const languageOptions = valuesOf(data?.byChannelLanguage ?? [], 'language');
  const tileCompare = compare && previousTotals !== undefined;

  return (
    <div>
      <InsightHeader
        view="conversations"
        title={t('insight.titles.conversations')}
        description={t('insight.conversations.description')}
        filters={{ channel: channel || undefined, language: language || undefined }}
      />
      <div className="mb-6 flex flex-wrap items-end gap-4">
        <FilterField id={ids.channel} label={t('insight.conversations.channel')} className="w-52">
          <NativeSelect
            id={ids.channel}
            value={channel}
            onChange={(event) => setChannel(event.target.value)}
            options={[
              { value: '', label: t('insight.conversations.allChannels') },
              ...[...new Set([...channelOptions, ...(channel ? [channel] : [])])].map((kind) => ({
                value: kind,
                label: channelLabel(kind),
              })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.language} label={t('insight.conversations.language')} className="w-52">
          <NativeSelect
            id={ids.language}
            value={language}
            onChange={(event) => setLanguage(event.target.value)}
            options={[
              { value: '', label: t('insight.conversations.allLanguages') },
              ...[...new Set([...languageOptions, ...(language ? [language] : [])])].map((code) => ({
                value: code,
                label: languageLabel(code),
              })),
            ]}
          />
        </FilterField>
        {filtered && (
          <p className="max-w-md pb-2 text-xs text-slate-600">
            {unfiltered.length === 0
              ? t('insight.conversations.filterNoteAll')
              : t('insight.conversations.filterNotePartial', {
                  parts: new Intl.ListFormat(format.locale, { type: 'conjunction' }).format(
                    unfiltered.map((part) => t(`insight.conversations.unfilteredParts.${part}`)),
                  ),
                })}
          </p>
        )}
      </div>

      <div className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-5">
        <StatTile
          label={t('insight.conversations.volume')}
          value={totals ? format.number(totals.conversations) : '–'}
          hint={totals ? t('insight.conversations.handoffCount', { count: totals.handoffs }) : undefined}
          compare={tileCompare}
          current={totals?.conversations ?? null}
          previous={previousTotals?.conversations ?? null}
        />
        <StatTile
          label={t('insight.conversations.containment')}
          value={percent(totals?.containment)}
          hint={t('insight.conversations.containmentHint')}
          compare={tileCompare}
          current={totals?.containment ?? null}
          previous={previousTotals?.containment ?? null}
          previousText={percent(previousTotals?.containment)}
        />
        <StatTile
          label={t('insight.conversations.handoffRate')}
          value={percent(totals?.handoffRate)}
          hint={t('insight.conversations.handoffRateHint')}
          compare={tileCompare}
          higherIsBetter={false}
          current={totals?.handoffRate ?? null}
          previous={previousTotals?.handoffRate ?? null}
          previousText={percent(previousTotals?.handoffRate)}
        />
        <StatTile
          label={t('insight.conversations.firstResponse')}
          value={duration(totals?.firstResponseSeconds)}
          hint={
            totals && totals.firstResponses > 0
              ? t('insight.conversations.firstResponseHint', { count: totals.firstResponses })
              : undefined
          }
          compare={tileCompare}
          higherIsBetter={false}
          current={totals?.firstResponseSeconds ?? null}
          previous={previousTotals?.firstResponseSeconds ?? null}
          previousText={duration(previousTotals?.firstResponseSeconds)}
        />
        <StatTile
          label={t('insight.conversations.ratings')}
          value={percent(totals ? ratingShare(totals) : null)}
          hint={
            totals && totals.ratingsUp !== null && totals.ratingsDown !== null
              ? t('insight.conversations.ratingsHint', {
                  up: format.number(totals.ratingsUp),
                  down: format.number(totals.ratingsDown),
                })
              : totals
                ? t('insight.conversations.ratingsUnknown')
                : undefined
          }
          compare={tileCompare}
          current={totals ? ratingShare(totals) : null}
          previous={previousTotals ? ratingShare(previousTotals) : null}
          previousText={percent(previousTotals ? ratingShare(previousTotals) : null)}
        />
      </div>

      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
        <ChartCard
          title={t('insight.conversations.volumeTitle')}
          description={t('insight.conversations.volumeDescription') + unfilteredNote('conversations')}
          label={t('insight.conversations.volumeLabel', {
            days: days.length,
            conversations: format.number(daySum.conversations),
            handoffs: format.number(daySum.handoffs),
          })}
          loading={loading}
          error={dashboard.error}
          onRetry={dashboard.reload}
          empty={noEvents}
          table={{
            fileName: 'conversations-per-day',
            rows: days,
            columns: [
              {
                key: 'day',
                label: t('insight.shared.day'),
                render: (row: DayRow) => (
                  <a
                    href={drill({ day: row.day })}
                    className="font-medium text-indigo-700 underline-offset-2 hover:underline"
                  >
                    {dayLabel(row.day)}
                  </a>
                ),
              },
              { key: 'conversations', label: t('insight.conversations.volume'), numeric: true },
              { key: 'handoffs', label: t('insight.conversations.handoffs'), numeric: true },
              ...(compare
                ? [
                    {
                      key: 'previousConversations' as const,
                      label: t('insight.conversations.previousVolume'),
                      numeric: true,
                    },
                  ]
                : []),
            ],
          }}
        >
          <div className="h-64 w-full">
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart
                data={days}
                margin={{ top: 8, right: 16, bottom: 0, left: -12 }}
                accessibilityLayer={false}
                onClick={(state) => {
                  const day = Number(state.activeLabel);
                  if (Number.isFinite(day) && state.activeLabel !== undefined) navigate(drill({ day }));
                }}
                className="cursor-pointer"
              >
                {frame}
                <Bar
                  dataKey="conversations"
                  name={t('insight.conversations.volume')}
                  fill={chartColors.primary}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="handoffs"
                  name={t('insight.conversations.handoffs')}
                  stroke={chartColors.warning}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
                {compare && previous && (
                  <Line
                    type="monotone"
                    dataKey="previousConversations"
                    name={t('insight.conversations.previousVolume')}
                    stroke={chartColors.previous}
                    strokeWidth={2}
                    strokeDasharray="5 4"
                    dot={false}
                    isAnimationActive={false}
                  />
                )}
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>

        <ChartCard
          title={t('insight.conversations.sentimentTitle')}
          description={t('insight.conversations.sentimentDescription') + unfilteredNote('sentiment')}
          label={t('insight.conversations.sentimentLabel', {
            days: days.length,
            positive: format.number(daySum.positive),
            neutral: format.number(daySum.neutral),
            negative: format.number(daySum.negative),
          })}
          loading={loading}
          error={dashboard.error}
          onRetry={dashboard.reload}
          empty={noEvents || daySum.positive + daySum.neutral + daySum.negative === 0}
          emptyHint={t('insight.conversations.sentimentEmptyHint')}
          table={{
            fileName: 'sentiment-per-day',
            rows: days,
            columns: [
              { key: 'day', label: t('insight.shared.day'), render: (row: DayRow) => dayLabel(row.day) },
              { key: 'positive', label: t('insight.conversations.positive'), numeric: true },
              { key: 'neutral', label: t('insight.conversations.neutral'), numeric: true },
              { key: 'negative', label: t('insight.conversations.negative'), numeric: true },
            ],
          }}
        >
          <div className="h-64 w-full">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={days}
                margin={{ top: 8, right: 16, bottom: 0, left: -12 }}
                accessibilityLayer={false}
              >
                {frame}
                <Bar
                  dataKey="positive"
                  stackId="sentiment"
                  name={t('insight.conversations.positive')}
                  fill={chartColors.positive}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="neutral"
                  stackId="sentiment"
                  name={t('insight.conversations.neutral')}
                  fill={chartColors.neutral}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="negative"
                  stackId="sentiment"
                  name={t('insight.conversations.negative')}
                  fill={chartColors.negative}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>
      </div>

      <div className="mt-6 grid grid-cols-1 gap-6">
        <TableCard
          title={t('insight.conversations.byChannelTitle')}
          description={t('insight.conversations.drillHint')}
          fileName="conversations-by-channel"
          columns={groupColumns(t('insight.conversations.channel'), 'channel')}
          rows={byChannel}
          rowKey={(row) => row.key}
          loading={loading}
          error={dashboard.error}
          onRetry={dashboard.reload}
        />
        <TableCard
          title={t('insight.conversations.byLanguageTitle')}
          description={t('insight.conversations.drillHint')}
          fileName="conversations-by-language"
          columns={groupColumns(t('insight.conversations.language'), 'language')}
          rows={byLanguage}
          rowKey={(row) => row.key}
          loading={loading}
          error={dashboard.error}
          onRetry={dashboard.reload}
        />
        <TableCard
          title={t('insight.conversations.intentsTitle')}
          description={t('insight.conversations.intentsDescription') + unfilteredNote('intents')}
          fileName="conversation-intents"
          columns={[
            { key: 'intent', label: t('insight.conversations.intent') },
            {
              key: 'count',
              label: t('insight.conversations.messages'),
              numeric: true,
              render: (row) => format.number(row.count),
            },
          ]}
          rows={intents}
          rowKey={(row) => row.intent}
          loading={loading}
          error={dashboard.error}
          onRetry={dashboard.reload}
          emptyHint={t('insight.conversations.intentsEmptyHint')}
        />
      </div>
    </div>
  );
}
