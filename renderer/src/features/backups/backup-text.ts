import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupKind, BackupRow } from '../../contract';
import { backupProblemMessage, kindKey, type BackupProgress, type ProblemMessage } from './backup-meta';

/** What a running backup operation is doing, in words. */
export function useProgressText() {
  const { t } = useTranslation();
  return (progress: BackupProgress) => ({
    label: t(`backups.operations.${progress.operation}`),
    phase: t(`backups.phases.${progress.phase}`),
  });
}

export function useKindText() {
  const { t } = useTranslation();
  return (kind: BackupKind) => t(`backups.kinds.${kindKey(kind)}`);
}

export interface ProblemText {
  /** In the user's language when the server gave a code; otherwise the server's words. */
  text: string;
  /** The server's English details, only where they add something to the text. */
  detail: string | null;
}

/** A folder or backup problem in the user's language. */
export function useProblemText() {
  const { t } = useTranslation();
  return useCallback(
    (message: ProblemMessage): ProblemText =>
      message.key === null
        ? { text: message.text, detail: null }
        : { text: t(message.key, message.values), detail: message.detail },
    [t],
  );
}

/** Why a backup failed its check, in the user's language. */
export function useVerificationReason() {
  const problemText = useProblemText();
  return useCallback(
    (row: BackupRow): ProblemText =>
      problemText(backupProblemMessage(row.verification.reasonCode, row.verification.reason, row.appVersion)),
    [problemText],
  );
}

/** Why a backup cannot be restored, in the user's language. */
export function useNotRestorableReason() {
  const problemText = useProblemText();
  return useCallback(
    (row: BackupRow): ProblemText =>
      problemText(backupProblemMessage(row.notRestorableCode, row.notRestorable, row.appVersion)),
    [problemText],
  );
}
