import type Database from 'better-sqlite3';
import type { HandlerMap } from '../context';
import type { AuditService } from '../audit/service';
import type { BackupService } from '../backups/backup-service';
import type { GuardianService } from '../guardian/guardian-service';
import { conflict } from '../lib/errors';
import { demoInstallation, markDemoInstallation } from './status';
import { ensureDemoBackup } from './kept-backup';

export interface DemoHandlerDeps {
  sqlite: Database.Database;
  audit: AuditService;
  guardian: GuardianService;
  backups: BackupService;
  dataDir: string;
}

export function demoHandlers(deps: DemoHandlerDeps): Pick<HandlerMap, 'demo.reset'> {
  const { sqlite, audit, guardian, backups, dataDir } = deps;
  return {
    'demo.reset': async (_input, ctx) => {
      const session = ctx.auth();
      const demo = demoInstallation(sqlite);
      if (!demo) throw conflict('This is not a demo installation; only a demo can be reset.', 'not_a_demo');
      const file = demo.backupFile;
      // retention may have deleted it from the backups folder: the demo's own copy is put back then
      const known = file ? await ensureDemoBackup(dataDir, backups, file) : false;
      if (!file || !known)
        throw conflict(
          "The backup the demo made at the end of its build is gone, so it cannot be reset; build a new demo with 'mindframe demo'.",
          'demo_backup_missing',
        );
      const outcome = await backups.restore(file);
      // the restored database was backed up before its marker named that backup: name it again
      markDemoInstallation(sqlite, { ...(demoInstallation(sqlite) ?? demo), backupFile: file });
      // written after the restore, into the restored audit log (as backups.restore does)
      const exists = (table: 'tenants' | 'users', id: string) =>
        sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = @id`).get({ id }) !== undefined;
      const tenantId = exists('tenants', session.tenantId) ? session.tenantId : guardian.homeTenantId();
      if (tenantId)
        audit.append([
          {
            tenantId,
            actorId: exists('users', session.userId) ? session.userId : null,
            actorName: session.name,
            action: 'demo.reset',
            targetType: 'installation',
            targetId: file,
            details: { seed: demo.seed, days: demo.days, preRestore: outcome.preRestoreBackup.file },
            ip: ctx.call.ip ?? null,
          },
        ]);
      ctx.markAudited();
      return { seed: demo.seed, days: demo.days, preResetBackup: outcome.preRestoreBackup.file };
    },
  };
}
