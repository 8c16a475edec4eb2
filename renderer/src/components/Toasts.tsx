import { CircleAlert, CircleCheck, Info, TriangleAlert, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cx } from '../lib/cx';
import { useToastStore, type Toast } from '../stores/toast-store';

const toneIcon: Record<Toast['tone'], { icon: typeof Info; className: string }> = {
  success: { icon: CircleCheck, className: 'text-emerald-400' },
  error: { icon: CircleAlert, className: 'text-red-400' },
  warning: { icon: TriangleAlert, className: 'text-amber-400' },
  info: { icon: Info, className: 'text-sky-400' },
};

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2"
    >
      {toasts.map((toast) => {
        const { icon: Icon, className } = toneIcon[toast.tone];
        return (
          <div
            key={toast.id}
            className="pointer-events-auto flex items-start gap-3 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg"
          >
            <Icon aria-hidden="true" className={cx('mt-0.5 size-4 shrink-0', className)} />
            <div className="min-w-0 flex-1">
              {toast.title && <p className="font-semibold">{toast.title}</p>}
              <p className={cx('break-words', toast.title && 'text-slate-300')}>{toast.message}</p>
              {toast.link && (
                <a
                  href={toast.link}
                  onClick={() => dismiss(toast.id)}
                  className="mt-1 inline-block font-medium text-indigo-300 hover:text-indigo-200 hover:underline"
                >
                  {t('notifications.toastOpen')}
                </a>
              )}
            </div>
            <button
              type="button"
              onClick={() => dismiss(toast.id)}
              aria-label={t('common.dismiss')}
              className="-m-1 rounded p-1 text-slate-400 hover:text-white"
            >
              <X aria-hidden="true" className="size-4" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
