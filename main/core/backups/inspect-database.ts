import { Worker } from 'node:worker_threads';
import type { Migration } from '../../../db';

export interface DatabaseInspection {
  /** 'ok' or what PRAGMA integrity_check found; null when not asked for. */
  integrity: string | null;
  /** Rows per table (FTS shadow tables are left out: they follow their table). */
  tables: Record<string, number>;
  /** Hashes of the applied migrations, oldest first. */
  migrationHashes: string[];
}

export interface SchemaFacts {
  /** Migrations applied to the database. */
  version: number;
  /** Tag of the newest applied migration this app knows, or null. */
  tag: string | null;
  /** Applied migrations this app does not know: the database comes from a newer version. */
  unknown: number;
}

export function schemaFacts(hashes: string[], migrations: Migration[]): SchemaFacts {
  const byHash = new Map(migrations.map((m) => [m.hash, m]));
  let tag: string | null = null;
  let unknown = 0;
  for (const hash of hashes) {
    const known = byHash.get(hash);
    if (known) tag = known.tag;
    else unknown += 1;
  }
  return { version: hashes.length, tag, unknown };
}

// Plain JavaScript run in a worker thread: an integrity check of a large database takes seconds,
// and the app must keep answering meanwhile.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, {
    readonly: !workerData.journalDelete,
    fileMustExist: true,
    ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
  });
  if (workerData.journalDelete) db.pragma('journal_mode = DELETE');
  const integrity = workerData.integrity
    ? db.pragma('integrity_check').map((r) => r.integrity_check).join('; ')
    : null;
  const list = (sql) => db.prepare(sql).all().map((r) => r.name);
  const virtual = list("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'");
  const shadow = new Set(virtual.flatMap((n) => ['_data', '_idx', '_content', '_docsize', '_config'].map((s) => n + s)));
  const tables = {};
  for (const name of list("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
    if (virtual.includes(name) || shadow.has(name)) continue;
    tables[name] = db.prepare('SELECT count(*) AS n FROM "' + name.replaceAll('"', '""') + '"').get().n;
  }
  const migrationHashes = tables.__drizzle_migrations === undefined
    ? []
    : db.prepare('SELECT hash FROM "__drizzle_migrations" ORDER BY created_at').all().map((r) => r.hash);
  parentPort.postMessage({ ok: true, integrity, tables, migrationHashes });
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error && error.message ? error.message : error) });
} finally {
  if (db && db.open) db.close();
}
`;

export interface InspectOptions {
  integrity?: boolean;
  /** Switch the file to a rollback journal first, so it is one self-contained file. */
  journalDelete?: boolean;
  nativeBinding?: string;
}

export class InspectError extends Error {}

/** Opens a database file in a worker thread and reports its integrity, row counts and schema. */
export function inspectDatabase(path: string, options: InspectOptions = {}): Promise<DatabaseInspection> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        module: require.resolve('better-sqlite3'),
        path,
        integrity: options.integrity ?? false,
        journalDelete: options.journalDelete ?? false,
        nativeBinding: options.nativeBinding ?? null,
      },
    });
    let settled = false;
    worker.once(
      'message',
      (message: ({ ok: true } & DatabaseInspection) | { ok: false; message: string }) => {
        settled = true;
        if (message.ok)
          resolve({
            integrity: message.integrity,
            tables: message.tables,
            migrationHashes: message.migrationHashes,
          });
        else reject(new InspectError(message.message));
      },
    );
    worker.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The database check stopped unexpectedly (${code}).`));
    });
  });
}
