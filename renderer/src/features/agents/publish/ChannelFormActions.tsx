import { Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';

/** The foot of a channel's form: delete on the left (a saved channel), cancel and save on the right. */
export function ChannelFormActions({
  saved,
  busy,
  createLabel,
  onDelete,
  onCancel,
}: {
  saved: boolean;
  busy: boolean;
  createLabel: string;
  onDelete?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
      {saved && onDelete ? (
        <Button
          variant="ghostDanger"
          icon={<Trash2 aria-hidden="true" className="size-4" />}
          onClick={onDelete}
          disabled={busy}
        >
          {t('agents.publish.delete.button')}
        </Button>
      ) : (
        <span />
      )}
      <div className="flex flex-wrap gap-3">
        {onCancel && (
          <Button onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" variant="primary" busy={busy}>
          {saved ? t('agents.publish.save') : createLabel}
        </Button>
      </div>
    </div>
  );
}
