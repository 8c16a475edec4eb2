import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.platform);

/** The Inbox's keyboard shortcuts, as "?" or the header's button shows them. */
export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation();
  const rows: [keys: string[], what: string][] = [
    [['j'], t('inbox.shortcuts.next')],
    [['k'], t('inbox.shortcuts.previous')],
    [['r'], t('inbox.shortcuts.reply')],
    [['n'], t('inbox.shortcuts.note')],
    [['a'], t('inbox.shortcuts.assign')],
    [['s'], t('inbox.shortcuts.solve')],
    [[isMac() ? '⌘' : 'Ctrl', 'Enter'], t('inbox.shortcuts.send')],
    [['?'], t('inbox.shortcuts.help')],
  ];
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('inbox.shortcuts.title')}
      description={t('inbox.shortcuts.description')}
      size="sm"
    >
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {rows.map(([keys, what]) => (
          <div key={what} className="contents">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <kbd
                  key={key}
                  className="min-w-7 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800 shadow-xs"
                >
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
