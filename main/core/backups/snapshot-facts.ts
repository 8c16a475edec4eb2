import type Database from 'better-sqlite3';
import type { Migration } from '../../../db';

export interface SchemaFacts {
  /** Migrations applied to the database. */
  version: number;
  /** Tag of the newest applied migration this app knows, or null. */
  tag: string | null;
  /** Applied migrations this app does not know: the database comes from a newer version. */
  unknown: number;
}

export function schemaFacts(sqlite: Database.Database, migrations: Migration[]): SchemaFacts {
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!hasTable) return { version: 0, tag: null, unknown: 0 };
  const applied = sqlite.prepare('SELECT hash FROM "__drizzle_migrations" ORDER BY created_at').all() as {
    hash: string;
  }[];
  const byHash = new Map(migrations.map((m) => [m.hash, m]));
  let tag: string | null = null;
  let unknown = 0;
  for (const row of applied) {
    const known = byHash.get(row.hash);
    if (known) tag = known.tag;
    else unknown += 1;
  }
  return { version: applied.length, tag, unknown };
}

/** Rows per table (FTS shadow tables are left out: they follow their table). */
export function tableCounts(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
        AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
    )
    .all() as { name: string }[];
  const shadow = new Set(
    (
      sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        .all() as { name: string }[]
    ).flatMap(({ name }) => ['_data', '_idx', '_content', '_docsize', '_config'].map((s) => name + s)),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    if (shadow.has(name)) continue;
    const row = sqlite.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as {
      n: number;
    };
    counts[name] = row.n;
  }
  return counts;
}
