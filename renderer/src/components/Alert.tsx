import { CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { cx } from '../lib/cx';
import { WhatToDo, whatToDoPath } from './WhatToDo';

type Tone = 'error' | 'warning' | 'success' | 'info';

const tones: Record<Tone, { box: string; icon: typeof Info }> = {
  error: { box: 'bg-red-50 text-red-800 ring-red-200', icon: CircleAlert },
  warning: { box: 'bg-amber-50 text-amber-900 ring-amber-200', icon: TriangleAlert },
  success: { box: 'bg-emerald-50 text-emerald-800 ring-emerald-200', icon: CircleCheck },
  info: { box: 'bg-sky-50 text-sky-900 ring-sky-200', icon: Info },
};

interface AlertProps {
  tone: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
  /** An error's reason: adds "What to do", the troubleshooting article's part about it (when it has one). */
  reason?: string | null;
}

/** Errors are announced at once (role=alert); other tones politely (role=status). */
export function Alert({ tone, title, children, action, className, reason }: AlertProps) {
  const { box, icon: Icon } = tones[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cx('flex items-start gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset', box, className)}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={title ? 'mt-0.5 opacity-90' : undefined}>{children}</div>}
        {reason && <WhatToDo href={whatToDoPath(reason)} className="mt-1" />}
      </div>
      {action}
    </div>
  );
}
