import type {
  BackupKind,
  BackupOperation,
  BackupPhase,
  BackupProblemCode,
  BackupRow,
  BackupSettings,
  FolderProblemCode,
  RetentionPolicy,
  VerificationStatus,
} from '../../contract';
import type { BadgeTone } from '../../components/Badge';

export const kindTone: Record<BackupKind, BadgeTone> = {
  scheduled: 'neutral',
  manual: 'accent',
  'pre-migration': 'info',
  'pre-restore': 'warning',
};

/** i18n keys cannot hold a dash comfortably everywhere; "pre-restore" is "preRestore" there. */
export const kindKey = (kind: BackupKind) => kind.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

export interface BackupProgress {
  operation: BackupOperation;
  phase: BackupPhase;
  percent: number;
}

export const verificationTone: Record<VerificationStatus, BadgeTone> = {
  verified: 'success',
  failed: 'danger',
  unverified: 'neutral',
};

/**
 * A problem to show: a translation (key and values) chosen by the server's code, or, for a problem
 * without a code, the server's own words. `detail` is the server's English text where it names
 * specifics the translation leaves out (an error code, a key ID, what the check found).
 */
export type ProblemMessage =
  { key: string; values: Record<string, string>; detail: string | null } | { key: null; text: string };

/** Problems whose server text says more than the translation (errno codes). */
const detailedFolderProblems: ReadonlySet<FolderProblemCode> = new Set(['unreachable', 'not_writable']);
/** Problems whose server text says more than the translation (errno, key IDs, what the check found). */
const detailedBackupProblems: ReadonlySet<BackupProblemCode> = new Set([
  'unreadable',
  'no_key',
  'wrong_key',
  'integrity',
  'mismatch',
  'no_space',
]);

const orDetail = (text: string | null) => (text?.trim() ? text.trim() : null);

/** What to say about a backup folder that cannot be used. */
export function folderProblemMessage(folder: {
  path: string;
  problem: string | null;
  problemCode: FolderProblemCode | null;
}): ProblemMessage {
  const text = orDetail(folder.problem);
  if (folder.problemCode === null)
    return text !== null
      ? { key: null, text }
      : { key: 'backups.folder.problemUnknown', values: {}, detail: null };
  return {
    key: `backups.folder.problems.${folder.problemCode}`,
    values: { path: folder.path },
    detail: detailedFolderProblems.has(folder.problemCode) ? text : null,
  };
}

/**
 * What to say about a backup that failed its check or cannot be restored; `fallbackKey` is said
 * when there is neither a code nor a text.
 */
export function backupProblemMessage(
  code: BackupProblemCode | null,
  text: string | null,
  appVersion: string,
  fallbackKey = 'backups.verification.noReason',
): ProblemMessage {
  const server = orDetail(text);
  if (code === null)
    return server !== null ? { key: null, text: server } : { key: fallbackKey, values: {}, detail: null };
  const version = appVersion.trim();
  // a backup whose manifest cannot be read has no version to name
  if (code === 'newer_version' && version === '')
    return { key: 'backups.problems.newer_version_unnamed', values: {}, detail: null };
  return {
    key: `backups.problems.${code}`,
    values: code === 'newer_version' ? { version } : {},
    detail: detailedBackupProblems.has(code) ? server : null,
  };
}

/** Within a minute of the clock is "now": the server's clock and the page's may differ a little. */
export const settle = (at: number, now: number) => (Math.abs(at - now) < 60_000 ? now : at);

/** Puts a new or changed backup in the list, newest first. */
export function upsertBackup(rows: readonly BackupRow[], row: BackupRow): BackupRow[] {
  return [...rows.filter((r) => r.file !== row.file), row].sort((a, b) => b.createdAt - a.createdAt);
}

/** Absolute on Linux/macOS (/mnt/backups), Windows (D:\Backups) or a network share (\\server\share). */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(path.trim());
}

/** The settings form as typed: numbers stay text until they are checked. */
export interface SettingsDraft {
  folder: string;
  scheduleEnabled: boolean;
  everyHours: string;
  dailyOn: boolean;
  dailyAt: string;
  keepLast: string;
  daily: string;
  weekly: string;
  monthly: string;
  encryption: boolean;
}

