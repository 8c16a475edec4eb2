import type { ReactNode } from 'react';
import { cx } from '../../../lib/cx';
import { DeltaBadge } from './DeltaBadge';

/** One headline figure: its name, its value, and (comparing) the change against the previous period. */
export function StatTile({
  label,
  value,
  hint,
  current,
  previous,
  previousText,
  higherIsBetter = true,
  compare = false,
  className,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  /** The raw figures for the change (shown when `compare`). */
  current?: number | null;
  previous?: number | null;
  previousText?: string;
  higherIsBetter?: boolean;
  compare?: boolean;
  className?: string;
}) {
  return (
    <div className={cx('min-w-0 rounded-xl bg-white px-4 py-3.5 shadow-xs ring-1 ring-slate-200', className)}>
      <p className="text-sm font-medium text-slate-600">{label}</p>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <p className="text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</p>
        {compare && current !== undefined && previous !== undefined && (
          <DeltaBadge
            current={current}
            previous={previous}
            previousText={previousText}
            higherIsBetter={higherIsBetter}
          />
        )}
      </div>
      {hint && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}
