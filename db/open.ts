import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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
 * The database file readable by its owner only, whatever the umask: created empty with mode 0600
 * before SQLite opens it (an empty file is an empty database), so the -wal and -shm files SQLite
 * creates beside it get the same mode; an existing file and its companions are set to 0600.
 */
function makePrivate(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch {
      // not there (no -wal yet), or not ours to change: the data folder's 0700 still keeps others out
    }
  }
}

/**
 * Opens the database with the pragmas of DESIGN.md: WAL, foreign keys, synchronous=FULL (an
 * acknowledged write survives power loss) and a busy timeout for the CLI running beside the app.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DbHandle {
  if (!options.readonly) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    makePrivate(file);
  }
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
