import type { BackupProblemCode, ErrorReason, Message, MessageParams } from '../../contract';
import { AppError } from '../lib/errors';
import { message, said, type Said } from '../lib/message';
import { BackupFileError } from './file-format';
import type { FolderState } from './folder';

/** Why backups cannot be written to the folder (for the Guardian's backup check). */
export function folderProblem(folder: FolderState): Said {
  return said(
    'backups.folder_unusable',
    { problem: folder.problemCode ?? 'unreachable', path: folder.path },
    folder.problem ?? 'The backup folder cannot be used.',
  );
}

/** Why the last backup failed; `text` is the English of the failure (logs, notifications). */
export function backupFailure(error: unknown, text: string): Said {
  if (error instanceof BackupFileError) return said('backups.failed_because', { problem: error.code }, text);
  if (error instanceof AppError && error.extra.reason)
    return said('backups.failed_refused', { ...error.extra.params, reason: error.extra.reason }, text);
  return said('backups.failed', undefined, text);
}

/** A backup that failed its check. */
export function verificationFailure(file: string, code: BackupProblemCode | null, text: string): Said {
  return code
    ? said('backups.verification_failed', { file, problem: code }, text)
    : said('backups.verification_failed_unexplained', { file }, text);
}

/** The refusal of a folder that cannot take backups (reason backup_folder_unusable). */
export function folderRefusal(folder: FolderState, code: 'UNAVAILABLE' | 'VALIDATION'): AppError {
  return new AppError(code, folder.problem ?? 'The backup folder cannot be used.', {
    ...(code === 'VALIDATION' ? { field: 'folder' } : {}),
    reason: 'backup_folder_unusable',
    params: { problem: folder.problemCode ?? 'unreachable', path: folder.path },
  });
}

/** A backup file this app cannot use, as a refusal (reason backup_unusable, or without a code: unexplained). */
export function unusableBackup(
  code: BackupProblemCode | null,
  extra: { version?: string } = {},
): { reason: ErrorReason; params?: MessageParams } {
  if (code === null) return { reason: 'backup_unusable_unexplained' };
  return { reason: 'backup_unusable', params: { problem: code, ...extra } };
}

/**
 * Why an operation failed, for the backup.finished event: a refusal's reason (errors.reasons), a
 * backup file's problem (backups.problems), or "the details are in the log".
 */
export function failureMessage(error: unknown): Message {
  if (error instanceof AppError && error.extra.reason)
    return message('refused', { ...error.extra.params, reason: error.extra.reason });
  if (error instanceof BackupFileError) return message('backups.problem', { problem: error.code });
  return message('backups.see_log');
}

/** Why a backup failed its check, for the backup.finished event. */
export function verificationMessage(code: BackupProblemCode | null): Message {
  return code ? message('backups.problem', { problem: code }) : message('backups.see_log');
}
