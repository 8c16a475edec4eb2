import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { useLoad } from '../../../lib/use-load';
import { transport } from '../../../transport';
import type { DataColumn } from '../shared/DataTable';
import { TableCard } from '../shared/TableCard';
import { useEventLabel } from '../shared/event-label';

interface KnownRow {
  label: string;
  name: string;
  count: number;
  lastSeen: string;
}

/** The tenant's known event names: how each reads, how often it was seen and when last. */
export function KnownEvents({ reloadKey }: { reloadKey: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const eventLabel = useEventLabel();
  const names = useLoad(() => transport.call('insight.eventNames', {}), `insight-data-names:${reloadKey}`);

  const rows = useMemo<KnownRow[]>(
    () =>
      (names.data?.items ?? []).map((item) => ({
        label: eventLabel(item.name),
        name: item.name,
        count: item.count,
        // ISO in the CSV (sorts and reads in any spreadsheet); the screen shows it in the user's language
        lastSeen: new Date(item.lastAt).toISOString(),
      })),
    [names.data, eventLabel],
  );

  const columns: DataColumn<KnownRow>[] = [
    { key: 'label', label: t('insight.data.known.event') },
    {
      key: 'name',
      label: t('insight.data.known.name'),
      render: (row) => <code className="font-mono text-[13px] text-slate-700">{row.name}</code>,
    },
    {
      key: 'count',
      label: t('insight.data.known.count'),
      numeric: true,
      render: (row) => format.number(row.count),
    },
    {
      key: 'lastSeen',
      label: t('insight.data.known.lastSeen'),
      render: (row) => (
        <time dateTime={row.lastSeen} title={format.dateTime(Date.parse(row.lastSeen))}>
          {format.relative(Date.parse(row.lastSeen))}
        </time>
      ),
    },
  ];

  return (
    <TableCard
      title={t('insight.data.known.title')}
      description={t('insight.data.known.description')}
      fileName="known-events"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.name}
      loading={names.loading && !names.data}
      error={names.error}
      onRetry={names.reload}
      emptyText={t('insight.data.known.empty')}
      emptyHint={t('insight.data.known.emptyHint')}
    />
  );
}
