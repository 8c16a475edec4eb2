import type Database from 'better-sqlite3';
import type { Strategy } from '../../contract';
import { AppError } from '../lib/errors';
import { defaultAutonomy, healingStrategies } from './strategies';

export type AutonomyMode = 'off' | 'ask' | 'automatic';

/** How far a tenant lets the Guardian act on its own, per strategy (guardian_autonomy). */
export class AutonomyStore {
  constructor(private readonly sqlite: Database.Database) {}

  /** The tenant's setting for a strategy, or the default when it has set none. */
  of(tenantId: string, strategy: Strategy): { mode: AutonomyMode; maxPerHour: number } {
    const row = this.sqlite
      .prepare('SELECT mode, max_per_hour FROM guardian_autonomy WHERE tenant_id = ? AND strategy = ?')
      .get(tenantId, strategy) as { mode: AutonomyMode; max_per_hour: number } | undefined;
    return row ? { mode: row.mode, maxPerHour: row.max_per_hour } : defaultAutonomy[strategy];
  }

  list(tenantId: string) {
    return (Object.keys(healingStrategies) as Strategy[]).map((strategy) => ({
      strategy,
      ...this.of(tenantId, strategy),
      automaticAllowed: healingStrategies[strategy].automaticAllowed,
    }));
  }

  set(tenantId: string, strategy: Strategy, mode: AutonomyMode, maxPerHour: number) {
    if (mode === 'automatic' && !healingStrategies[strategy].automaticAllowed) {
      throw new AppError('VALIDATION', 'Restoring a backup always waits for a person.', {
        field: 'mode',
        reason: 'restore_needs_person',
      });
    }
    this.sqlite
      .prepare(
        `INSERT INTO guardian_autonomy (tenant_id, strategy, mode, max_per_hour) VALUES (?, ?, ?, ?)
         ON CONFLICT(tenant_id, strategy) DO UPDATE SET mode = excluded.mode, max_per_hour = excluded.max_per_hour`,
      )
      .run(tenantId, strategy, mode, maxPerHour);
    return this.list(tenantId).find((a) => a.strategy === strategy)!;
  }
}
