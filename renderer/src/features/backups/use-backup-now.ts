import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupRow } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useMessageText } from '../../i18n/message';
import { useBackupsStore } from '../../stores/backups-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport } from '../../transport';
import { useVerificationReason } from './backup-text';

/**
 * This window's own "Back up now". Its result is told once: by the backup.finished event or by the
 * call's answer, whichever arrives first (the event also reaches windows that did not start it).
 */
let ownBackup: { announced: boolean } | null = null;

function useAnnounce() {
  const { t } = useTranslation();
  const { bytes } = useFormat();
  const verificationReason = useVerificationReason();
  const showToast = useToastStore((state) => state.show);
  return useCallback(
    (row: BackupRow | null, failure: string | null) => {
      if (failure !== null || !row) {
        showToast('error', t('backups.now.failed', { reason: failure ?? t('errors.INTERNAL') }));
      } else if (row.verification.status === 'failed') {
        showToast('warning', t('backups.now.doneNotVerified', { reason: verificationReason(row).text }));
      } else {
        showToast(
          'success',
          row.verification.status === 'verified'
            ? t('backups.now.doneVerified', { size: bytes(row.bytes) })
            : t('backups.now.done', { size: bytes(row.bytes) }),
        );
      }
    },
    [t, bytes, showToast, verificationReason],
  );
}

/** Toasts for backups that finish while the Backups page is open (scheduled ones too). */
export function useBackupFinishedToasts(): void {
  const announce = useAnnounce();
  const say = useMessageText();
  useEffect(
    () =>
      transport.on('backup.finished', (finished) => {
        if (finished.operation !== 'backup') return;
        if (ownBackup) {
          if (ownBackup.announced) return;
          ownBackup.announced = true;
        }
        announce(
          finished.backup,
          finished.ok
            ? null
            : finished.errorMessage
              ? say(finished.errorMessage, finished.error ?? undefined)
              : (finished.error ?? null),
        );
      }),
    [announce, say],
  );
}

/** Starts a backup; progress arrives through the store, the outcome as a toast. */
export function useBackupNow(): () => Promise<void> {
  const announce = useAnnounce();
  const message = useErrorMessage();
  const create = useBackupsStore((state) => state.create);
  return useCallback(async () => {
    const mine = { announced: false };
    ownBackup = mine;
    try {
      const row = await create();
      if (!mine.announced) announce(row, null);
    } catch (caught) {
      const error = toCallError(caught);
      if (!mine.announced) announce(null, message(error));
    } finally {
      mine.announced = true;
      // a late event for this backup is still recognised for a moment
      setTimeout(() => {
        if (ownBackup === mine) ownBackup = null;
      }, 5_000);
    }
  }, [announce, create, message]);
}
