import { ChevronDown, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MenuContent, MenuItem, MenuLabel, MenuRoot, MenuTrigger } from '../../components/Menu';
import { ProgressBar } from '../../components/ProgressBar';
import { useSessionStore } from '../../stores/session-store';
import { transport } from '../../transport';

/**
 * A demo installation (`mindframe demo`) says so in the header: its data is made up. Its menu lets
 * an owner put the demo back as it was built (demo.reset), after typing the confirmation word.
 */
export function DemoBadge() {
  const { t } = useTranslation();
  const demo = useSessionStore((state) => state.demo);
  const role = useSessionStore((state) => state.me?.role);
  const [resetOpen, setResetOpen] = useState(false);
  if (!demo) return null;
  return (
    <>
      <MenuRoot>
        <MenuTrigger asChild>
          <button
            type="button"
            className="flex shrink-0 items-center rounded-md focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none"
            aria-label={t('shell.demo.menu')}
          >
            <Badge tone="warning">
              <span title={t('shell.demo.title')} data-testid="demo-badge">
                {t('shell.demo.badge')}
              </span>
              <ChevronDown aria-hidden="true" className="ml-1 size-3" />
            </Badge>
          </button>
        </MenuTrigger>
        <MenuContent align="start">
          <MenuLabel>{t('shell.demo.title')}</MenuLabel>
          {role === 'owner' && (
            <MenuItem
              tone="danger"
              icon={<RotateCcw aria-hidden="true" className="size-4" />}
              onSelect={() => setResetOpen(true)}
            >
              {t('shell.demo.reset.open')}
            </MenuItem>
          )}
        </MenuContent>
      </MenuRoot>
      <ConfirmDialog
        open={resetOpen}
        onOpenChange={setResetOpen}
        title={t('shell.demo.reset.title')}
        description={t('shell.demo.reset.description')}
        confirmLabel={t('shell.demo.reset.submit')}
        size="md"
        typeToConfirm={{
          word: t('shell.demo.reset.confirmWord'),
          label: t('shell.demo.reset.typeToConfirm', { word: t('shell.demo.reset.confirmWord') }),
        }}
        busyContent={
          <ProgressBar
            label={t('shell.demo.reset.running')}
            percent={null}
            detail={t('shell.demo.reset.runningDetail')}
          />
        }
        errorTitle={t('shell.demo.reset.failed')}
        onConfirm={async () => {
          await transport.call('demo.reset', {});
          // every page's data changed underneath: start again from the dashboard (sessions are carried over)
          window.location.hash = '#/';
          window.location.reload();
        }}
      />
    </>
  );
}
