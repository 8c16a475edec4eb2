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
const native = workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {};
async function run() {
  let path = workerData.path;
  if (workerData.copyTo) {
    // its own connection and one read transaction: a consistent copy the app's writers (main
    // thread, WAL mode) never wait for. VACUUM INTO rather than the backup API: measured here, the
    // backup API stalled concurrent commits for up to 360 ms (it syncs its whole copy at the end),
    // VACUUM INTO with synchronous=OFF (the copy is temporary) for under 10 ms
    const source = new Database(path, { readonly: true, fileMustExist: true, ...native });
    try {
      source.pragma('synchronous = OFF');
      source.prepare('VACUUM INTO ?').run(workerData.copyTo);
    } finally {
      source.close();
    }
    path = workerData.copyTo;
  }
  const db = new Database(path, { readonly: !workerData.journalDelete, fileMustExist: true, ...native });
  try {
    if (workerData.journalDelete) {
    // a temporary copy: syncing it would stall the live database's commits (see above)
    db.pragma('synchronous = OFF');
    db.pragma('journal_mode = DELETE');
  }
    const integrity = workerData.integrity
      ? db.pragma('integrity_check').map((r) => r.integrity_check).join('; ')
      : null;
    const list = (sql) => db.prepare(sql).all().map((r) => r.name);
    const virtual = list("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'");
    const shadow = new Set(virtual.flatMap((n) => ['_data', '_idx', '_content', '_docsize', '_config'].map((s) => n + s)));
    const tables = {};
    if (workerData.counts) for (const name of list("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
      if (virtual.includes(name) || shadow.has(name)) continue;
      tables[name] = db.prepare('SELECT count(*) AS n FROM "' + name.replaceAll('"', '""') + '"').get().n;
    }
    const migrationHashes = !list("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").length
      ? []
      : db.prepare('SELECT hash FROM "__drizzle_migrations" ORDER BY created_at').all().map((r) => r.hash);
    return { integrity, tables, migrationHashes };
  } finally {
    db.close();
  }
}
run().then(
  (result) => parentPort.postMessage({ ok: true, ...result }),
  (error) => parentPort.postMessage({ ok: false, message: String(error && error.message ? error.message : error) }),
);
`;

export interface InspectOptions {
  integrity?: boolean;
  /** First copy the database there (VACUUM INTO from the worker's own connection). */
  copyTo?: string;
  /** Count the rows of every table (default true). */
  counts?: boolean;
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
        counts: options.counts ?? true,
        copyTo: options.copyTo ?? null,
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
