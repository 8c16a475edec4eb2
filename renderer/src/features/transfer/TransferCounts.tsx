import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';

/** "agent_versions" → "Agent versions", for tables the app has no words for yet. */
export const humanizeTable = (name: string) => {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Rows per table of an export or import, largest groups first. */
export function TransferCounts({ counts, label }: { counts: Record<string, number>; label: string }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const rows = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) return null;
  return (
    <dl
      aria-label={label}
      className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-x-6 gap-y-1 rounded-lg bg-slate-50 px-4 py-3 text-sm ring-1 ring-slate-200"
    >
      {rows.map(([table, count]) => (
        <div key={table} className="flex min-w-0 items-baseline justify-between gap-2">
          <dt className="truncate text-slate-600">
            {t(`transfer.tables.${table}`, { defaultValue: humanizeTable(table) })}
          </dt>
          <dd className="font-medium text-slate-900 tabular-nums">{number(count)}</dd>
        </div>
      ))}
    </dl>
  );
}
