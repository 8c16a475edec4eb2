import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

/** The views of a page (e.g. runs and costs) as links under its header; each view has its own address. */
export function ViewLinks({ label, children }: { label: string; children: ReactNode }) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-1 border-b border-slate-200">
      {children}
    </nav>
  );
}

export function ViewLink({
  href,
  current,
  icon,
  children,
}: {
  href: string;
  current: boolean;
  icon: ReactNode;
  children: ReactNode;
}) {
  return (
    <a
      href={href}
      aria-current={current ? 'page' : undefined}
      className={cx(
        '-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium',
        current
          ? 'border-indigo-600 text-indigo-700'
          : 'border-transparent text-slate-600 hover:text-slate-900',
      )}
    >
      {icon}
      {children}
    </a>
  );
}
