import type { BackupProblemCode } from '../../contract';
import { AppError } from '../lib/errors';
import { said, type Said } from '../lib/message';
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
