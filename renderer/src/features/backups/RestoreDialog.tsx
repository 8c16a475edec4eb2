import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ProgressBar } from '../../components/ProgressBar';
import type { BackupRow } from '../../contract';
import { useFormat } from '../../i18n/format';
import { useBackupsStore, type RestoreResult } from '../../stores/backups-store';
import { useToastStore } from '../../stores/toast-store';
import { useKindText, useProgressText } from './backup-text';

interface RestoreDialogProps {
  /** The backup to restore; null keeps the dialog closed. */
  backup: BackupRow | null;
  onOpenChange(open: boolean): void;
  onRestored(result: RestoreResult): void;
}

/** Says exactly what a restore does and asks for the confirmation word before it starts. */
export function RestoreDialog({ backup, onOpenChange, onRestored }: RestoreDialogProps) {
  const { t } = useTranslation();
  const { dateTime, bytes } = useFormat();
  const kindText = useKindText();
  const progressText = useProgressText();
  const showToast = useToastStore((state) => state.show);
  const restore = useBackupsStore((state) => state.restore);
  const progress = useBackupsStore((state) => state.progress);
  const shown = progress?.operation === 'restore' ? progressText(progress) : null;
  const word = t('backups.restore.confirmWord');
  return (
    <ConfirmDialog
      open={backup !== null}
      onOpenChange={onOpenChange}
      title={t('backups.restore.title')}
      description={
        backup ? t('backups.restore.description', { time: dateTime(backup.createdAt) }) : undefined
      }
      confirmLabel={t('backups.restore.submit')}
      size="md"
      typeToConfirm={{
        word,
        label: t('backups.restore.typeToConfirm', { word }),
        hint: t('backups.restore.typeHint'),
      }}
      busyContent={
        <ProgressBar
          label={shown?.label ?? t('backups.operations.restore')}
          percent={progress?.operation === 'restore' ? progress.percent : null}
          detail={shown?.phase ?? t('backups.restore.starting')}
        />
      }
      errorTitle={t('backups.restore.failed')}
      onConfirm={async () => {
        if (!backup) return;
        const result = await restore(backup.file);
        showToast(
          'success',
          t('backups.restore.doneToast', {
            time: dateTime(result.restored.createdAt),
            file: result.preRestoreBackup.file,
          }),
        );
        onRestored(result);
      }}
    >
      {backup && (
        <>
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 rounded-lg bg-slate-50 px-4 py-3 text-sm ring-1 ring-slate-200">
            <dt className="text-slate-500">{t('backups.restore.fileLabel')}</dt>
            <dd className="truncate font-mono text-xs leading-5 text-slate-800" title={backup.file}>
              {backup.file}
            </dd>
            <dt className="text-slate-500">{t('backups.columns.kind')}</dt>
            <dd className="text-slate-800">{kindText(backup.kind)}</dd>
            <dt className="text-slate-500">{t('backups.columns.size')}</dt>
            <dd className="text-slate-800">{bytes(backup.bytes)}</dd>
            <dt className="text-slate-500">{t('backups.restore.versionLabel')}</dt>
            <dd className="text-slate-800">{backup.appVersion}</dd>
          </dl>
          {backup.verification.status !== 'verified' && (
            <Alert tone="warning">{t('backups.restore.notVerified')}</Alert>
          )}
        </>
      )}
    </ConfirmDialog>
  );
}
