import { Search } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { openPalette } from './palette-store';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The shell header's search field: a button that opens the command palette (Ctrl/⌘K, "/"). Below
 * 1280 px it is an icon button (its name and shortcut stay for assistive technology), leaving the
 * header room for the organisation's name.
 */
export function SearchField() {
  const { t } = useTranslation();
  const shortcut = isMac ? '⌘K' : 'Ctrl K';
  return (
    <button
      type="button"
      onClick={openPalette}
      aria-haspopup="dialog"
      aria-keyshortcuts={isMac ? 'Meta+K /' : 'Control+K /'}
      aria-label={t('search.open')}
      className="flex h-11 min-w-0 shrink-0 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-600 hover:border-slate-400 hover:bg-slate-50 md:h-9 xl:w-72"
    >
      <Search aria-hidden="true" className="size-4 shrink-0 text-slate-500" />
      <span className="hidden truncate xl:inline">{t('search.fieldPlaceholder')}</span>
      <kbd
        aria-hidden="true"
        className="ml-auto hidden rounded border border-slate-300 px-1.5 text-xs whitespace-nowrap text-slate-600 xl:inline"
      >
        {shortcut}
      </kbd>
    </button>
  );
}
