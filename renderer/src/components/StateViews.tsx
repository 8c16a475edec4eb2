import { CircleAlert, Inbox, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../i18n/error-message';
import type { CallError } from '../transport';
import { Button } from './Button';
import { Spinner } from './Spinner';
import { WhatToDo, whatToDoPath } from './WhatToDo';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="flex items-center justify-center gap-3 px-6 py-12 text-sm text-slate-600">
      <Spinner className="size-5 text-indigo-600" />
      {label ?? t('common.loading')}
    </div>
  );
}

interface EmptyStateProps {
  icon?: LucideIcon;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ icon: Icon = Inbox, title, children, action }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-500">
        <Icon aria-hidden="true" className="size-6" />
      </span>
      <p className="mt-4 text-sm font-semibold text-slate-900">{title}</p>
      {children && <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

interface ErrorStateProps {
  error: CallError | null;
  title?: ReactNode;
  onRetry?: () => void;
  retrying?: boolean;
}

export function ErrorState({ error, title, onRetry, retrying }: ErrorStateProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-12 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600">
        <CircleAlert aria-hidden="true" className="size-6" />
      </span>
      <p className="mt-4 text-sm font-semibold text-slate-900">{title ?? t('common.loadFailed')}</p>
      <p className="mt-1 max-w-md text-sm text-slate-600">{message(error)}</p>
      <WhatToDo href={whatToDoPath(error?.reason)} className="mt-2" />
      {onRetry && (
        <Button className="mt-5" onClick={onRetry} busy={retrying}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
