import type { HandlerMap } from '../context';
import { verifyPassword } from '../auth/passwords';
import { AppError } from '../lib/errors';

type BackupMethods =
  | 'backups.list'
  | 'backups.create'
  | 'backups.verify'
  | 'backups.restore'
  | 'backups.settings'
  | 'backups.saveSettings'
  | 'backups.previewRetention'
  | 'backups.exportKey';

export const backupsHandlers: Pick<HandlerMap, BackupMethods> = {
  'backups.list': async (_input, ctx) => {
    const { backups } = ctx.services;
    const entries = await backups.list();
    return {
      backups: entries.map((e) => e.row),
      folder: backups.folder(),
      lastVerifiedAt: backups.lastVerifiedBackupAt(),
      nextScheduledAt: backups.nextScheduledAt(),
      running: backups.runningState(),
    };
  },

  'backups.create': async (_input, ctx) => {
    const row = await ctx.services.backups.create('manual');
    ctx.audit({
      action: 'backups.create',
      targetType: 'backup',
      targetId: row.file,
      details: { bytes: row.bytes, encrypted: row.encrypted, verification: row.verification.status },
    });
    return row;
  },

  'backups.verify': async (input, ctx) => {
    const row = await ctx.services.backups.verify(input.file);
    ctx.audit({
      action: 'backups.verify',
      targetType: 'backup',
      targetId: row.file,
      details: { status: row.verification.status, reason: row.verification.reason },
    });
    return row;
  },

  'backups.restore': async (input, ctx) => {
    const outcome = await ctx.services.backups.restore(input.file);
    // written after the restore, so it lands in the restored audit log
    ctx.audit({
      action: 'backups.restore',
      targetType: 'backup',
      targetId: outcome.restored.file,
      details: {
        backupCreatedAt: outcome.restored.createdAt,
        preRestoreBackup: outcome.preRestoreBackup.file,
        migrated: outcome.migrated,
      },
    });
    return outcome;
  },

  'backups.settings': (_input, ctx) => {
    const { backups } = ctx.services;
    return {
      settings: backups.settings(),
      defaults: backups.defaults(),
      keyStore: backups.keys.backend,
      hasKey: backups.keys.current() !== null,
    };
  },

  'backups.saveSettings': async (input, ctx) => {
    const before = ctx.services.backups.settings();
    const result = await ctx.services.backups.saveSettings(input);
    ctx.audit({
      action: 'backups.saveSettings',
      targetType: 'installation',
      details: { before, after: result.settings, deleted: result.deleted },
    });
    return result;
  },

  'backups.previewRetention': async (input, ctx) => {
    const { backups } = ctx.services;
    const plan = backups.previewRetention(input.retention, await backups.list());
    return {
      keep: plan.keep,
      delete: plan.delete.map(({ file, createdAt, kind }) => ({ file, createdAt, kind })),
    };
  },

  'backups.exportKey': async (input, ctx) => {
    const session = ctx.auth();
    const user = ctx.services.sqlite
      .prepare<[string], { password_hash: string | null }>('SELECT password_hash FROM users WHERE id = ?')
      .get(session.userId);
    if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.password))) {
      ctx.auditNow({
        tenantId: session.tenantId,
        action: 'backups.exportKey.denied',
        targetType: 'installation',
      });
      throw new AppError('VALIDATION', 'The password is not correct.', { field: 'password' });
    }
    const exported = ctx.services.backups.exportKey();
    ctx.audit({
      action: 'backups.exportKey',
      targetType: 'installation',
      details: { keyId: exported.keyId },
    });
    return exported;
  },
};
