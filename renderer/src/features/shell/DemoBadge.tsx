import { ChevronDown, RotateCcw } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { MenuContent, MenuItem, MenuLabel, MenuRoot, MenuTrigger } from '../../components/Menu';
import { ProgressBar } from '../../components/ProgressBar';
import { useErrorMessage } from '../../i18n/error-message';
import { useSubmit } from '../../lib/use-submit';
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
  const [busy, setBusy] = useState(false);
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
      <Dialog
        open={resetOpen}
        onOpenChange={setResetOpen}
        title={t('shell.demo.reset.title')}
        description={t('shell.demo.reset.description')}
        locked={busy}
      >
        {resetOpen && <ResetForm onBusy={setBusy} onClose={() => setResetOpen(false)} />}
      </Dialog>
    </>
  );
}

function ResetForm({ onBusy, onClose }: { onBusy(busy: boolean): void; onClose(): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [typed, setTyped] = useState('');
  const word = t('shell.demo.reset.confirmWord');
  const confirmed = typed.trim() === word;
  const submit = useSubmit(async () => {
    onBusy(true);
    try {
      await transport.call('demo.reset', {});
      // every page's data changed underneath: start again from the dashboard (sessions are carried over)
      window.location.hash = '#/';
      window.location.reload();
    } finally {
      onBusy(false);
    }
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (confirmed) void submit.run();
  };
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.busy ? (
        <ProgressBar
          label={t('shell.demo.reset.running')}
          percent={null}
          detail={t('shell.demo.reset.runningDetail')}
        />
      ) : (
        <TextField
          label={t('shell.demo.reset.typeToConfirm', { word })}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      )}
      {submit.error && (
        <Alert tone="error" title={t('shell.demo.reset.failed')} reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="danger" busy={submit.busy} disabled={!confirmed}>
          {t('shell.demo.reset.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
