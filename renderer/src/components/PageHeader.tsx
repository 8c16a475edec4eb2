import { useEffect, useRef, type ReactNode } from 'react';
import { useDocumentTitle } from '../stores/brand-store';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/** The page's h1; it takes focus when the page opens so screen readers announce the new page. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => {
    // not while a dialog keeps the keyboard (the command palette opened as the page loads)
    if (document.querySelector('[role="dialog"][data-state="open"]')) return;
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1
          ref={heading}
          tabIndex={-1}
          className="text-2xl font-semibold tracking-tight text-slate-900 outline-none"
        >
          {title}
        </h1>
        {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-3">{actions}</div>}
    </div>
  );
}
