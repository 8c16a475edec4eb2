import { describe, expect, it } from 'vitest';
import {
  backupProblemCodes,
  folderProblemCodes,
  type BackupRow,
  type BackupSettings,
  type FolderProblemCode,
} from '../../contract';
import {
  backupProblemMessage,
  checkDraft,
  draftChanged,
  draftRetention,
  folderProblemMessage,
  isAbsolutePath,
  kindKey,
  settle,
  toDraft,
  upsertBackup,
} from './backup-meta';

const settings: BackupSettings = {
  folder: '/var/backups/mindframe',
  schedule: { enabled: true, everyHours: 0, dailyAt: '02:00' },
  retention: { keepLast: 7, daily: 7, weekly: 4, monthly: 12 },
  encryption: true,
};

const row = (file: string, createdAt: number): BackupRow => ({
  file,
  createdAt,
  kind: 'manual',
  bytes: 1,
  databaseBytes: 1,
  encrypted: false,
  appVersion: '0.1.0',
  schemaVersion: 1,
  verification: { status: 'unverified', at: null, reason: null, reasonCode: null },
  notRestorable: null,
  notRestorableCode: null,
});

describe('backup settings form', () => {
  it('gives back the saved settings when nothing changed', () => {
    const draft = toDraft(settings);
    expect(checkDraft(draft)).toEqual({ settings, errors: {} });
    expect(draftChanged(draft, settings)).toBe(false);
  });

  it('sees a change, but not a number typed with a leading zero or spaces around the folder', () => {
    const draft = toDraft(settings);
    expect(draftChanged({ ...draft, keepLast: '8' }, settings)).toBe(true);
    expect(draftChanged({ ...draft, keepLast: '07', folder: ' /var/backups/mindframe ' }, settings)).toBe(
      false,
    );
    expect(draftChanged({ ...draft, dailyOn: false }, settings)).toBe(true);
  });

  it('turns the daily switch into a time or null', () => {
    const off = checkDraft({ ...toDraft(settings), dailyOn: false, everyHours: '6' });
    expect(off.settings?.schedule).toEqual({ enabled: true, everyHours: 6, dailyAt: null });
  });

  it('names each field that is wrong', () => {
    const { settings: result, errors } = checkDraft({
      ...toDraft(settings),
      folder: 'backups',
      everyHours: '200',
      dailyAt: '25:00',
      keepLast: '0',
      weekly: '1.5',
      monthly: '',
    });
    expect(result).toBeNull();
    expect(errors).toEqual({
      folder: { key: 'folderAbsolute' },
      everyHours: { key: 'range', min: 0, max: 168 },
      dailyAt: { key: 'time' },
      keepLast: { key: 'range', min: 1, max: 1000 },
      weekly: { key: 'range', min: 0, max: 520 },
      monthly: { key: 'range', min: 0, max: 240 },
    });
  });

  it('refuses a schedule that never runs, unless automatic backups are off', () => {
    const never = { ...toDraft(settings), everyHours: '0', dailyOn: false };
    expect(checkDraft(never).errors.schedule).toEqual({ key: 'nothingScheduled' });
    expect(checkDraft({ ...never, scheduleEnabled: false }).errors).toEqual({});
  });

  it('reads the retention policy only when every number is valid', () => {
    expect(draftRetention(toDraft(settings))).toEqual(settings.retention);
    expect(draftRetention({ ...toDraft(settings), daily: '-1' })).toBeNull();
  });
});

describe('isAbsolutePath', () => {
  it('accepts Unix, Windows and network paths', () => {
    for (const path of ['/mnt/backups', 'D:\\Backups', 'e:/backups', '\\\\nas\\backups'])
      expect(isAbsolutePath(path)).toBe(true);
    for (const path of ['backups', './backups', 'D:backups', '~/backups', ''])
      expect(isAbsolutePath(path)).toBe(false);
  });
});

describe('backup rows', () => {
  it('replace a row with the same file and keep newest first', () => {
    const rows = [row('b.mfbackup', 2), row('a.mfbackup', 1)];
    const verified = {
      ...row('a.mfbackup', 1),
      verification: { status: 'verified' as const, at: 3, reason: null, reasonCode: null },
    };
    expect(upsertBackup(rows, verified).map((r) => r.file)).toEqual(['b.mfbackup', 'a.mfbackup']);
    expect(upsertBackup(rows, verified)[1]!.verification.status).toBe('verified');
    expect(upsertBackup(rows, row('c.mfbackup', 3))[0]!.file).toBe('c.mfbackup');
  });

  it('key kinds for translations without dashes', () => {
    expect(kindKey('pre-restore')).toBe('preRestore');
    expect(kindKey('scheduled')).toBe('scheduled');
  });
});

