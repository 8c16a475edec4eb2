import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from './open';

export interface Migration {
  tag: string;
  when: number;
  hash: string;
  statements: string[];
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This database was written by a newer version of Mindframe (schema ${databaseVersion}; this app knows up to ${appVersion}). ` +
        'Install the newer version, or restore a backup made by this one.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export class MigrationFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationFailedError';
  }
}

export function loadMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map((entry) => {
    const sql = readFileSync(join(dir, `${entry.tag}.sql`), 'utf8');
    return {
      tag: entry.tag,
      when: entry.when,
      hash: createHash('sha256').update(sql).digest('hex'),
      statements: sql
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    };
  });
}

interface AppliedRow {
  hash: string;
  created_at: number;
}

const trackingTable = '__drizzle_migrations';

function appliedMigrations(handle: DbHandle): AppliedRow[] {
  handle.sqlite.exec(
    `CREATE TABLE IF NOT EXISTS "${trackingTable}" (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)`,
  );
  return handle.sqlite
    .prepare(`SELECT hash, created_at FROM "${trackingTable}" ORDER BY created_at`)
    .all() as AppliedRow[];
}

export interface SchemaState {
  /** Number of migrations applied to the database. */
  databaseVersion: number;
  /** Number of migrations this app ships. */
  appVersion: number;
  pending: Migration[];
  tooNew: boolean;
}

export function schemaState(handle: DbHandle, migrations: Migration[]): SchemaState {
  const applied = appliedMigrations(handle);
  const newestKnown = migrations.at(-1)?.when ?? 0;
  const knownHashes = new Set(migrations.map((m) => m.hash));
  const tooNew = applied.some((row) => Number(row.created_at) > newestKnown && !knownHashes.has(row.hash));
  const newestApplied = applied.reduce((max, row) => Math.max(max, Number(row.created_at)), 0);
  return {
    databaseVersion: applied.length,
    appVersion: migrations.length,
    pending: migrations.filter((m) => m.when > newestApplied),
    tooNew,
  };
}

export interface MigrateOptions {
  migrationsDir: string;
  /** Where the pre-migration copy goes; a database with no schema yet is not copied. */
  backupDir: string;
  now?: () => number;
}

export interface MigrateResult {
  applied: string[];
  backupFile: string | null;
}

/**
 * Applies pending migrations in one transaction. Refuses a database from a newer app, copies an
 * existing database before touching it, and keeps foreign keys off only around the transaction
 * (SQLite ignores that pragma inside one, which breaks drizzle's table rebuilds), checking them after.
 */
export function migrate(handle: DbHandle, options: MigrateOptions): MigrateResult {
  const migrations = loadMigrations(options.migrationsDir);
  const state = schemaState(handle, migrations);
  if (state.tooNew) throw new SchemaTooNewError(state.databaseVersion, state.appVersion);
  if (state.pending.length === 0) return { applied: [], backupFile: null };

  let backupFile: string | null = null;
  if (state.databaseVersion > 0) {
    mkdirSync(options.backupDir, { recursive: true });
    const stamp = new Date(options.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-');
    backupFile = join(options.backupDir, `pre-migration-${stamp}.sqlite`);
    handle.sqlite.prepare('VACUUM INTO ?').run(backupFile);
  }

  const { sqlite } = handle;
  sqlite.pragma('foreign_keys = OFF');
  try {
    const record = sqlite.prepare(`INSERT INTO "${trackingTable}" (hash, created_at) VALUES (?, ?)`);
    sqlite.transaction(() => {
      for (const migration of state.pending) {
        for (const statement of migration.statements) sqlite.exec(statement);
        record.run(migration.hash, migration.when);
      }
      const violations = sqlite.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw new MigrationFailedError(
          `Migration would leave ${violations.length} broken foreign key reference(s); nothing was changed.`,
        );
      }
    })();
  } catch (error) {
    if (error instanceof MigrationFailedError) throw error;
    throw new MigrationFailedError(
      `Database migration failed and was rolled back: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return { applied: state.pending.map((m) => m.tag), backupFile };
}
