import type { ReactNode } from 'react';

/** A small button that shows only an icon; `label` names it for screen readers and as its tooltip. */
export function IconButton({
  label,
  children,
  onClick,
  disabled,
  danger = false,
}: {
  label: string;
  children: ReactNode;
  onClick(): void;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={
        danger
          ? 'inline-flex min-h-11 min-w-11 items-center justify-center rounded-md p-1.5 text-red-600 hover:bg-red-50 disabled:opacity-40 md:min-h-0 md:min-w-0'
          : 'inline-flex min-h-11 min-w-11 items-center justify-center rounded-md p-1.5 text-slate-600 hover:bg-slate-200 disabled:opacity-40 md:min-h-0 md:min-w-0'
      }
    >
      {children}
    </button>
  );
}
