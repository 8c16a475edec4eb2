import { useId, type ReactNode } from 'react';
import { useFormat } from '../i18n/format';
import { cx } from '../lib/cx';

interface ProgressBarProps {
  label: ReactNode;
  /** 0–100, or null while the amount of work is not known yet. */
  percent: number | null;
  detail?: ReactNode;
  className?: string;
}

/**
 * A labelled progress bar. The native <progress> element is announced by screen readers and needs
 * no inline style (the CSP allows none).
 */
export function ProgressBar({ label, percent, detail, className }: ProgressBarProps) {
  const { percent: formatPercent } = useFormat();
  const id = useId();
  const clamped = percent === null ? null : Math.min(100, Math.max(0, percent));
  return (
    <div className={cx('flex flex-col gap-1.5', className)}>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span id={`${id}-label`} className="min-w-0 font-medium text-slate-800">
          {label}
        </span>
        {clamped !== null && (
          <span className="shrink-0 text-slate-600 tabular-nums">{formatPercent(Math.floor(clamped))}</span>
        )}
      </div>
      <progress
        aria-labelledby={`${id}-label`}
        aria-describedby={detail ? `${id}-detail` : undefined}
        max={100}
        value={clamped ?? undefined}
        className="block h-2 w-full appearance-none overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-indigo-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-indigo-600 [&::-webkit-progress-value]:transition-[width] [&::-webkit-progress-value]:duration-300"
      />
      {detail && (
        <p id={`${id}-detail`} aria-live="polite" className="text-xs text-slate-500">
          {detail}
        </p>
      )}
    </div>
  );
}
