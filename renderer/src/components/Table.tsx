import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../lib/cx';

export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="w-full border-collapse text-left text-sm">
        {children}
      </table>
    </div>
  );
}

export function Th({ className, children, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cx(
        'border-b border-slate-200 bg-slate-50/80 px-3 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase first:pl-5 last:pr-5',
        className,
      )}
      {...rest}
    >
      {children}
    </th>
  );
}

/** The header of the last column, which holds each row's buttons: named for screen readers only. */
export function ActionsTh() {
  const { t } = useTranslation();
  return (
    <Th className="text-right">
      <span className="sr-only">{t('common.actions')}</span>
    </Th>
  );
}

export function Td({ className, children, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td
      className={cx('border-b border-slate-100 px-3 py-3 align-middle first:pl-5 last:pr-5', className)}
      {...rest}
    >
      {children}
    </td>
  );
}
