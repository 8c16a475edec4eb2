import type Database from 'better-sqlite3';
import type { Clock } from '../../lib/clock';
import type { EventBus } from '../../lib/events';
import type { Logger } from '../../lib/logger';

export interface TenantTransferDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  appVersion: string;
  /** Directory of the app's migrations (for the schema version of this app). */
  migrationsDir: string;
}

/** Tenant export files and uploads in progress; export/import of one tenant's data. */
export class TenantTransferService {
  constructor(readonly deps: TenantTransferDeps) {}

  /** Removes expired export files and abandoned uploads. */
  stop(): void {}
}
