import type Database from 'better-sqlite3';
import type { AuditService } from '../audit/service';
import type { GuardianService } from '../guardian/guardian-service';
import type { BackupService } from './backup-service';
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

export interface BackupsHandlerDeps {
  sqlite: Database.Database;
  audit: AuditService;
  guardian: GuardianService;
  backups: BackupService;
}

export function backupsHandlers(deps: BackupsHandlerDeps): Pick<HandlerMap, BackupMethods> {
  const { sqlite, audit, guardian, backups } = deps;
  return {
    'backups.list': async (_input, _ctx) => {
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
      const row = await backups.create('manual');
      ctx.audit({
        action: 'backups.create',
        targetType: 'backup',
        targetId: row.file,
        details: { bytes: row.bytes, encrypted: row.encrypted, verification: row.verification.status },
      });
      return row;
    },

    'backups.verify': async (input, ctx) => {
      const row = await backups.verify(input.file);
      ctx.audit({
        action: 'backups.verify',
        targetType: 'backup',
        targetId: row.file,
        details: { status: row.verification.status, reason: row.verification.reason },
      });
      return row;
    },

    'backups.restore': async (input, ctx) => {
      const session = ctx.auth();
      const outcome = await backups.restore(input.file);
      // written after the restore, into the restored audit log: the caller's organisation (or even
      // the caller) may not exist in a backup made before them
      const exists = (table: 'tenants' | 'users', id: string) =>
        sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
      const tenantId = exists('tenants', session.tenantId) ? session.tenantId : guardian.homeTenantId();
      if (tenantId)
        audit.append([
          {
            tenantId,
            actorId: exists('users', session.userId) ? session.userId : null,
            actorName: session.name,
            action: 'backups.restore',
            targetType: 'backup',
            targetId: outcome.restored.file,
            details: {
              backupCreatedAt: outcome.restored.createdAt,
              preRestoreBackup: outcome.preRestoreBackup.file,
              migrated: outcome.migrated,
            },
            ip: ctx.call.ip ?? null,
          },
        ]);
      ctx.markAudited();
      return outcome;
    },

    'backups.settings': (_input, _ctx) => {
      return {
        settings: backups.settings(),
        defaults: backups.defaults(),
        keyStore: backups.keys.backend,
        hasKey: backups.keys.current() !== null,
      };
    },

    'backups.saveSettings': async (input, ctx) => {
      const before = backups.settings();
      const result = await backups.saveSettings(input);
      ctx.audit({
        action: 'backups.saveSettings',
        targetType: 'installation',
        details: { before, after: result.settings, deleted: result.deleted },
      });
      return result;
    },

    'backups.previewRetention': async (input, _ctx) => {
      const plan = backups.previewRetention(input.retention, await backups.list());
      return {
        keep: plan.keep,
        delete: plan.delete.map(({ file, createdAt, kind }) => ({ file, createdAt, kind })),
      };
    },

    'backups.exportKey': async (input, ctx) => {
      const session = ctx.auth();
      const user = sqlite
        .prepare<[string], { password_hash: string | null }>('SELECT password_hash FROM users WHERE id = ?')
        .get(session.userId);
      if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.password))) {
        ctx.auditNow({
          tenantId: session.tenantId,
          action: 'backups.exportKey.denied',
          targetType: 'installation',
        });
        throw new AppError('VALIDATION', 'The password is not correct.', {
          field: 'password',
          reason: 'wrong_password',
        });
      }
      const exported = backups.exportKey();
      ctx.audit({
        action: 'backups.exportKey',
        targetType: 'installation',
        details: { keyId: exported.keyId },
      });
      return exported;
    },
  };
}