describe('settle', () => {
  it('treats times within a minute of the clock as now', () => {
    expect(settle(10_500, 10_000)).toBe(10_000);
    expect(settle(9_000, 10_000)).toBe(10_000);
    expect(settle(200_000, 10_000)).toBe(200_000);
  });
});

describe('problem messages', () => {
  const folder = (problemCode: FolderProblemCode | null, problem: string | null) => ({
    path: '/mnt/usb/backups',
    problem,
    problemCode,
  });

  it('translate a folder problem by its code, naming the folder', () => {
    expect(
      folderProblemMessage(
        folder('missing', 'The backup folder /mnt/usb/backups does not exist (is the disk connected?).'),
      ),
    ).toEqual({
      key: 'backups.folder.problems.missing',
      values: { path: '/mnt/usb/backups' },
      detail: null,
    });
    for (const code of folderProblemCodes)
      expect(folderProblemMessage(folder(code, 'words')).key).toBe(`backups.folder.problems.${code}`);
  });

  it("keep the server's words as details only where they add something", () => {
    const text = 'Backups cannot be written to /mnt/usb/backups (EACCES): check its permissions.';
    expect(folderProblemMessage(folder('not_writable', text))).toMatchObject({ detail: text });
    expect(folderProblemMessage(folder('unreachable', ` ${text} `))).toMatchObject({ detail: text });
    expect(folderProblemMessage(folder('not_folder', text))).toMatchObject({ detail: null });
    expect(folderProblemMessage(folder('not_writable', null))).toMatchObject({ detail: null });
  });

  it("fall back to the server's words without a code, and to a general message without either", () => {
    expect(folderProblemMessage(folder(null, 'Something new.'))).toEqual({
      key: null,
      text: 'Something new.',
    });
    expect(folderProblemMessage(folder(null, null))).toEqual({
      key: 'backups.folder.problemUnknown',
      values: {},
      detail: null,
    });
    expect(folderProblemMessage(folder(null, '  '))).toMatchObject({ key: 'backups.folder.problemUnknown' });
  });

  it('translate a backup problem by its code', () => {
    for (const code of backupProblemCodes)
      expect(backupProblemMessage(code, 'words', '1.0.0').key).toMatch(/^backups\.problems\./);
    expect(backupProblemMessage('truncated', 'The backup file is cut short (truncated).', '0.1.0')).toEqual({
      key: 'backups.problems.truncated',
      values: {},
      detail: null,
    });
  });

  it('name the version that made a newer backup, when it is known', () => {
    expect(
      backupProblemMessage('newer_version', 'Made by a newer version (2.0.0, schema 9).', '2.0.0'),
    ).toEqual({ key: 'backups.problems.newer_version', values: { version: '2.0.0' }, detail: null });
    expect(backupProblemMessage('newer_version', 'backup format 3', '')).toEqual({
      key: 'backups.problems.newer_version_unnamed',
      values: {},
      detail: null,
    });
  });

  it('keep the specifics of a failed check as details', () => {
    const integrity = 'The database in the backup is damaged: row 3 missing from index';
    expect(backupProblemMessage('integrity', integrity, '0.1.0')).toMatchObject({ detail: integrity });
    const mismatch = "The backup's table agents has 2 rows; its manifest says 3.";
    expect(backupProblemMessage('mismatch', mismatch, '0.1.0')).toMatchObject({ detail: mismatch });
    const unreadable = 'The backup file cannot be read (EIO).';
    expect(backupProblemMessage('unreadable', unreadable, '0.1.0')).toMatchObject({ detail: unreadable });
    expect(backupProblemMessage('damaged', 'The backup is damaged.', '0.1.0')).toMatchObject({
      detail: null,
    });
  });

  it("fall back to the server's words without a code, and to the given key without either", () => {
    expect(backupProblemMessage(null, 'Verification failed.', '0.1.0')).toEqual({
      key: null,
      text: 'Verification failed.',
    });
    expect(backupProblemMessage(null, null, '0.1.0')).toEqual({
      key: 'backups.verification.noReason',
      values: {},
      detail: null,
    });
  });
});
