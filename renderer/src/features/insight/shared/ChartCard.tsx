import { ChartNoAxesColumn, Table2 } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { LoadingState } from '../../../components/StateViews';
import { useErrorMessage } from '../../../i18n/error-message';
import { cx } from '../../../lib/cx';
import type { CallError } from '../../../transport';
import { CsvButton } from './CsvButton';
import { DataTable, type DataColumn } from './DataTable';

/** The numbers behind a chart: shown as a table on request, and downloadable as CSV. */
export interface ChartTable<Row extends object> {
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  /** The CSV's file name (without date and extension). */
  fileName: string;
}

/**
 * A card with a chart: its title (h2), an optional description and actions, and the states a chart
 * can be in — loading, empty ("no events in this range yet" with a hint) and an error (with its
 * reason). The chart is an image with a summary for screen readers (`label`), and its numbers can be
 * shown as a table (`table`) and downloaded as CSV.
 */
export function ChartCard<Row extends object>({
  title,
  description,
  actions,
  label,
  loading = false,
  error = null,
  empty = false,
  emptyHint,
  onRetry,
  table,
  className,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** What a screen reader hears instead of the drawing (a summary of the figures). */
  label: string;
  loading?: boolean;
  error?: CallError | null;
  empty?: boolean;
  /** What would fill it (shown under "no events in this range yet"). */
  emptyHint?: ReactNode;
  onRetry?: () => void;
  table?: ChartTable<Row>;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const titleId = useId();
  const [asTable, setAsTable] = useState(false);
  const ready = !loading && !error && !empty;
  return (
    <section
      aria-labelledby={titleId}
      className={cx('flex min-w-0 flex-col rounded-xl bg-white shadow-xs ring-1 ring-slate-200', className)}
    >
      <header className="flex items-start justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-sm font-semibold text-slate-900">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-xs text-slate-600">{description}</p>}
        </div>
        <div className="flex shrink-0 flex-wrap items-center justify-end gap-1">
          {actions}
          {ready && table && (
            <>
              <Button
                size="sm"
                variant="ghost"
                aria-pressed={asTable}
                icon={
                  asTable ? (
                    <ChartNoAxesColumn aria-hidden="true" className="size-4" />
                  ) : (
                    <Table2 aria-hidden="true" className="size-4" />
                  )
                }
                onClick={() => setAsTable((current) => !current)}
              >
                {t('insight.shared.showTable')}
              </Button>
              <CsvButton fileName={table.fileName} columns={table.columns} rows={table.rows} label={title} />
            </>
          )}
        </div>
      </header>
      <div className="min-w-0 flex-1">
        {loading ? (
          <LoadingState />
        ) : error ? (
          <div className="p-5">
            <Alert
              tone="error"
              title={t('common.loadFailed')}
              reason={error.reason}
              action={
                onRetry && (
                  <Button size="sm" onClick={onRetry}>
                    {t('common.retry')}
                  </Button>
                )
              }
            >
              {message(error)}
            </Alert>
          </div>
        ) : empty ? (
          <div className="px-6 py-10 text-center">
            <p className="text-sm font-semibold text-slate-900">{t('insight.shared.empty')}</p>
            <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
              {emptyHint ?? t('insight.shared.emptyHint')}
            </p>
          </div>
        ) : asTable && table ? (
          <div
            // the box scrolls both ways itself: the table's own sideways-scrolling wrapper would be a
            // second scrolling region with nothing focusable in it (wide tables with compare on)
            className="max-h-96 overflow-auto focus-visible:outline-2 focus-visible:outline-indigo-600 [&_.overflow-x-auto]:overflow-visible"
            // focusable so the keyboard can scroll it (axe scrollable-region-focusable); its own name,
            // not the card's, so the two regions are told apart (landmark-unique)
            tabIndex={0}
            role="region"
            aria-label={t('insight.shared.tableOf', { title })}
          >
            <DataTable label={title} columns={table.columns} rows={table.rows} />
          </div>
        ) : (
          <div role="img" aria-label={label} className="px-3 pt-4 pb-2">
            {children}
          </div>
        )}
      </div>
    </section>
  );
}
