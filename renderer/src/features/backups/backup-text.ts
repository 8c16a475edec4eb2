import { useTranslation } from 'react-i18next';
import type { BackupKind } from '../../contract';
import { kindKey, type BackupProgress } from './backup-meta';

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
