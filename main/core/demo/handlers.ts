import type Database from 'better-sqlite3';
import type { HandlerMap } from '../context';
import type { AuditService } from '../audit/service';
import type { BackupService } from '../backups/backup-service';
import type { GuardianService } from '../guardian/guardian-service';
import { conflict } from '../lib/errors';
import { demoInstallation, markDemoInstallation } from './status';
import { ensureDemoBackup } from './kept-backup';
import type { Logger } from '../lib/logger';
import type { SessionDeps } from '../auth/me';
import { startSession } from '../auth/me';
import { DemoBuilder } from './one-click';
import type { BillingDomain } from '../billing/domain';
import { reloadDemoBillingSettings } from '../billing/demo-seed';

export interface DemoHandlerDeps extends SessionDeps {
  sqlite: Database.Database;
  logger: Logger;
  appRoot: string;
  billing: BillingDomain;
  audit: AuditService;
  guardian: GuardianService;
  backups: BackupService;
  dataDir: string;
}

export function demoHandlers(
  deps: DemoHandlerDeps,
): Pick<HandlerMap, 'demo.reset' | 'demo.build' | 'demo.buildStatus'> {
  const { sqlite, audit, guardian, backups, dataDir } = deps;
  const builder = new DemoBuilder({
    sqlite,
    dataDir,
    backups,
    audit,
    logger: deps.logger,
    afterRestore: () => {
      reloadDemoBillingSettings(sqlite, deps.billing.settings);
      deps.billing.entitlements.invalidate();
    },
    needsSetup: () => (sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n === 0,
    // bound late: the builder makes a core of its own (main/core/index.ts, which composes this one)
    build: async (options) => {
      const { buildDemoInstallation } = await import('../index');
      return buildDemoInstallation({ ...options, appRoot: deps.appRoot });
    },
  });
  return {
    'demo.build': (input, ctx) => {
      const started = builder.start(input, ctx.call.ip ?? null);
      // audited when the demo stands, in its main organisation's log (there is none before)
      ctx.markAudited();
      return started;
    },

    'demo.buildStatus': (input, ctx) => {
      const status = builder.status(input.claim);
      const owner = status.owner;
      return {
        state: status.state,
        step: status.step,
        percent: status.percent,
        reason: status.reason,
        me: owner ? startSession(deps, ctx, owner.userId, owner.tenantId) : null,
        email: owner?.email ?? null,
        password: owner?.password ?? null,
      };
    },

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
