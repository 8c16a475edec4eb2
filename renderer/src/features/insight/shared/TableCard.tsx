import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { LoadingState } from '../../../components/StateViews';
import { useErrorMessage } from '../../../i18n/error-message';
import { cx } from '../../../lib/cx';
import type { CallError } from '../../../transport';
import { CsvButton } from './CsvButton';
import { DataTable, type DataColumn } from './DataTable';

/** A card with a table of figures, its CSV, and the loading / empty / error states. */
export function TableCard<Row extends object>({
  title,
  description,
  actions,
  fileName,
  columns,
  rows,
  rowKey,
  loading = false,
  error = null,
  onRetry,
  emptyText,
  emptyHint,
  className,
  footer,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  fileName: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey?(row: Row, index: number): string;
  loading?: boolean;
  error?: CallError | null;
  onRetry?: () => void;
  emptyText?: string;
  emptyHint?: ReactNode;
  className?: string;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const titleId = useId();
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
          <CsvButton fileName={fileName} columns={columns} rows={rows} label={title} />
        </div>
      </header>
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
      ) : rows.length === 0 ? (
        <div className="px-6 py-8 text-center">
          <p className="text-sm font-semibold text-slate-900">{emptyText ?? t('insight.shared.empty')}</p>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            {emptyHint ?? t('insight.shared.emptyHint')}
          </p>
        </div>
      ) : (
        <div
          className="max-h-[28rem] overflow-y-auto focus-visible:outline-2 focus-visible:outline-indigo-600"
          // a region that scrolls is reachable by keyboard (axe: scrollable-region-focusable)
          tabIndex={0}
          role="region"
          // its own name, not the card's (axe: landmark-unique)
          aria-label={t('insight.shared.tableOf', { title })}
        >
          <DataTable label={title} columns={columns} rows={rows} rowKey={rowKey} />
        </div>
      )}
      {footer}
    </section>
  );
}
