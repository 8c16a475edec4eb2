import { ChevronRight } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { cx } from '../lib/cx';

/**
 * A part of a card that opens on request: a button (with aria-expanded) that names it and says what
 * is inside, and the part it shows. `defaultOpen` opens it from the start (when something inside
 * needs attention, say).
 */
export function Disclosure({
  title,
  summary,
  defaultOpen = false,
  className,
  children,
}: {
  title: ReactNode;
  summary?: ReactNode;
  defaultOpen?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className={className}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((current) => !current)}
        className="flex min-h-11 w-full items-center gap-2 rounded-md text-left text-sm hover:bg-slate-50"
      >
        <ChevronRight
          aria-hidden="true"
          className={cx('size-4 shrink-0 text-slate-500 transition-transform', open && 'rotate-90')}
        />
        <span className="font-medium text-slate-900">{title}</span>
        {summary && <span className="min-w-0 text-slate-600">{summary}</span>}
      </button>
      <div id={id} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