export type RetentionField = keyof RetentionPolicy;
export const retentionFields = [
  'keepLast',
  'daily',
  'weekly',
  'monthly',
] as const satisfies readonly RetentionField[];
export const retentionRange: Record<RetentionField, { min: number; max: number }> = {
  keepLast: { min: 1, max: 1000 },
  daily: { min: 0, max: 366 },
  weekly: { min: 0, max: 520 },
  monthly: { min: 0, max: 240 },
};
export const everyHoursRange = { min: 0, max: 168 };

export type DraftField = 'folder' | 'everyHours' | 'dailyAt' | 'schedule' | RetentionField;
/** An i18n key under backups.settings.errors and its values. */
export interface DraftError {
  key: 'folderRequired' | 'folderAbsolute' | 'range' | 'time' | 'nothingScheduled';
  min?: number;
  max?: number;
}
export type DraftErrors = Partial<Record<DraftField, DraftError>>;

export function toDraft(settings: BackupSettings): SettingsDraft {
  return {
    folder: settings.folder,
    scheduleEnabled: settings.schedule.enabled,
    everyHours: String(settings.schedule.everyHours),
    dailyOn: settings.schedule.dailyAt !== null,
    dailyAt: settings.schedule.dailyAt ?? '02:00',
    keepLast: String(settings.retention.keepLast),
    daily: String(settings.retention.daily),
    weekly: String(settings.retention.weekly),
    monthly: String(settings.retention.monthly),
    encryption: settings.encryption,
  };
}

function whole(text: string, range: { min: number; max: number }): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= range.min && value <= range.max ? value : null;
}

/** The retention policy typed so far, or null while a number is missing or out of range. */
export function draftRetention(draft: SettingsDraft): RetentionPolicy | null {
  const keepLast = whole(draft.keepLast, retentionRange.keepLast);
  const daily = whole(draft.daily, retentionRange.daily);
  const weekly = whole(draft.weekly, retentionRange.weekly);
  const monthly = whole(draft.monthly, retentionRange.monthly);
  if (keepLast === null || daily === null || weekly === null || monthly === null) return null;
  return { keepLast, daily, weekly, monthly };
}

export const sameRetention = (a: RetentionPolicy, b: RetentionPolicy) =>
  retentionFields.every((field) => a[field] === b[field]);

/** Checks the form; `settings` is what to save when there are no errors. */
export function checkDraft(draft: SettingsDraft): { settings: BackupSettings | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const folder = draft.folder.trim();
  if (!folder) errors.folder = { key: 'folderRequired' };
  else if (!isAbsolutePath(folder)) errors.folder = { key: 'folderAbsolute' };
  const everyHours = whole(draft.everyHours, everyHoursRange);
  if (everyHours === null) errors.everyHours = { key: 'range', ...everyHoursRange };
  const dailyAt = draft.dailyOn ? draft.dailyAt.trim() : null;
  if (dailyAt !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(dailyAt)) errors.dailyAt = { key: 'time' };
  if (draft.scheduleEnabled && everyHours === 0 && dailyAt === null)
    errors.schedule = { key: 'nothingScheduled' };
  for (const field of retentionFields) {
    if (whole(draft[field], retentionRange[field]) === null)
      errors[field] = { key: 'range', ...retentionRange[field] };
  }
  const retention = draftRetention(draft);
  if (Object.keys(errors).length > 0 || everyHours === null || retention === null)
    return { settings: null, errors };
  return {
    settings: {
      folder,
      schedule: { enabled: draft.scheduleEnabled, everyHours, dailyAt },
      retention,
      encryption: draft.encryption,
    },
    errors,
  };
}

/** Whether the form differs from the saved settings (numbers compared as numbers). */
export function draftChanged(draft: SettingsDraft, saved: BackupSettings): boolean {
  const a = toDraft(saved);
  const norm = (d: SettingsDraft) => ({
    ...d,
    folder: d.folder.trim(),
    everyHours: d.everyHours.trim().replace(/^0+(?=\d)/, ''),
    dailyAt: d.dailyOn ? d.dailyAt : '',
    keepLast: d.keepLast.trim().replace(/^0+(?=\d)/, ''),
    daily: d.daily.trim().replace(/^0+(?=\d)/, ''),
    weekly: d.weekly.trim().replace(/^0+(?=\d)/, ''),
    monthly: d.monthly.trim().replace(/^0+(?=\d)/, ''),
  });
  return JSON.stringify(norm(draft)) !== JSON.stringify(norm(a));
}
