import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

interface CardProps {
  title?: ReactNode;
  titleId?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  bodyClassName?: string;
}

/** A titled panel; with a title it is a labelled region for assistive technology. */
export function Card({ title, titleId, actions, children, className, bodyClassName }: CardProps) {
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      className={cx('rounded-xl bg-white shadow-xs ring-1 ring-slate-200', className)}
    >
      {title && (
        <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 border-b border-slate-200 px-5 py-3.5">
          <h2 id={titleId} className="text-sm font-semibold text-slate-900">
            {title}
          </h2>
          {actions}
        </header>
      )}
      <div className={bodyClassName}>{children}</div>
    </section>
  );
}
