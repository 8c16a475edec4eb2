import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema';

export type AppDb = BetterSQLite3Database<typeof schema>;

export interface DbHandle {
  file: string;
  sqlite: Database.Database;
  db: AppDb;
  close(): void;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Path to a better-sqlite3 binary built for another ABI (Electron). */
  nativeBinding?: string;
}

/**
 * Opens the database with the pragmas of DESIGN.md: WAL, foreign keys, synchronous=FULL (an
 * acknowledged write survives power loss) and a busy timeout for the CLI running beside the app.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DbHandle {
  if (!options.readonly) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  return {
    file,
    sqlite,
    db,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
