import { useMoney } from '../i18n/use-money';
import { cx } from '../lib/cx';

/** Says, beside converted figures, that they were converted from US dollars and at what rate. */
export function MoneyNote({ className }: { className?: string }) {
  const { note } = useMoney();
  if (!note) return null;
  return <p className={cx('text-xs text-slate-500', className)}>{note}</p>;
}
